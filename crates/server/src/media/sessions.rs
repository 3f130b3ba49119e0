//! Signaling sessions that outlive their socket. Every message the media
//! task sends a participant is numbered; a member gets a resume token with
//! its `welcome`, and what it has not acknowledged is kept. When its socket
//! closes or stalls (an outage, Wi-Fi to cable, a new address), its place
//! in the meeting and the MLS group is held for [`RESUME_GRACE`]; a new
//! socket that shows the token takes the place over and gets every message
//! it missed, in order, so no MLS commit is lost on the way. Sans-IO: the
//! media task feeds it sockets, acknowledgements and time.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::ops::Deref;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use conclave_signaling::{ParticipantId, ServerMessage, encode_body};
use rand::RngCore as _;
use sha2::{Digest as _, Sha256};
use tokio::sync::mpsc;

use super::Outbound;

/// How long the place of a member whose socket closed is kept for a resume.
/// Long enough for a 20-s outage, a laptop changing networks or a phone
/// leaving a lift; short enough that someone who really left stops holding
/// a seat (and the group's keys) within half a minute. Below the room's
/// silence timeout (45 s), so the room never removes someone still within
/// their grace.
pub const RESUME_GRACE: Duration = Duration::from_secs(30);

/// Unacknowledged messages kept per member. Clients acknowledge every 5 s
/// (with their ping), when a handful are outstanding; 2048 covers a burst
/// such as a crowd joining at once, or the introductions from every member
/// of a 1000-person meeting that a joiner receives (the byte limit below
/// still bounds the memory). Beyond it the member can no longer resume (a
/// gap would break its MLS state) and rejoins instead.
const MAX_KEPT: usize = 2048;

/// Messages queued on one client's socket before it counts as stuck: all a
/// resume may replay (up to [`MAX_KEPT`], and `resumed`) and room for what
/// keeps coming while the client reads them. A queue the size of the
/// replay alone counted a resumed socket stuck at the next message, so a
/// client that came back behind was dropped again at once, resumed again,
/// and replayed the same backlog (seen in 1000-member runs of
/// `scripts/big-meeting.sh`). Signaling is a few messages a second, but a
/// member who joins a 1000-person meeting gets every member's introduction
/// (docs/e2ee.md "Names") within a second of its commit; the live room
/// absorbs that burst. A dead reader holds at most this many messages
/// until it is dropped, and the queue only grows with what is in it.
pub const OUTBOX_CAPACITY: usize = MAX_KEPT + 1024;

/// Bytes of unacknowledged messages kept per member, by the size of their
/// large fields (SDP, MLS messages). 2 MiB holds several commits of a large
/// group; a member that stops acknowledging cannot make the server hold more.
const MAX_KEPT_BYTES: usize = 2 << 20;

/// Backlog slots a member keeps whatever its backlog (see
/// [`Sessions::acknowledge`]): a few seconds of a quiet meeting's messages.
/// More is memory per member; fewer reallocates between acknowledgements.
const KEPT_SLOTS_SPARE: usize = 16;

/// Bytes of a resume token: 128 random bits, nothing to guess.
const TOKEN_BYTES: usize = 16;

/// One signaling socket, as the media task tells them apart (a resumed
/// member's new socket has a new id; the old one's late messages are not
/// taken for the new one's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SocketId(pub u64);

/// Where a socket's messages go. The media task never waits on a socket: a
/// full queue means a stuck socket.
pub trait Outbox {
    /// Queues `out`; false when the queue is full or the socket is gone.
    fn offer(&self, out: Outbound) -> bool;
}

impl Outbox for mpsc::Sender<Outbound> {
    fn offer(&self, out: Outbound) -> bool {
        self.try_send(out).is_ok()
    }
}

/// A numbered message as all its recipients share it (see
/// [`Sessions::send`]): the message, and its JSON once the first socket
/// wrote it. A commit to every member of a large meeting (70 KB at 1000,
/// with the roster) was serialised once per socket, a thousand times.
#[derive(Debug)]
pub struct SharedMessage {
    message: ServerMessage,
    json: OnceLock<String>,
}

