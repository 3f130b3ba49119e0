//! Whole meetings of native participants (MLS + SFrame in Rust) through the
//! real conference core — delivery service and SFU — over an in-memory
//! network with a fake clock. The SFU's payload tap shows exactly what the
//! server handles.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use conclave_client::Participant;
use conclave_e2ee::Codec;
use conclave_signaling::{ClientMessage, ErrorCode, ParticipantId, ServerMessage, TrackSource};

use super::{Conference, Delivery};
use crate::meeting_id::MeetingId;

const SERVER: &str = "127.0.0.1:40000";
const MARKER: &[u8] = b"PLAINTEXT-MARKER-42";
/// Simulation step: small enough for pacers and media clocks.
const STEP: Duration = Duration::from_millis(2);

/// One payload the SFU handled: sender, track, bytes.
type Tapped = (ParticipantId, TrackSource, Vec<u8>);

struct Net {
    conference: Conference,
    meeting: MeetingId,
    /// (id, publish address, subscribe address, participant)
    clients: Vec<(ParticipantId, SocketAddr, SocketAddr, Participant)>,
    now: Instant,
    server: SocketAddr,
    /// Every RTP payload the SFU handled, by sender and track.
    tapped: Arc<Mutex<Vec<Tapped>>>,
    /// Every signaling message the server sent, as JSON.
    relayed: Vec<String>,
    /// Scripted clients (no MLS, no media): what the server sent each.
    raw: Vec<(ParticipantId, Vec<ServerMessage>)>,
    /// Clients whose datagrams are lost both ways (an outage of their
    /// network; signaling is left alone).
    cut: Vec<ParticipantId>,
    next_id: u64,
}

impl Net {
    fn new() -> Self {
        let now = Instant::now();
        let server: SocketAddr = SERVER.parse().unwrap();
        let mut conference = Conference::new(vec![server], 50, now);
        let tapped = Arc::new(Mutex::new(Vec::new()));
        let sink = tapped.clone();
        conference
            .sfu
            .set_payload_tap(Box::new(move |from, source, payload| {
                if let Ok(mut v) = sink.lock() {
                    v.push((from, source, payload.to_vec()));
                }
            }));
        Net {
            conference,
            meeting: MeetingId::generate(),
            clients: Vec::new(),
            now,
            server,
            tapped,
            relayed: Vec::new(),
            raw: Vec::new(),
            cut: Vec::new(),
            next_id: 1,
        }
    }

    fn join(&mut self, name: &str) -> ParticipantId {
        let id = ParticipantId(self.next_id);
        self.next_id += 1;
        let publish = SocketAddr::from(([127, 0, 2, id.0 as u8], 6000));
        let subscribe = SocketAddr::from(([127, 0, 2, id.0 as u8], 6001));
        let p =
            Participant::new(name, publish, subscribe, Some(MARKER.to_vec()), self.now).unwrap();
        self.clients.push((id, publish, subscribe, p));
        id
    }

    fn leave(&mut self, id: ParticipantId) -> Participant {
        let i = self.clients.iter().position(|(p, ..)| *p == id).unwrap();
        let (_, _, _, p) = self.clients.remove(i);
        self.conference.handle_disconnected(id, self.now);
        p
    }

    /// A scripted client that joins and then sends only what the test
    /// makes it send: the attacker of the review.
    fn join_raw(&mut self) -> ParticipantId {
        let id = ParticipantId(1000 + self.next_id);
        self.next_id += 1;
        self.raw.push((id, Vec::new()));
        self.conference
            .handle_join(id, self.meeting.clone(), false, self.now);
        self.settle();
        id
    }

    fn raw_send(&mut self, id: ParticipantId, message: ClientMessage) {
        self.conference.handle_message(id, message, self.now);
        self.settle();
    }

    fn inbox(&self, id: ParticipantId) -> &[ServerMessage] {
        self.raw
            .iter()
            .find(|(p, _)| *p == id)
            .map_or(&[], |(_, m)| m.as_slice())
    }

    fn group_members(&self) -> Vec<ParticipantId> {
        self.conference
            .meetings
            .get(&self.meeting)
            .map_or_else(Vec::new, |l| l.room.group_members().to_vec())
    }

