//! The lobby of one meeting: who is waiting, their sealed knocks, who was
//! turned away, and whether the meeting is locked. Sans-IO; the conference
//! turns its answers into messages.
//!
//! The server cannot open a knock and cannot let anyone into the MLS group
//! (only a host's client can commit an Add that clients accept; see
//! docs/admission.md). What this state machine guarantees on the server's
//! side is the rest of the promise: a waiting person gets nothing of the
//! meeting, nobody is let in without a host's `admit`, a host's arrival
//! admits nobody, and floods are capped apart from the participant cap.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::time::{Duration, Instant};

use conclave_signaling::{ErrorCode, ParticipantId};

/// People waiting in one meeting's lobby at once. Separate from the
/// participant cap, so a knock flood fills the lobby, not the meeting
/// (participants are unaffected). 200 lets an all-hands or a lecture hall
/// arrive in the minutes before it starts (hosts have "Admit all"); a
/// flood beyond it is refused with `lobby_full` while hosts can still admit
/// the people already waiting. Each waiting socket costs a few hundred
/// bytes and at most one 8 KiB knock: 200 bound the lobby under 2 MiB.
pub const MAX_WAITING: usize = 200;

/// Knocks one meeting shows its hosts per [`KNOCK_WINDOW`]. Each knock is
/// pushed to every host; 120 a minute shows 200 people arriving together
/// within two minutes, while a flood from many addresses (each already
/// held to its own per-address budget in the shell, and the lobby to
/// [`MAX_WAITING`]) cannot push hosts more than two knocks a second. A
/// knock beyond it waits its turn in the lobby rather than being refused:
/// refusing turned away real people who arrived in a rush (three of a
/// thousand in a `scripts/big-meeting.sh --lobby` run), who then had to
/// come back and knock again.
pub const MAX_KNOCKS_PER_WINDOW: usize = 120;
pub const KNOCK_WINDOW: Duration = Duration::from_secs(60);

/// Denials of the same device before it is blocked for the meeting: one
/// mistake by a host can be corrected by knocking again, a second "no" is
/// final.
pub const DENIALS_TO_BLOCK: u8 = 2;

/// A device token's hash (the shell hashes what the client sends).
pub type DeviceHash = [u8; 32];

#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone, Copy)]
pub enum LobbyError {
    #[error("this meeting is locked: nobody new may come in")]
    Locked,
    #[error("too many people are waiting to be admitted; try again later")]
    Full,
    #[error("a host turned this device away from the meeting")]
    Blocked,
    #[error("you are not waiting in the lobby")]
    NotWaiting,
    #[error("you knocked already")]
    AlreadyKnocked,
}

impl LobbyError {
    pub fn code(self) -> ErrorCode {
        match self {
            LobbyError::Locked => ErrorCode::MeetingLocked,
            LobbyError::Full => ErrorCode::LobbyFull,
            LobbyError::Blocked => ErrorCode::Blocked,
            LobbyError::NotWaiting | LobbyError::AlreadyKnocked => ErrorCode::BadMessage,
        }
    }

    /// Whether the socket is closed after it: a knocker that cannot wait
    /// here has nothing else to do.
    pub fn is_fatal(self) -> bool {
        !matches!(self, LobbyError::NotWaiting | LobbyError::AlreadyKnocked)
    }
}

/// Someone in the lobby.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub device: Option<DeviceHash>,
    /// The sealed knock, once sent.
    pub sealed: Option<String>,
}

#[derive(Debug, Default)]
pub struct Lobby {
    locked: bool,
    waiting: BTreeMap<ParticipantId, Waiting>,
    /// Members who lost their group state and knocked again: a host must
    /// admit them again too.
    reknocks: BTreeMap<ParticipantId, String>,
    denials: HashMap<DeviceHash, u8>,
    blocked: BTreeSet<DeviceHash>,
    /// When the knocks of the last [`KNOCK_WINDOW`] were shown to hosts.
    recent_knocks: VecDeque<Instant>,
    /// Knocks (of waiting people or members) not shown yet, in the order
    /// they came: the window's budget was spent.
    held: VecDeque<ParticipantId>,
}

/// A knock to show the hosts now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownKnock {
    pub participant: ParticipantId,
    pub sealed: String,
    /// A member's knock after it lost its group state.
    pub member: bool,
}

impl Lobby {
    pub fn new(locked: bool) -> Self {
        Self {
            locked,
            ..Self::default()
        }
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    pub fn set_locked(&mut self, locked: bool) {
        self.locked = locked;
    }

    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// Everyone in the lobby, knocked or not yet.
    pub fn waiting(&self) -> impl Iterator<Item = ParticipantId> + '_ {
        self.waiting.keys().copied()
    }

