//! The state of one live meeting: who is in it, their names, roles and what
//! they show, and who has gone silent. A sans-IO state machine: inputs are
//! `handle_*(…, now)`, outputs are drained with [`Meeting::poll_output`].
//!
//! It never touches sockets, media or storage, and never sees the meeting's
//! id (the shell keys meetings; this struct does not need to know).

pub mod delivery;
pub mod lobby;
pub mod room;

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use conclave_signaling::{ErrorCode, ParticipantId, ParticipantInfo, ServerMessage};

/// A participant the server has not heard from for this long is removed.
/// Clients ping every 5 s. 45 s carries a participant through an outage of
/// 20 s or so (a dropped Wi-Fi link, a train tunnel) in the same meeting and
/// MLS group: its signaling socket needs up to 15 s more after the network
/// returns (TCP's retransmission backoff) before its pings get through, and
/// the SFU keeps its quiet peers as long. The cost: a vanished client stays
/// on everyone's list, and in the group, that long. (A closed tab closes
/// its socket at once; this catches half-dead TCP.)
pub const SILENCE_TIMEOUT: Duration = Duration::from_secs(45);

/// Nothing heard from a member (no signaling, no media) for this long shows
/// them as reconnecting to everyone. Clients ping every 5 s, so 12 s is two
/// missed pings plus slack: a busy link does not flicker the label, while
/// people see within seconds why someone froze.
pub const RECONNECTING_AFTER: Duration = Duration::from_secs(12);

/// How long media alone keeps a member whose signaling has gone quiet. A
/// stalled TCP socket (an outage: TCP backs off and retries for many
/// seconds after UDP already flows again) must not eject someone whose
/// audio and video arrive; but a member who never speaks signaling again
/// cannot follow key changes either, so this bounds it (a minute, well
/// beyond TCP's recovery after outages of tens of seconds).
pub const MEDIA_ONLY_LIMIT: Duration = Duration::from_secs(60);

/// Default cap on participants per meeting. Every participant receives every
/// other one's media, so cost grows with the square; 100 keeps a single node
/// predictable until capacity is measured.
pub const DEFAULT_MAX_PARTICIPANTS: usize = 100;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum JoinError {
    #[error("this meeting is full ({0} participants)")]
    Full(usize),
    #[error("already joined")]
    AlreadyJoined,
}

impl JoinError {
    pub fn code(&self) -> ErrorCode {
        match self {
            JoinError::Full(_) => ErrorCode::MeetingFull,
            JoinError::AlreadyJoined => ErrorCode::AlreadyJoined,
        }
    }
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Send {
        to: ParticipantId,
        message: ServerMessage,
    },
    /// Remove this participant (silent for too long): close their socket and
    /// drop their media. Everyone else has already been told they left.
    Evict { participant: ParticipantId },
}

struct Member {
    info: ParticipantInfo,
    /// The last sign of life: a signaling message or a media datagram.
    last_heard: Instant,
    /// The last signaling message.
    last_signal: Instant,
}

impl Member {
    /// When the member is removed unless heard from.
    fn gone_at(&self) -> Instant {
        (self.last_heard + SILENCE_TIMEOUT).min(self.last_signal + MEDIA_ONLY_LIMIT)
    }

    /// The next thing due: shown reconnecting, then removed.
    fn deadline(&self) -> Instant {
        if self.info.reconnecting {
            self.gone_at()
        } else {
            self.gone_at().min(self.last_heard + RECONNECTING_AFTER)
        }
    }
}

pub struct Meeting {
    members: BTreeMap<ParticipantId, Member>,
    max_participants: usize,
    outputs: VecDeque<Output>,
}