    fn client(&self, id: ParticipantId) -> &Participant {
        &self.clients.iter().find(|(p, ..)| *p == id).unwrap().3
    }

    fn client_mut(&mut self, id: ParticipantId) -> &mut Participant {
        &mut self.clients.iter_mut().find(|(p, ..)| *p == id).unwrap().3
    }

    /// Moves signaling and datagrams until nothing is left to move.
    fn settle(&mut self) {
        for _ in 0..10_000 {
            let mut moved = false;
            for (id, _, _, p) in &mut self.clients {
                while let Some(m) = p.poll_signaling() {
                    moved = true;
                    match m {
                        conclave_signaling::ClientMessage::Join { .. } => self
                            .conference
                            .handle_join(*id, self.meeting.clone(), false, self.now),
                        other => self.conference.handle_message(*id, other, self.now),
                    }
                }
                while let Some(t) = p.poll_transmit() {
                    moved = true;
                    if !self.cut.contains(id) {
                        self.conference.handle_datagram(
                            self.now,
                            t.source,
                            self.server,
                            &t.contents,
                        );
                    }
                }
            }
            while let Some(d) = self.conference.poll_delivery() {
                let Delivery::Send(to, message) = d else {
                    continue;
                };
                if let Some((.., p)) = self.clients.iter_mut().find(|(id, ..)| *id == to) {
                    moved = true;
                    self.relayed.push(conclave_signaling::encode(&message));
                    p.handle_server(message, self.now);
                } else if let Some((_, inbox)) = self.raw.iter_mut().find(|(id, _)| *id == to) {
                    inbox.push(message);
                }
            }
            while let Some(t) = self.conference.poll_transmit() {
                if let Some((.., p)) =
                    self.clients.iter_mut().find(|(id, publish, subscribe, _)| {
                        (*publish == t.destination || *subscribe == t.destination)
                            && !self.cut.contains(id)
                    })
                {
                    moved = true;
                    p.handle_datagram(self.now, self.server, t.destination, &t.contents);
                }
            }
            if !moved {
                return;
            }
        }
        panic!("the simulated network never settled");
    }

    fn run(&mut self, d: Duration) {
        let end = self.now + d;
        while self.now < end {
            self.now += STEP;
            let now = self.now;
            for (.., p) in &mut self.clients {
                if p.poll_timeout() <= now {
                    p.handle_timeout(now);
                }
            }
            if self.conference.poll_timeout() <= now {
                self.conference.handle_timeout(now);
            }
            self.settle();
        }
    }

    fn received(&self, receiver: ParticipantId, sender: ParticipantId) -> (u64, u64, u64, u64) {
        self.client(receiver)
            .report()
            .received
            .iter()
            .find(|r| r.participant == sender.0)
            .map_or((0, 0, 0, 0), |r| {
                (
                    r.audio_frames,
                    r.video_frames,
                    r.decrypt_failures,
                    r.markers_seen,
                )
            })
    }