    pub fn is_waiting(&self, id: ParticipantId) -> bool {
        self.waiting.contains_key(&id)
    }

    pub fn is_blocked(&self, device: Option<&DeviceHash>) -> bool {
        device.is_some_and(|d| self.blocked.contains(d))
    }

    /// Someone without the host secret arrives.
    pub fn handle_arrival(
        &mut self,
        id: ParticipantId,
        device: Option<DeviceHash>,
    ) -> Result<(), LobbyError> {
        if self.is_blocked(device.as_ref()) {
            return Err(LobbyError::Blocked);
        }
        if self.locked {
            return Err(LobbyError::Locked);
        }
        if self.waiting.len() >= MAX_WAITING {
            return Err(LobbyError::Full);
        }
        self.waiting.insert(
            id,
            Waiting {
                device,
                sealed: None,
            },
        );
        Ok(())
    }

    /// A waiting person's sealed knock, or a member's knock after it lost
    /// its group state. `Ok` holds the knocks to show the hosts now: this
    /// one, unless the window's budget is spent (then it waits for
    /// [`Lobby::release_held`]), after any that waited before it.
    pub fn handle_knock(
        &mut self,
        id: ParticipantId,
        sealed: String,
        member: bool,
        now: Instant,
    ) -> Result<Vec<ShownKnock>, LobbyError> {
        if member {
            self.reknocks.insert(id, sealed);
        } else {
            let w = self.waiting.get_mut(&id).ok_or(LobbyError::NotWaiting)?;
            if w.sealed.is_some() {
                return Err(LobbyError::AlreadyKnocked);
            }
            w.sealed = Some(sealed);
        }
        if !self.held.contains(&id) {
            self.held.push_back(id);
        }
        Ok(self.release_held(now))
    }