impl SharedMessage {
    fn new(message: ServerMessage) -> Self {
        Self {
            message,
            json: OnceLock::new(),
        }
    }

    /// The message's own JSON, without the envelope (each recipient's
    /// sequence number goes there): `conclave_signaling::frame_numbered`.
    pub fn json(&self) -> &str {
        self.json.get_or_init(|| encode_body(&self.message))
    }
}

impl Deref for SharedMessage {
    type Target = ServerMessage;

    fn deref(&self) -> &ServerMessage {
        &self.message
    }
}

/// What became of a message for one participant.
#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    /// Queued on its socket (and kept until acknowledged, once resumable).
    Queued,
    /// Its socket is gone; kept for a resume.
    Held,
    /// Nobody by that id.
    Unknown,
    /// Its socket is stuck or gone and it cannot resume: it must leave.
    Lost,
}

/// What a socket closing means.
#[derive(Debug, PartialEq, Eq)]
pub enum Closed {
    /// Not (or no longer) that participant's socket: nothing changes.
    Stale,
    /// The place is held for [`RESUME_GRACE`].
    Held,
    /// It cannot resume: it has left.
    Gone,
}

/// Why a `resume` was refused (the client joins anew).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    #[error("this resume token is unknown or has expired")]
    UnknownToken,
    #[error("messages since the last one you saw are no longer kept")]
    Gap,
}

struct Session<O> {
    socket: SocketId,
    /// `None` while the member is away (held for a resume).
    outbox: Option<O>,
    next_seq: u64,
    /// Sent and not yet acknowledged, oldest first; only once resumable.
    kept: VecDeque<(u64, Arc<SharedMessage>)>,
    kept_bytes: usize,
    /// The token's hash, once the member was welcomed and while it can
    /// resume (a message lost to the limits ends that).
    token: Option<[u8; 32]>,
    away_since: Option<Instant>,
    /// The number of the subscribe offer awaiting its answer (the SFU has
    /// one outstanding at a time); see [`Sessions::answered`].
    offer_seq: Option<u64>,
}

pub struct Sessions<O> {
    sessions: HashMap<ParticipantId, Session<O>>,
    tokens: HashMap<[u8; 32], ParticipantId>,
    /// Members away, by when they went: the media task asks for the next
    /// expiry on every wake-up (per packet), so it is a lookup here, not a
    /// walk over every session.
    away: BTreeSet<(Instant, ParticipantId)>,
    /// The last message numbered, shared with the next recipient if it is
    /// the same: a broadcast (a join, a speaker change, an MLS commit to
    /// every member) comes as one send per member in a row, and each
    /// member's copy is kept until it acknowledges. Shared, a 700-member
    /// meeting keeps one copy of a commit rather than 700, and a crowd
    /// joining costs each member a pointer per announcement.
    last_numbered: Option<Arc<SharedMessage>>,
}

impl<O> Default for Sessions<O> {
    fn default() -> Self {
        Self {
            sessions: HashMap::new(),
            tokens: HashMap::new(),
            away: BTreeSet::new(),
            last_numbered: None,
        }
    }
}

fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Roughly what a kept message costs: its large fields, plus a constant for
/// the rest.
fn weight(m: &ServerMessage) -> usize {
    64 + match m {
        ServerMessage::SubscribeOffer { sdp, .. } | ServerMessage::PublishAnswer { sdp } => {
            sdp.len()
        }
        ServerMessage::MlsCommit { commit, .. } => commit.len(),
        ServerMessage::MlsWelcome { welcome } => welcome.len(),
        ServerMessage::MlsApplication { message, .. } => message.len(),
        ServerMessage::Knock { sealed, .. } => sealed.len(),
        ServerMessage::Promoted { sealed_key } => sealed_key.len(),
        ServerMessage::Welcome { participants, .. } => participants.len() * 128,
        ServerMessage::MlsCommitRequest { adds, .. } => {
            adds.iter().map(|a| a.key_package.len() + 64).sum()
        }
        _ => 0,
    }
}