impl Meeting {
    pub fn new(max_participants: usize) -> Self {
        Self {
            members: BTreeMap::new(),
            max_participants,
            outputs: VecDeque::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn contains(&self, id: ParticipantId) -> bool {
        self.members.contains_key(&id)
    }

    pub fn member_ids(&self) -> impl Iterator<Item = ParticipantId> + '_ {
        self.members.keys().copied()
    }

    /// A participant asks to join. `host` was established by the shell from
    /// the host secret.
    pub fn handle_join(
        &mut self,
        id: ParticipantId,
        host: bool,
        now: Instant,
    ) -> Result<(), JoinError> {
        if self.members.contains_key(&id) {
            return Err(JoinError::AlreadyJoined);
        }
        if self.members.len() >= self.max_participants {
            return Err(JoinError::Full(self.max_participants));
        }
        let info = ParticipantInfo {
            id,
            host,
            audio_muted: false,
            video_muted: false,
            screen_sharing: false,
            reconnecting: false,
        };
        self.broadcast_except(
            id,
            ServerMessage::ParticipantJoined {
                participant: info.clone(),
            },
        );
        self.members.insert(
            id,
            Member {
                info,
                last_heard: now,
                last_signal: now,
            },
        );
        let participants = self.members.values().map(|m| m.info.clone()).collect();
        self.outputs.push_back(Output::Send {
            to: id,
            message: ServerMessage::Welcome {
                you: id,
                participants,
            },
        });
        Ok(())
    }

    /// Any message from a participant proves they are alive.
    pub fn handle_heard(&mut self, id: ParticipantId, now: Instant) {
        if let Some(m) = self.members.get_mut(&id) {
            m.last_heard = m.last_heard.max(now);
            m.last_signal = m.last_signal.max(now);
        }
        self.back_if_reconnecting(id, now);
    }

    /// A media datagram from the participant arrived at `at`: alive too,
    /// though only for [`MEDIA_ONLY_LIMIT`] past its last signaling.
    pub fn handle_media_heard(&mut self, id: ParticipantId, at: Instant) {
        if let Some(m) = self.members.get_mut(&id) {
            m.last_heard = m.last_heard.max(at);
        }
        self.back_if_reconnecting(id, at);
    }

    fn back_if_reconnecting(&mut self, id: ParticipantId, now: Instant) {
        let back = self
            .members
            .get(&id)
            .is_some_and(|m| m.info.reconnecting && m.last_heard + RECONNECTING_AFTER > now);
        if back {
            self.update(id, |info| info.reconnecting = false);
        }
    }

    /// A participant left (on purpose, socket closed, or media failed).
    pub fn handle_leave(&mut self, id: ParticipantId) {
        if self.members.remove(&id).is_some() {
            self.broadcast_except(id, ServerMessage::ParticipantLeft { id });
        }
    }

    pub fn handle_media_state(&mut self, id: ParticipantId, audio_muted: bool, video_muted: bool) {
        self.update(id, |info| {
            info.audio_muted = audio_muted;
            info.video_muted = video_muted;
        });
    }

    /// A host made `id` a co-host: everyone's list shows it.
    pub fn handle_promoted(&mut self, id: ParticipantId) {
        self.update(id, |info| info.host = true);
    }

    pub fn handle_screen_sharing(&mut self, id: ParticipantId, sharing: bool) {
        self.update(id, |info| info.screen_sharing = sharing);
    }

    /// Sends a message to everyone in the meeting.
    pub fn broadcast(&mut self, message: ServerMessage) {
        for id in self.members.keys() {
            self.outputs.push_back(Output::Send {
                to: *id,
                message: message.clone(),
            });
        }
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        let due: Vec<(ParticipantId, bool)> = self
            .members
            .iter()
            .filter(|(_, m)| m.deadline() <= now)
            .map(|(id, m)| (*id, m.gone_at() <= now))
            .collect();
        for (id, gone) in due {
            if gone {
                self.handle_leave(id);
                self.outputs.push_back(Output::Evict { participant: id });
            } else {
                self.update(id, |info| info.reconnecting = true);
            }
        }
    }

    pub fn poll_timeout(&self) -> Option<Instant> {
        self.members.values().map(Member::deadline).min()
    }

    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    fn update(&mut self, id: ParticipantId, change: impl FnOnce(&mut ParticipantInfo)) {
        let Some(m) = self.members.get_mut(&id) else {
            return;
        };
        let before = m.info.clone();
        change(&mut m.info);
        if m.info != before {
            let participant = m.info.clone();
            self.broadcast(ServerMessage::ParticipantUpdated { participant });
        }
    }

    fn broadcast_except(&mut self, except: ParticipantId, message: ServerMessage) {
        for id in self.members.keys().filter(|id| **id != except) {
            self.outputs.push_back(Output::Send {
                to: *id,
                message: message.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADA: ParticipantId = ParticipantId(1);
    const BOB: ParticipantId = ParticipantId(2);
    const CY: ParticipantId = ParticipantId(3);

    fn drain(m: &mut Meeting) -> Vec<Output> {
        std::iter::from_fn(|| m.poll_output()).collect()
    }

    fn sent_to(outputs: &[Output], to: ParticipantId) -> Vec<&ServerMessage> {
        outputs
            .iter()
            .filter_map(|o| match o {
                Output::Send { to: t, message } if *t == to => Some(message),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn joiner_is_welcomed_with_everyone_and_others_are_told() {
        let now = Instant::now();
        let mut m = Meeting::new(10);
        m.handle_join(ADA, true, now).unwrap();
        drain(&mut m);
        m.handle_join(BOB, false, now).unwrap();
        let out = drain(&mut m);
        let to_bob = sent_to(&out, BOB);
        let ServerMessage::Welcome { you, participants } = to_bob[0] else {
            panic!("expected welcome, got {to_bob:?}");
        };
        assert_eq!(*you, BOB);
        let ids: Vec<_> = participants.iter().map(|p| p.id).collect();
        assert_eq!(ids, [ADA, BOB]);
        assert!(participants[0].host && !participants[1].host);
        assert!(matches!(
            sent_to(&out, ADA)[0],
            ServerMessage::ParticipantJoined { participant } if participant.id == BOB
        ));
    }

    #[test]
    fn full_meetings_and_double_joins_are_refused() {
        let now = Instant::now();
        let mut m = Meeting::new(2);
        m.handle_join(ADA, false, now).unwrap();
        assert_eq!(
            m.handle_join(ADA, false, now),
            Err(JoinError::AlreadyJoined)
        );
        m.handle_join(BOB, false, now).unwrap();
        assert_eq!(m.handle_join(CY, false, now), Err(JoinError::Full(2)));
        assert_eq!(JoinError::Full(2).code(), ErrorCode::MeetingFull);
    }

    #[test]
    fn leaving_tells_everyone_else_once() {
        let now = Instant::now();
        let mut m = Meeting::new(10);
        for id in [ADA, BOB, CY] {
            m.handle_join(id, false, now).unwrap();
        }
        drain(&mut m);
        m.handle_leave(BOB);
        m.handle_leave(BOB);
        let out = drain(&mut m);
        assert_eq!(out.len(), 2);
        assert!(sent_to(&out, BOB).is_empty());
        assert_eq!(
            sent_to(&out, CY),
            [&ServerMessage::ParticipantLeft { id: BOB }]
        );
    }

    #[test]
    fn silent_participant_is_evicted_after_the_timeout() {
        let t0 = Instant::now();
        let mut m = Meeting::new(10);
        m.handle_join(ADA, false, t0).unwrap();
        m.handle_join(BOB, false, t0).unwrap();
        drain(&mut m);
        assert_eq!(m.poll_timeout(), Some(t0 + RECONNECTING_AFTER));
        let t1 = t0 + Duration::from_secs(10);
        m.handle_heard(ADA, t1);
        m.handle_timeout(t1);
        assert!(drain(&mut m).is_empty(), "nobody is silent yet");
        // Ada keeps pinging; Bob is shown reconnecting, then goes.
        let mut t = t1;
        while t + Duration::from_secs(5) < t0 + SILENCE_TIMEOUT {
            t += Duration::from_secs(5);
            m.handle_heard(ADA, t);
            m.handle_timeout(t);
        }
        assert_eq!(reconnecting_of(&drain(&mut m), ADA, BOB), [true]);
        let t2 = t0 + SILENCE_TIMEOUT;
        m.handle_timeout(t2);
        let out = drain(&mut m);
        assert!(out.contains(&Output::Evict { participant: BOB }));
        assert_eq!(
            sent_to(&out, ADA),
            [&ServerMessage::ParticipantLeft { id: BOB }]
        );
        assert!(!m.contains(BOB) && m.contains(ADA));
    }

    fn reconnecting_of(out: &[Output], to: ParticipantId, who: ParticipantId) -> Vec<bool> {
        sent_to(out, to)
            .into_iter()
            .filter_map(|m| match m {
                ServerMessage::ParticipantUpdated { participant } if participant.id == who => {
                    Some(participant.reconnecting)
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_quiet_member_is_shown_reconnecting_until_heard_again() {
        let t0 = Instant::now();
        let secs = Duration::from_secs;
        let mut m = Meeting::new(10);
        m.handle_join(ADA, false, t0).unwrap();
        m.handle_join(BOB, false, t0).unwrap();
        drain(&mut m);
        // Ada pings on; Bob goes quiet at t0.
        let mut t = t0;
        while t < t0 + RECONNECTING_AFTER - secs(1) {
            t += secs(1);
            m.handle_heard(ADA, t);
            m.handle_timeout(t);
        }
        assert!(
            reconnecting_of(&drain(&mut m), ADA, BOB).is_empty(),
            "not yet"
        );
        let quiet = t0 + RECONNECTING_AFTER;
        m.handle_heard(ADA, quiet);
        assert_eq!(m.poll_timeout(), Some(quiet), "Bob's label is due");
        m.handle_timeout(quiet);
        assert_eq!(
            reconnecting_of(&drain(&mut m), ADA, BOB),
            [true],
            "everyone is told"
        );
        assert!(m.contains(BOB), "still in the meeting");
        m.handle_timeout(quiet + secs(1));
        assert!(
            reconnecting_of(&drain(&mut m), ADA, BOB).is_empty(),
            "told once"
        );
        // Bob's pings get through again.
        m.handle_heard(BOB, quiet + secs(8));
        assert_eq!(reconnecting_of(&drain(&mut m), ADA, BOB), [false], "back");
        assert!(m.contains(BOB));
    }

    #[test]
    fn media_keeps_a_member_whose_signaling_stalled_but_only_for_a_while() {
        let t0 = Instant::now();
        let secs = Duration::from_secs;
        let mut m = Meeting::new(10);
        m.handle_join(ADA, false, t0).unwrap();
        m.handle_join(BOB, false, t0).unwrap();
        drain(&mut m);
        // Bob's socket stalls at t0; his media keeps arriving.
        for t in (1..=10).map(|s| t0 + secs(s)) {
            m.handle_heard(ADA, t);
            m.handle_media_heard(BOB, t);
            m.handle_timeout(t);
        }
        assert!(drain(&mut m).is_empty(), "media flowing: nobody evicted");
        assert!(m.contains(BOB));
        // A media time older than what was heard does not turn back the clock.
        m.handle_media_heard(BOB, t0);
        // Media stops at t0+10: gone SILENCE_TIMEOUT later (within MEDIA_ONLY_LIMIT).
        let t = t0 + secs(10) + SILENCE_TIMEOUT;
        m.handle_heard(ADA, t);
        m.handle_timeout(t - secs(1));
        assert!(m.contains(BOB));
        m.handle_timeout(t);
        assert!(drain(&mut m).contains(&Output::Evict { participant: BOB }));

        // Media for ever, signaling never again: out at MEDIA_ONLY_LIMIT.
        let t1 = t + secs(1);
        m.handle_join(CY, false, t1).unwrap();
        drain(&mut m);
        let mut evicted_at = None;
        for t in (1..=MEDIA_ONLY_LIMIT.as_secs()).map(|s| t1 + secs(s)) {
            m.handle_heard(ADA, t);
            m.handle_media_heard(CY, t);
            m.handle_timeout(t);
            if evicted_at.is_none() && drain(&mut m).contains(&Output::Evict { participant: CY }) {
                evicted_at = Some(t);
            }
        }
        assert_eq!(evicted_at, Some(t1 + MEDIA_ONLY_LIMIT));
    }

    #[test]
    fn mute_and_screen_share_changes_are_broadcast_only_when_they_change() {
        let now = Instant::now();
        let mut m = Meeting::new(10);
        m.handle_join(ADA, false, now).unwrap();
        m.handle_join(BOB, false, now).unwrap();
        drain(&mut m);
        m.handle_media_state(ADA, true, false);
        let out = drain(&mut m);
        assert_eq!(
            out.len(),
            2,
            "everyone, including Ada, learns the new state"
        );
        m.handle_media_state(ADA, true, false);
        assert!(drain(&mut m).is_empty());
        m.handle_screen_sharing(BOB, true);
        let out = drain(&mut m);
        assert!(matches!(
            sent_to(&out, ADA)[0],
            ServerMessage::ParticipantUpdated { participant } if participant.screen_sharing
        ));
    }
}