    /// The held knocks the window's budget now lets through, oldest first.
    pub fn release_held(&mut self, now: Instant) -> Vec<ShownKnock> {
        while self
            .recent_knocks
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= KNOCK_WINDOW)
        {
            self.recent_knocks.pop_front();
        }
        let mut shown = Vec::new();
        while self.recent_knocks.len() < MAX_KNOCKS_PER_WINDOW
            && let Some(id) = self.held.pop_front()
        {
            let knock = match self.reknocks.get(&id) {
                Some(sealed) => Some((sealed.clone(), true)),
                None => self
                    .waiting
                    .get(&id)
                    .and_then(|w| w.sealed.clone())
                    .map(|s| (s, false)),
            };
            // Gone (left, admitted, denied) while it waited: nothing to show.
            if let Some((sealed, member)) = knock {
                self.recent_knocks.push_back(now);
                shown.push(ShownKnock {
                    participant: id,
                    sealed,
                    member,
                });
            }
        }
        shown
    }

    /// When the next held knock may be shown.
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.held.is_empty() {
            return None;
        }
        self.recent_knocks.front().map(|t| *t + KNOCK_WINDOW)
    }

    /// Every knock a host should see (for a host who just arrived): not
    /// those still held, which reach every host when they are shown.
    pub fn knocks(&self) -> impl Iterator<Item = (ParticipantId, &str)> + '_ {
        self.waiting
            .iter()
            .filter_map(|(id, w)| w.sealed.as_deref().map(|s| (*id, s)))
            .chain(self.reknocks.iter().map(|(id, s)| (*id, s.as_str())))
            .filter(|(id, _)| !self.held.contains(id))
    }

    /// A host admits `id`. Returns the waiting entry (for a knocker) or
    /// `None` for a member's re-knock; `Err` if there is no knock to admit.
    pub fn admit(&mut self, id: ParticipantId) -> Result<Option<Waiting>, LobbyError> {
        if self.reknocks.remove(&id).is_some() {
            return Ok(None);
        }
        match self.waiting.get(&id) {
            Some(w) if w.sealed.is_some() => Ok(self.waiting.remove(&id)),
            _ => Err(LobbyError::NotWaiting),
        }
    }

    /// A host turns `id` away. Returns whether its device is now blocked.
    pub fn deny(&mut self, id: ParticipantId) -> Result<bool, LobbyError> {
        if self.reknocks.remove(&id).is_some() {
            return Ok(false);
        }
        let w = self.waiting.remove(&id).ok_or(LobbyError::NotWaiting)?;
        let Some(device) = w.device else {
            return Ok(false);
        };
        let count = self.denials.entry(device).or_insert(0);
        *count = count.saturating_add(1);
        if *count >= DENIALS_TO_BLOCK {
            self.blocked.insert(device);
            return Ok(true);
        }
        Ok(false)
    }

    /// A host removes someone still waiting: gone, and its device may not
    /// knock again. `false` if `id` was not waiting.
    pub fn turn_away(&mut self, id: ParticipantId) -> bool {
        let Some(w) = self.waiting.remove(&id) else {
            return false;
        };
        if let Some(d) = w.device {
            self.blocked.insert(d);
        }
        true
    }

    /// A removed participant's device may not knock again.
    pub fn block(&mut self, device: DeviceHash) {
        self.blocked.insert(device);
    }

    /// The socket closed. Returns whether `id` had a knock hosts were shown.
    pub fn handle_leave(&mut self, id: ParticipantId) -> bool {
        let reknock = self.reknocks.remove(&id).is_some();
        let waited = self.waiting.remove(&id).is_some_and(|w| w.sealed.is_some());
        let held = self.held.contains(&id);
        self.held.retain(|p| *p != id);
        (reknock || waited) && !held
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: ParticipantId = ParticipantId(1);
    const B: ParticipantId = ParticipantId(2);

    #[test]
    fn a_knock_is_admitted_only_once_it_is_sealed_and_only_once() {
        let now = Instant::now();
        let mut l = Lobby::new(false);
        l.handle_arrival(A, None).unwrap();
        assert_eq!(l.admit(A), Err(LobbyError::NotWaiting), "no knock yet");
        l.handle_knock(A, "sealed".into(), false, now).unwrap();
        assert_eq!(
            l.handle_knock(A, "again".into(), false, now),
            Err(LobbyError::AlreadyKnocked)
        );
        assert_eq!(l.knocks().collect::<Vec<_>>(), [(A, "sealed")]);
        assert!(l.admit(A).unwrap().is_some());
        assert_eq!(l.admit(A), Err(LobbyError::NotWaiting));
        assert!(l.is_empty());
    }

    #[test]
    fn a_second_denial_blocks_the_device() {
        let now = Instant::now();
        let mut l = Lobby::new(false);
        let device = [7; 32];
        l.handle_arrival(A, Some(device)).unwrap();
        l.handle_knock(A, "s".into(), false, now).unwrap();
        assert_eq!(l.deny(A), Ok(false));
        l.handle_arrival(B, Some(device)).unwrap();
        l.handle_knock(B, "s".into(), false, now).unwrap();
        assert_eq!(l.deny(B), Ok(true));
        assert_eq!(
            l.handle_arrival(ParticipantId(3), Some(device)),
            Err(LobbyError::Blocked)
        );
    }

    #[test]
    fn locked_full_and_flooded_lobbies_refuse() {
        let now = Instant::now();
        let mut l = Lobby::new(true);
        assert_eq!(l.handle_arrival(A, None), Err(LobbyError::Locked));
        l.set_locked(false);
        for i in 0..MAX_WAITING as u64 {
            l.handle_arrival(ParticipantId(100 + i), None).unwrap();
        }
        assert_eq!(l.handle_arrival(A, None), Err(LobbyError::Full));
        for i in 0..MAX_KNOCKS_PER_WINDOW as u64 {
            let shown = l
                .handle_knock(ParticipantId(100 + i), "s".into(), false, now)
                .unwrap();
            assert_eq!(shown.len(), 1);
        }
        // The budget is spent: the next knocks wait, in order, and a host
        // arriving now is not shown them either.
        let next = ParticipantId(100 + MAX_KNOCKS_PER_WINDOW as u64);
        let after = ParticipantId(101 + MAX_KNOCKS_PER_WINDOW as u64);
        let gone = ParticipantId(102 + MAX_KNOCKS_PER_WINDOW as u64);
        for p in [next, after, gone] {
            assert_eq!(l.handle_knock(p, "s".into(), false, now), Ok(vec![]));
        }
        assert!(!l.knocks().any(|(p, _)| p == next));
        assert_eq!(l.poll_timeout(), Some(now + KNOCK_WINDOW));
        assert!(!l.handle_leave(gone), "a held knock was never shown");
        assert!(
            l.release_held(now + KNOCK_WINDOW - Duration::from_millis(1))
                .is_empty()
        );
        let shown: Vec<ParticipantId> = l
            .release_held(now + KNOCK_WINDOW)
            .into_iter()
            .map(|k| k.participant)
            .collect();
        assert_eq!(shown, [next, after]);
        assert_eq!(l.poll_timeout(), None);
    }

    #[test]
    fn leaving_withdraws_the_knock() {
        let now = Instant::now();
        let mut l = Lobby::new(false);
        l.handle_arrival(A, None).unwrap();
        assert!(!l.handle_leave(A), "no knock was shown yet");
        l.handle_arrival(B, None).unwrap();
        l.handle_knock(B, "s".into(), false, now).unwrap();
        assert!(l.handle_leave(B));
        assert_eq!(l.knocks().count(), 0);
    }
}