impl<O: Outbox> Sessions<O> {
    /// A socket sent `join`: its messages go to `outbox` from now on.
    pub fn open(&mut self, id: ParticipantId, socket: SocketId, outbox: O) {
        self.sessions.insert(
            id,
            Session {
                socket,
                outbox: Some(outbox),
                next_seq: 1,
                kept: VecDeque::new(),
                kept_bytes: 0,
                offer_seq: None,
                token: None,
                away_since: None,
            },
        );
    }

    /// Numbers `message` and queues it for `id`. Its `welcome` is followed
    /// by the resume token.
    pub fn send(&mut self, id: ParticipantId, message: ServerMessage, now: Instant) -> Sent {
        let welcome = matches!(message, ServerMessage::Welcome { .. });
        let sent = self.send_numbered(id, message, now);
        if welcome && sent == Sent::Queued {
            let mut bytes = [0u8; TOKEN_BYTES];
            rand::rng().fill_bytes(&mut bytes);
            let token = URL_SAFE_NO_PAD.encode(bytes);
            let hash = token_hash(&token);
            if let Some(s) = self.sessions.get_mut(&id) {
                if let Some(old) = s.token.replace(hash) {
                    self.tokens.remove(&old);
                }
                self.tokens.insert(hash, id);
            }
            let grace_s = u32::try_from(RESUME_GRACE.as_secs()).unwrap_or(u32::MAX);
            return self.send_numbered(id, ServerMessage::Resumable { token, grace_s }, now);
        }
        sent
    }

    fn send_numbered(&mut self, id: ParticipantId, message: ServerMessage, now: Instant) -> Sent {
        let Some(s) = self.sessions.get_mut(&id) else {
            return Sent::Unknown;
        };
        let message = match &self.last_numbered {
            Some(last) if last.message == message => Arc::clone(last),
            _ => {
                let message = Arc::new(SharedMessage::new(message));
                self.last_numbered = Some(Arc::clone(&message));
                message
            }
        };
        let seq = s.next_seq;
        s.next_seq += 1;
        if matches!(**message, ServerMessage::SubscribeOffer { .. }) {
            s.offer_seq = Some(seq);
        }
        if s.token.is_some() {
            s.kept_bytes += weight(&message);
            s.kept.push_back((seq, Arc::clone(&message)));
            if s.kept.len() > MAX_KEPT || s.kept_bytes > MAX_KEPT_BYTES {
                // A resume could no longer fill the gap: stop keeping.
                tracing::info!(participant = %id, "unacknowledged backlog over its limit; resume off");
                self.forget_token(id);
                return self.send_unkept(id, seq, message, now);
            }
        }
        self.send_unkept(id, seq, message, now)
    }

    fn send_unkept(
        &mut self,
        id: ParticipantId,
        seq: u64,
        message: Arc<SharedMessage>,
        now: Instant,
    ) -> Sent {
        let Some(s) = self.sessions.get_mut(&id) else {
            return Sent::Unknown;
        };
        let Some(outbox) = &s.outbox else {
            return if s.token.is_some() {
                Sent::Held
            } else {
                Sent::Lost
            };
        };
        if outbox.offer(Outbound::Numbered { seq, message }) {
            return Sent::Queued;
        }
        // A socket that cannot keep up: away, as if it had closed (its
        // queue is full, so the kept copies are what counts now).
        s.outbox = None;
        if s.token.is_some() {
            s.away_since = Some(now);
            self.away.insert((now, id));
            Sent::Held
        } else {
            Sent::Lost
        }
    }

    fn forget_token(&mut self, id: ParticipantId) {
        if let Some(s) = self.sessions.get_mut(&id) {
            if let Some(hash) = s.token.take() {
                self.tokens.remove(&hash);
            }
            s.kept.clear();
            s.kept_bytes = 0;
        }
    }