    /// Microphone payloads (one SFrame frame per packet) the SFU handled
    /// from `from`, after the first `skip` tapped packets.
    fn tapped_audio(&self, from: ParticipantId, skip: usize) -> Vec<Vec<u8>> {
        self.tapped.lock().unwrap()[skip..]
            .iter()
            .filter(|(p, source, _)| *p == from && *source == TrackSource::Microphone)
            .map(|(_, _, payload)| payload.clone())
            .collect()
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn three_natives_decrypt_each_other_and_the_server_never_sees_plaintext() {
    let mut net = Net::new();
    let a = net.join("Alice");
    let b = net.join("Bob");
    let c = net.join("Carol");
    net.run(Duration::from_secs(5));

    let codes: Vec<_> = [a, b, c]
        .iter()
        .map(|p| net.client(*p).security_code().unwrap())
        .collect();
    assert!(codes.iter().all(|c| *c == codes[0]), "same code: {codes:?}");
    let members = net.client(a).report().members;
    assert_eq!(members, ["Alice", "Bob", "Carol"]);

    for (rx, tx) in [(a, b), (a, c), (b, a), (b, c), (c, a), (c, b)] {
        let (audio, video, _failures, markers) = net.received(rx, tx);
        assert!(
            audio > 50 && video > 20,
            "{rx} from {tx}: {audio} audio, {video} video"
        );
        assert!(markers >= audio + video - 2, "receivers recover the marker");
    }
    let tapped = net.tapped.lock().unwrap();
    assert!(
        tapped.len() > 500,
        "the SFU forwarded {} packets",
        tapped.len()
    );
    assert!(
        tapped
            .iter()
            .all(|(_, _, payload)| !contains(payload, MARKER)),
        "no payload the SFU handled contains the plaintext marker"
    );
}

#[test]
fn a_removed_participant_cannot_decrypt_what_is_sent_after_removal() {
    let mut net = Net::new();
    let a = net.join("Alice");
    let b = net.join("Bob");
    let c = net.join("Carol");
    net.run(Duration::from_secs(3));
    let epoch_before = net.client(a).epoch().unwrap();

    // Carol leaves; the delivery service has the removal committed at once.
    let mut carol = net.leave(c);
    net.run(Duration::from_millis(500));
    assert!(net.client(a).epoch().unwrap() > epoch_before);
    assert_eq!(net.client(b).report().members, ["Alice", "Bob"]);

    // Everything Alice sends from now on, as the server forwards it.
    let mark = net.tapped.lock().unwrap().len();
    net.run(Duration::from_secs(1));
    let after = net.tapped_audio(a, mark);
    assert!(after.len() > 20);
    let mut out = Vec::new();
    let stale = carol.decryptor_mut();
    for frame in &after {
        assert!(
            stale.decrypt(Codec::Opus, frame, &mut out).is_err(),
            "Carol's old keys must not open post-removal frames"
        );
    }
    // Bob (still a member) decrypts the same frames, and lost none across
    // the epoch changes (frames of an epoch he has not reached yet wait for
    // its key).
    let (audio_before, ..) = net.received(b, a);
    net.run(Duration::from_millis(500));
    let (audio_after, _, failures, _) = net.received(b, a);
    assert!(audio_after > audio_before + 10);
    assert_eq!(failures, 0, "no frame from Alice failed at Bob");
}

#[test]
fn a_newcomer_cannot_decrypt_what_was_sent_before_it_joined() {
    let mut net = Net::new();
    let a = net.join("Alice");
    let b = net.join("Bob");
    net.run(Duration::from_secs(2));
    let before = net.tapped_audio(a, 0);
    assert!(before.len() > 20);

    let d = net.join("Dave");
    net.run(Duration::from_secs(2));
    assert_eq!(net.client(d).report().members, ["Alice", "Bob", "Dave"]);
    assert!(net.received(d, a).0 > 10, "Dave decrypts what is sent now");
    let mut out = Vec::new();
    let decryptor = net.client_mut(d).decryptor_mut();
    let opened = before
        .iter()
        .filter(|f| decryptor.decrypt(Codec::Opus, f, &mut out).is_ok())
        .count();
    assert_eq!(
        opened, 0,
        "recorded frames from before the join stay closed"
    );
    let _ = b;
}

#[test]
fn chat_reaches_the_other_members_only_as_ciphertext_on_the_server() {
    let mut net = Net::new();
    let a = net.join("Alice");
    let b = net.join("Bob");
    net.run(Duration::from_secs(1));
    net.client_mut(a).send_chat("the launch code is 0000");
    net.run(Duration::from_millis(200));
    let chat = net.client(b).report().chat;
    assert_eq!(chat.len(), 1);
    assert_eq!(chat[0].from, "Alice");
    assert_eq!(chat[0].text, "the launch code is 0000");
    assert!(net.relayed.iter().any(|m| m.contains("mls_application")));
    assert!(net.relayed.iter().all(|m| !m.contains("launch code")));
}

/// The members' codes agree and each decrypts the other's audio and video.
fn assert_talking(net: &Net, a: ParticipantId, b: ParticipantId) {
    let (code_a, code_b) = (net.client(a).security_code(), net.client(b).security_code());
    assert!(
        code_a.is_some() && code_a == code_b,
        "{code_a:?} vs {code_b:?}"
    );
    for (rx, tx) in [(a, b), (b, a)] {
        let (audio, video, ..) = net.received(rx, tx);
        assert!(
            audio > 10 && video > 3,
            "{rx} from {tx}: {audio} audio, {video} video"
        );
    }
}

/// Review item 2: anyone with the link sent a KeyPackage of junk bytes; the
/// server counted it as a member, relayed its junk chat, and later asked it
/// to commit. Now the committer reports what it added, the phantom is told
/// its KeyPackage was refused, and it never becomes a member.
#[test]
fn a_junk_key_package_never_makes_a_phantom_member() {
    let mut net = Net::new();
    let a = net.join("Alice");
    let b = net.join("Bob");
    net.run(Duration::from_secs(2));
    let x = net.join_raw();
    net.raw_send(
        x,
        ClientMessage::MlsKeyPackage {
            key_package: "3q2+7w==".into(),
            host_endorsement: None,
        },
    );
    net.run(Duration::from_millis(500));
    assert!(
        net.inbox(x)
            .iter()
            .any(|m| matches!(m, ServerMessage::MlsReset { .. })),
        "the phantom is told its KeyPackage was refused"
    );
    assert_eq!(net.group_members(), [a, b]);

    // Its junk "chat" is refused and reaches nobody.
    let epoch = net.client(a).epoch().unwrap();
    net.raw_send(
        x,
        ClientMessage::MlsApplication {
            epoch,
            message: "3q2+7w==".into(),
            to: None,
        },
    );
    assert!(net.inbox(x).iter().any(|m| matches!(
        m,
        ServerMessage::Error {
            code: ErrorCode::NotJoined,
            ..
        }
    )));
    assert!(net.client(b).report().errors.is_empty());

    // The earlier members leave: the phantom is never asked to commit or
    // create, and a newcomer gets a real group.
    net.leave(a);
    net.run(Duration::from_millis(300));
    net.leave(b);
    net.run(Duration::from_millis(300));
    let c = net.join("Carol");
    let d = net.join("Dave");
    net.run(Duration::from_secs(3));
    assert!(!net.inbox(x).iter().any(|m| matches!(
        m,
        ServerMessage::MlsCommitRequest { .. }
            | ServerMessage::MlsCreateGroup
            | ServerMessage::MlsWelcome { .. }
    )));
    assert_talking(&net, c, d);
    assert_eq!(net.client(c).report().members, ["Carol", "Dave"]);
    assert!(net.client(d).report().errors.is_empty());
}

/// Review item 3: a raw socket joined first, answered "group created", kept
/// pinging and never committed; real clients stayed outside any group. Now
/// the stalled sole member is reset and the real clients meet within one
/// commit timeout.
#[test]
fn a_stalled_sole_member_cannot_hold_the_meeting_hostage() {
    let mut net = Net::new();
    let x = net.join_raw();
    net.raw_send(
        x,
        ClientMessage::MlsKeyPackage {
            key_package: "3q2+7w==".into(),
            host_endorsement: None,
        },
    );
    assert!(net.inbox(x).contains(&ServerMessage::MlsCreateGroup));
    net.raw_send(x, ClientMessage::MlsGroupCreated);
    let a = net.join("Alice");
    let b = net.join("Bob");
    for _ in 0..3 {
        net.run(Duration::from_secs(4));
        net.raw_send(x, ClientMessage::Ping { seen: None });
    }
    assert!(
        net.inbox(x)
            .iter()
            .any(|m| matches!(m, ServerMessage::MlsReset { .. }))
    );
    assert!(!net.group_members().contains(&x));
    assert_talking(&net, a, b);
    assert_eq!(net.client(a).report().members, ["Alice", "Bob"]);
}

/// Review item 4: one junk KeyPackage made the native committer abort every
/// commit, and the server re-queued it forever: an honest joiner stayed
/// outside. Now the junk Add is left out and reported, the honest one lands.
#[test]
fn one_junk_key_package_does_not_stop_an_honest_joiner() {
    let mut net = Net::new();
    let a = net.join("Alice");
    net.run(Duration::from_secs(1));
    let x = net.join_raw();
    net.raw_send(
        x,
        ClientMessage::MlsKeyPackage {
            key_package: "3q2+7w==".into(),
            host_endorsement: None,
        },
    );
    let b = net.join("Bob");
    // Well inside the 10 s commit timeout: nothing had to time out.
    net.run(Duration::from_secs(3));
    assert_talking(&net, a, b);
    assert_eq!(net.group_members(), [a, b]);
    assert!(
        net.client(a).report().errors.is_empty(),
        "{:?}",
        net.client(a).report().errors
    );
}

/// A member handed a commit it cannot process (a garbage or forked one, as
/// a malicious member or server could send) does not stay stranded on its
/// old epoch: it rejoins and talks again under the group's current keys.
#[test]
fn a_member_that_cannot_process_a_commit_rejoins_instead_of_being_stranded() {
    let mut net = Net::new();
    let a = net.join("Alice");
    let b = net.join("Bob");
    net.run(Duration::from_secs(2));
    let epoch = net.client(b).epoch().unwrap();
    let now = net.now;
    net.client_mut(b).handle_server(
        ServerMessage::MlsCommit {
            epoch,
            from: a,
            commit: "3q2+7w==".into(),
        },
        now,
    );
    net.run(Duration::from_secs(3));
    assert_eq!(net.client(b).report().rejoins, 1);
    assert!(net.client(b).epoch().unwrap() > epoch);
    assert_eq!(net.group_members(), [a, b]);
    let before = net.received(a, b).0;
    net.run(Duration::from_secs(1));
    assert!(
        net.received(a, b).0 > before + 20,
        "Bob's audio flows again"
    );
    assert_talking(&net, a, b);
}

/// Issue 7 item 8, measured on native clients: continuing members lose no
/// frame when someone joins or leaves (frames under the next epoch's key
/// wait for its commit; old keys stay for frames in flight).
#[test]
fn continuing_members_lose_no_frame_when_someone_joins_or_leaves() {
    let mut net = Net::new();
    let a = net.join("Alice");
    let b = net.join("Bob");
    let c = net.join("Carol");
    net.run(Duration::from_secs(2));
    let failures = |net: &Net| -> u64 {
        [(a, b), (b, a), (a, c), (c, a), (b, c), (c, b)]
            .iter()
            .map(|(rx, tx)| net.received(*rx, *tx).2)
            .sum()
    };
    let settled = failures(&net);
    let d = net.join("Dave");
    net.run(Duration::from_secs(2));
    let after_join = failures(&net);
    // The newcomer hears everyone, and nothing it was sent failed.
    for tx in [a, b, c] {
        let (audio, _, failed, _) = net.received(d, tx);
        assert!(audio > 10, "Dave hears {tx:?}");
        assert_eq!(failed, 0, "no failure at Dave from {tx:?}");
    }
    net.leave(d);
    net.run(Duration::from_secs(2));
    let after_leave = failures(&net);
    eprintln!(
        "undecryptable frames at continuing members: {} per join, {} per leave",
        after_join - settled,
        after_leave - after_join
    );
    assert_eq!(after_join, settled, "no frame lost at a join");
    assert_eq!(after_leave, after_join, "no frame lost at a leave");
    assert_talking(&net, a, b);
}

/// A native client whose network drops out for longer than the server
/// keeps a quiet path (15 s) restarts ICE on both its connections once
/// they are lost, and is back in the call: heard and hearing, in the same
/// group, without rejoining.
#[test]
fn a_native_client_restarts_ice_after_an_outage_and_is_heard_again() {
    let mut net = Net::new();
    let a = net.join("Alice");
    let b = net.join("Bob");
    net.run(Duration::from_secs(3));
    assert_talking(&net, a, b);
    let epoch = net.client(b).report().epoch;
    net.cut.push(b);
    net.run(Duration::from_secs(30));
    net.cut.clear();
    let (heard_from_b, heard_from_a) = (net.received(a, b).0, net.received(b, a).0);
    net.run(Duration::from_secs(10));
    let report = net.client(b).report();
    assert!(
        report.ice_restarts >= 2,
        "both connections restarted: {}",
        report.ice_restarts
    );
    assert_eq!(report.rejoins, 0);
    assert!(net.group_members().contains(&b));
    assert!(
        net.received(a, b).0 > heard_from_b + 50,
        "Alice hears Bob again"
    );
    assert!(
        net.received(b, a).0 > heard_from_a + 50,
        "Bob hears Alice again"
    );
    assert!(report.epoch >= epoch);
}