    /// Whether `socket` speaks for `id` (a superseded or stuck socket's
    /// late messages are dropped). Sockets without a session yet pass: the
    /// conference answers them.
    pub fn is_current(&self, id: ParticipantId, socket: SocketId) -> bool {
        self.sessions
            .get(&id)
            .is_none_or(|s| s.socket == socket && s.outbox.is_some())
    }

    /// The client has every message up to `seq`.
    pub fn acknowledge(&mut self, id: ParticipantId, socket: SocketId, seq: u64) {
        if let Some(s) = self.sessions.get_mut(&id).filter(|s| s.socket == socket) {
            while s.kept.front().is_some_and(|(n, _)| *n <= seq) {
                if let Some((_, m)) = s.kept.pop_front() {
                    s.kept_bytes = s.kept_bytes.saturating_sub(weight(&m));
                }
            }
            // A crowd joining leaves every member's backlog sized for its
            // burst (a slot is a whole message, about 100 bytes); give it
            // back once acknowledged, with room to spare so that steady
            // traffic does not reallocate.
            let room = s.kept.len().max(KEPT_SLOTS_SPARE);
            if s.kept.capacity() > 4 * room {
                s.kept.shrink_to(2 * room);
            }
        }
    }

    /// The client answered its subscribe offer on `socket`: it has every
    /// message up to that offer, as surely as if it had said so. Offers are
    /// the largest messages kept for a resume (whole SDP), and clients
    /// acknowledge only every few seconds; this lets them go at once. A
    /// client answering what it never received only spoils its own resume.
    pub fn answered(&mut self, id: ParticipantId, socket: SocketId) {
        let offer = self
            .sessions
            .get_mut(&id)
            .filter(|s| s.socket == socket)
            .and_then(|s| s.offer_seq.take());
        if let Some(seq) = offer {
            self.acknowledge(id, socket, seq);
        }
    }

    /// `socket` closed; `on_purpose` when the client closed it properly (a
    /// closed tab sends a close frame; a lost network sends nothing).
    pub fn close_socket(
        &mut self,
        id: ParticipantId,
        socket: SocketId,
        on_purpose: bool,
        now: Instant,
    ) -> Closed {
        let Some(s) = self.sessions.get_mut(&id) else {
            return Closed::Gone;
        };
        if s.socket != socket || s.away_since.is_some() {
            return Closed::Stale;
        }
        if s.token.is_none() || on_purpose {
            self.forget_token(id);
            self.sessions.remove(&id);
            return Closed::Gone;
        }
        s.outbox = None;
        s.away_since = Some(now);
        self.away.insert((now, id));
        Closed::Held
    }

    /// A new socket shows a token: it becomes that member's socket, the
    /// old one (if it still stands, stalled) is closed, and the messages
    /// after `seen` are queued again.
    pub fn resume(
        &mut self,
        token: &str,
        seen: u64,
        socket: SocketId,
        outbox: O,
    ) -> Result<ParticipantId, ResumeError> {
        let id = *self
            .tokens
            .get(&token_hash(token))
            .ok_or(ResumeError::UnknownToken)?;
        let s = self
            .sessions
            .get_mut(&id)
            .ok_or(ResumeError::UnknownToken)?;
        // Everything after `seen` must still be here, and `seen` cannot be
        // ahead of what was sent.
        let first_kept = s.kept.front().map_or(s.next_seq, |(n, _)| *n);
        if seen + 1 < first_kept || seen >= s.next_seq {
            return Err(ResumeError::Gap);
        }
        if let Some(old) = s.outbox.take() {
            old.offer(Outbound::Close);
        }
        s.socket = socket;
        if let Some(since) = s.away_since.take() {
            self.away.remove(&(since, id));
        }
        outbox.offer(Outbound::Message(Box::new(ServerMessage::Resumed {
            you: id,
        })));
        for (seq, message) in s.kept.iter().filter(|(n, _)| *n > seen) {
            if !outbox.offer(Outbound::Numbered {
                seq: *seq,
                message: Arc::clone(message),
            }) {
                // A fresh queue holds the kept messages (MAX_KEPT is below
                // its capacity); if not, this socket is stuck already.
                return Err(ResumeError::Gap);
            }
        }
        s.outbox = Some(outbox);
        Ok(id)
    }

    /// The participant is gone from the meeting: close its socket, forget it.
    pub fn close(&mut self, id: ParticipantId) {
        self.forget_token(id);
        if let Some(s) = self.sessions.remove(&id) {
            if let Some(since) = s.away_since {
                self.away.remove(&(since, id));
            }
            if let Some(outbox) = s.outbox {
                outbox.offer(Outbound::Close);
            }
        }
    }

    /// When the next held place expires.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.away.first().map(|(since, _)| *since + RESUME_GRACE)
    }

    /// Members whose grace ran out: they have left.
    pub fn handle_timeout(&mut self, now: Instant) -> Vec<ParticipantId> {
        let mut expired = Vec::new();
        while let Some(&(since, id)) = self.away.first() {
            if now < since + RESUME_GRACE {
                break;
            }
            self.away.pop_first();
            self.forget_token(id);
            self.sessions.remove(&id);
            expired.push(id);
        }
        expired
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;

    /// A socket's queue, as the test sees it; `capacity` 0 means unbounded.
    #[derive(Clone, Default)]
    struct Queue {
        items: Rc<RefCell<Vec<Outbound>>>,
        capacity: usize,
    }

    impl Outbox for Queue {
        fn offer(&self, out: Outbound) -> bool {
            let mut items = self.items.borrow_mut();
            if self.capacity > 0 && items.len() >= self.capacity {
                return false;
            }
            items.push(out);
            true
        }
    }

    impl Queue {
        fn take(&self) -> Vec<Outbound> {
            std::mem::take(&mut self.items.borrow_mut())
        }
    }

    const ADA: ParticipantId = ParticipantId(1);

    fn welcome() -> ServerMessage {
        ServerMessage::Welcome {
            you: ADA,
            participants: vec![],
        }
    }

    fn chat(n: u64) -> ServerMessage {
        ServerMessage::MlsApplication {
            epoch: n,
            from: ParticipantId(2),
            message: format!("m{n}").into(),
        }
    }

    /// Ada joined and was welcomed: her token and her queue.
    fn welcomed(s: &mut Sessions<Queue>) -> (String, Queue) {
        let q = Queue::default();
        s.open(ADA, SocketId(1), q.clone());
        assert_eq!(s.send(ADA, welcome(), Instant::now()), Sent::Queued);
        let out = q.take();
        let token = match &out[..] {
            [
                Outbound::Numbered { seq: 1, .. },
                Outbound::Numbered { seq: 2, message },
            ] => match &***message {
                ServerMessage::Resumable { token, grace_s } => {
                    assert_eq!(u64::from(*grace_s), RESUME_GRACE.as_secs());
                    token.clone()
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        (token, q)
    }

    fn seqs(out: &[Outbound]) -> Vec<u64> {
        out.iter()
            .filter_map(|o| match o {
                Outbound::Numbered { seq, .. } => Some(*seq),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_broadcast_is_kept_once_for_all_its_recipients() {
        let now = Instant::now();
        let mut s = Sessions::default();
        let bob = ParticipantId(2);
        let (ada_q, bob_q) = (Queue::default(), Queue::default());
        s.open(ADA, SocketId(1), ada_q.clone());
        s.open(bob, SocketId(2), bob_q.clone());
        s.send(ADA, welcome(), now);
        s.send(bob, welcome(), now);
        // One announcement to both, then one for Ada alone.
        s.send(ADA, chat(1), now);
        s.send(bob, chat(1), now);
        s.send(ADA, chat(2), now);
        let kept = |id: ParticipantId| -> Vec<Arc<SharedMessage>> {
            s.sessions[&id]
                .kept
                .iter()
                .map(|(_, m)| Arc::clone(m))
                .collect()
        };
        let (ada, bob_kept) = (kept(ADA), kept(bob));
        let (ada_chat, bob_chat) = (&ada[ada.len() - 2], &bob_kept[bob_kept.len() - 1]);
        assert_eq!(***ada_chat, chat(1));
        assert!(Arc::ptr_eq(ada_chat, bob_chat), "the same copy");
        assert_eq!(**ada[ada.len() - 1], chat(2));
        // Each socket still gets its own numbering.
        let last_seq = |q: &Queue| seqs(&q.take()).last().copied();
        assert_eq!(last_seq(&ada_q), Some(4));
        assert_eq!(last_seq(&bob_q), Some(3));
        // Its JSON, made once for both, framed with each one's number.
        let framed = conclave_signaling::frame_numbered(Some(3), bob_chat.json());
        assert_eq!(
            conclave_signaling::decode_server_numbered(&framed),
            Ok((Some(3), chat(1)))
        );
    }

    #[test]
    fn a_new_socket_gets_exactly_the_messages_after_what_was_seen() {
        let t0 = Instant::now();
        let mut s = Sessions::default();
        let (token, q) = welcomed(&mut s);
        for n in 3..=6 {
            assert_eq!(s.send(ADA, chat(n), Instant::now()), Sent::Queued);
        }
        assert_eq!(seqs(&q.take()), [3, 4, 5, 6]);
        s.acknowledge(ADA, SocketId(1), 4);
        assert_eq!(s.close_socket(ADA, SocketId(1), false, t0), Closed::Held);
        // Sent while away: kept for the resume.
        assert_eq!(s.send(ADA, chat(7), Instant::now()), Sent::Held);
        assert!(!s.is_current(ADA, SocketId(1)));

        let q2 = Queue::default();
        // The client saw up to 5 (its ack of 4 was the last that arrived).
        assert_eq!(s.resume(&token, 5, SocketId(9), q2.clone()), Ok(ADA));
        let out = q2.take();
        assert!(matches!(
            &out[0],
            Outbound::Message(m) if matches!(**m, ServerMessage::Resumed { you: ADA })
        ));
        assert_eq!(seqs(&out), [6, 7]);
        assert!(s.is_current(ADA, SocketId(9)));
        assert_eq!(s.send(ADA, chat(8), Instant::now()), Sent::Queued);
        assert_eq!(seqs(&q2.take()), [8]);
        // The old socket closing late changes nothing.
        assert_eq!(s.close_socket(ADA, SocketId(1), false, t0), Closed::Stale);
        assert_eq!(s.poll_timeout(), None);
        assert!(q.take().is_empty());
    }

    #[test]
    fn an_acknowledged_burst_gives_its_backlog_back_and_still_resumes() {
        let mut s = Sessions::default();
        let (token, q) = welcomed(&mut s);
        let burst = 3..=500u64;
        for n in burst.clone() {
            assert_eq!(s.send(ADA, chat(n), Instant::now()), Sent::Queued);
        }
        assert_eq!(seqs(&q.take()), burst.collect::<Vec<_>>());
        let kept = |s: &Sessions<Queue>| {
            let session = &s.sessions[&ADA];
            (session.kept.len(), session.kept.capacity())
        };
        assert!(kept(&s).1 >= 498, "the burst is kept: {:?}", kept(&s));
        s.acknowledge(ADA, SocketId(1), 496);
        let (len, capacity) = kept(&s);
        assert_eq!(len, 4);
        assert!(capacity <= 4 * KEPT_SLOTS_SPARE, "given back: {capacity}");
        // What was not acknowledged is still there for a resume.
        let q2 = Queue::default();
        assert_eq!(s.resume(&token, 497, SocketId(2), q2.clone()), Ok(ADA));
        assert_eq!(seqs(&q2.take()), [498, 499, 500]);
    }

    #[test]
    fn an_answer_acknowledges_up_to_its_offer_and_the_rest_still_resumes() {
        let mut s = Sessions::default();
        let (token, q) = welcomed(&mut s);
        let offer = ServerMessage::SubscribeOffer {
            sdp: "v=0".into(),
            tracks: vec![],
        };
        assert_eq!(s.send(ADA, chat(3), Instant::now()), Sent::Queued);
        assert_eq!(s.send(ADA, offer, Instant::now()), Sent::Queued);
        assert_eq!(s.send(ADA, chat(5), Instant::now()), Sent::Queued);
        assert_eq!(seqs(&q.take()), [3, 4, 5]);
        // An answer on a socket that is not the member's changes nothing.
        s.answered(ADA, SocketId(7));
        assert_eq!(s.sessions[&ADA].kept.len(), 4);
        s.answered(ADA, SocketId(1));
        let kept: Vec<u64> = s.sessions[&ADA].kept.iter().map(|(n, _)| *n).collect();
        assert_eq!(kept, [5], "everything up to the offer is let go");
        // A second answer to the same offer acknowledges nothing more.
        s.answered(ADA, SocketId(1));
        assert_eq!(s.sessions[&ADA].kept.len(), 1);
        let q2 = Queue::default();
        assert_eq!(s.resume(&token, 4, SocketId(2), q2.clone()), Ok(ADA));
        assert_eq!(seqs(&q2.take()), [5]);
    }

    #[test]
    fn a_stalled_socket_is_superseded_and_closed() {
        let mut s = Sessions::default();
        let (token, q) = welcomed(&mut s);
        assert_eq!(s.resume(&token, 2, SocketId(2), Queue::default()), Ok(ADA));
        assert!(matches!(q.take()[..], [Outbound::Close]));
        assert!(!s.is_current(ADA, SocketId(1)));
        s.acknowledge(ADA, SocketId(1), 99);
    }

    #[test]
    fn the_place_is_given_up_after_the_grace() {
        let t0 = Instant::now();
        let mut s = Sessions::default();
        let (token, _q) = welcomed(&mut s);
        s.close_socket(ADA, SocketId(1), false, t0);
        assert_eq!(s.poll_timeout(), Some(t0 + RESUME_GRACE));
        assert!(s.handle_timeout(t0 + RESUME_GRACE / 2).is_empty());
        assert_eq!(s.handle_timeout(t0 + RESUME_GRACE), [ADA]);
        assert_eq!(
            s.resume(&token, 2, SocketId(2), Queue::default()),
            Err(ResumeError::UnknownToken)
        );
        assert_eq!(s.send(ADA, chat(3), Instant::now()), Sent::Unknown);
    }

    #[test]
    fn wrong_tokens_and_impossible_positions_are_refused() {
        let mut s = Sessions::default();
        let (token, _q) = welcomed(&mut s);
        for n in 3..=5 {
            s.send(ADA, chat(n), Instant::now());
        }
        s.acknowledge(ADA, SocketId(1), 4);
        let q2 = Queue::default();
        assert_eq!(
            s.resume("not-a-token", 4, SocketId(2), q2.clone()),
            Err(ResumeError::UnknownToken)
        );
        // 1..=4 are no longer kept; claiming to have seen only 2 is a gap.
        assert_eq!(
            s.resume(&token, 2, SocketId(2), q2.clone()),
            Err(ResumeError::Gap)
        );
        // Nor can a client have seen what was never sent.
        assert_eq!(
            s.resume(&token, 6, SocketId(2), q2.clone()),
            Err(ResumeError::Gap)
        );
        assert!(q2.take().is_empty());
        assert!(s.is_current(ADA, SocketId(1)));
    }

    #[test]
    fn someone_never_welcomed_cannot_resume_and_leaves_with_the_socket() {
        let t0 = Instant::now();
        let mut s = Sessions::default();
        s.open(ADA, SocketId(1), Queue::default());
        assert_eq!(
            s.send(ADA, ServerMessage::Lobby { you: ADA }, Instant::now()),
            Sent::Queued
        );
        assert_eq!(s.close_socket(ADA, SocketId(1), false, t0), Closed::Gone);
        assert_eq!(s.send(ADA, chat(1), Instant::now()), Sent::Unknown);
    }

    #[test]
    fn a_backlog_over_the_limit_ends_resumability_not_the_server() {
        let t0 = Instant::now();
        let mut s = Sessions::default();
        let (token, _q) = welcomed(&mut s);
        for n in 0..MAX_KEPT as u64 {
            s.send(ADA, chat(n), Instant::now());
        }
        assert_eq!(s.close_socket(ADA, SocketId(1), false, t0), Closed::Gone);
        assert_eq!(
            s.resume(&token, 2, SocketId(2), Queue::default()),
            Err(ResumeError::UnknownToken)
        );
    }

    /// A client that comes back with the longest backlog a resume keeps
    /// gets all of it and still has room for the meeting going on while it
    /// reads: its fresh socket is not taken for a stuck one.
    #[test]
    fn a_resumed_backlog_leaves_room_for_what_comes_next() {
        let t0 = Instant::now();
        let mut s = Sessions::default();
        let (token, _q) = welcomed(&mut s);
        // `welcome` and `resumable` are kept too: the backlog is full.
        for n in 0..MAX_KEPT as u64 - 2 {
            assert_eq!(s.send(ADA, chat(n), t0), Sent::Queued);
        }
        assert_eq!(s.close_socket(ADA, SocketId(1), false, t0), Closed::Held);
        let q = Queue {
            capacity: OUTBOX_CAPACITY,
            ..Queue::default()
        };
        assert_eq!(s.resume(&token, 2, SocketId(2), q.clone()), Ok(ADA));
        for n in 0..100 {
            assert_eq!(s.send(ADA, chat(n), t0), Sent::Queued);
        }
        assert_eq!(q.take().len(), 1 + MAX_KEPT - 2 + 100);
    }

    #[test]
    fn a_stuck_socket_is_held_like_a_closed_one() {
        let mut s = Sessions::default();
        let q = Queue {
            capacity: 3,
            ..Queue::default()
        };
        s.open(ADA, SocketId(1), q.clone());
        s.send(ADA, welcome(), Instant::now());
        assert_eq!(s.send(ADA, chat(3), Instant::now()), Sent::Queued);
        assert_eq!(s.send(ADA, chat(4), Instant::now()), Sent::Held);
        let token = match &q.take()[1] {
            Outbound::Numbered { message, .. } => match &***message {
                ServerMessage::Resumable { token, .. } => token.clone(),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        let q2 = Queue::default();
        assert_eq!(s.resume(&token, 3, SocketId(2), q2.clone()), Ok(ADA));
        assert_eq!(seqs(&q2.take()), [4]);
    }

    #[test]
    fn a_socket_closed_on_purpose_is_a_leave() {
        let mut s = Sessions::default();
        let (token, _q) = welcomed(&mut s);
        assert_eq!(
            s.close_socket(ADA, SocketId(1), true, Instant::now()),
            Closed::Gone
        );
        assert_eq!(
            s.resume(&token, 2, SocketId(2), Queue::default()),
            Err(ResumeError::UnknownToken)
        );
    }

    #[test]
    fn leaving_forgets_the_token_and_closes_the_socket() {
        let mut s = Sessions::default();
        let (token, q) = welcomed(&mut s);
        s.close(ADA);
        assert!(matches!(q.take()[..], [Outbound::Close]));
        assert_eq!(
            s.resume(&token, 2, SocketId(2), Queue::default()),
            Err(ResumeError::UnknownToken)
        );
        assert!(s.tokens.is_empty() && s.sessions.is_empty());
    }
}
