//! The meeting core and the MLS delivery service as the server runs them:
//! a few participants send whatever text they like, in any order, and
//! sockets close, while time passes. The glue below is the server's
//! (`conference.rs`) reduced to what reaches these two cores.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use conclave_room::delivery::{CommitIn, CommitterPolicy, DeliveryService};
use conclave_room::{Meeting, Output};
use conclave_signaling::{ClientMessage, ParticipantId, decode_client, decode_server, encode};

use crate::input::Input;

/// Few enough participants that the fuzzer's messages collide.
const PARTICIPANTS: u64 = 4;
const MAX_STEPS: usize = 64;

struct Server {
    meeting: Meeting,
    delivery: DeliveryService,
}

impl Server {
    fn handle(&mut self, id: ParticipantId, msg: ClientMessage, now: Instant) {
        let joined = self.meeting.contains(id);
        if let ClientMessage::Join { .. } = &msg {
            if !joined {
                let _ = self.meeting.handle_join(id, id.0 == 1, now);
            }
            return;
        }
        if !joined {
            return;
        }
        self.meeting.handle_heard(id, now);
        let result = match msg {
            ClientMessage::MediaState {
                audio_muted,
                video_muted,
            } => {
                self.meeting
                    .handle_media_state(id, audio_muted, video_muted);
                Ok(())
            }
            ClientMessage::Leave => {
                self.leave(id, now);
                Ok(())
            }
            ClientMessage::MlsKeyPackage { key_package, .. } => {
                self.delivery.handle_key_package(id, key_package, None, now)
            }
            ClientMessage::MlsRejoin { key_package, .. } => {
                self.delivery.handle_rejoin(id, key_package, None, now)
            }
            ClientMessage::MlsGroupCreated => self.delivery.handle_group_created(id, now),
            ClientMessage::MlsCommit {
                epoch,
                commit,
                welcome,
                added,
                removed,
            } => {
                let commit = CommitIn {
                    epoch,
                    commit,
                    welcome,
                    added,
                    removed,
                };
                self.delivery.handle_commit(id, commit, now);
                Ok(())
            }
            ClientMessage::MlsApplication { epoch, message, to } => self
                .delivery
                .handle_application(id, epoch, message, to.as_deref()),
            // Media negotiation and keepalives are the SFU's and the shell's.
            _ => Ok(()),
        };
        if let Err(e) = result {
            let _ = (e.code(), e.to_string());
            if e.is_fatal() {
                self.leave(id, now);
            }
        }
    }

    fn leave(&mut self, id: ParticipantId, now: Instant) {
        self.meeting.handle_leave(id);
        self.delivery.handle_leave(id, now);
    }

    /// Timers, then every output until both cores are quiet. What the
    /// server sends must be something a client accepts.
    fn settle(&mut self, now: Instant) {
        if self.meeting.poll_timeout().is_some_and(|t| t <= now) {
            self.meeting.handle_timeout(now);
        }
        if self.delivery.poll_timeout().is_some_and(|t| t <= now) {
            self.delivery.handle_timeout(now);
        }
        loop {
            let mut sent: Vec<_> = self.delivery.drain_outputs().collect();
            let mut evicted = Vec::new();
            while let Some(out) = self.meeting.poll_output() {
                match out {
                    Output::Send { to, message } => sent.push((to, message)),
                    Output::Evict { participant } => evicted.push(participant),
                }
            }
            if sent.is_empty() && evicted.is_empty() {
                return;
            }
            for (_, message) in sent {
                let wire = encode(&message);
                assert_eq!(decode_server(&wire).as_ref(), Ok(&message), "{wire}");
            }
            for id in evicted {
                self.delivery.handle_leave(id, now);
            }
        }
    }
}

/// See the module comment.
pub fn delivery_service(data: &[u8]) {
    let mut input = Input::new(data);
    let mut now = Instant::now();
    let mut server = Server {
        meeting: Meeting::new(PARTICIPANTS as usize),
        delivery: DeliveryService::new(CommitterPolicy::default()),
    };
    let mut epoch = None;
    let mut joined = BTreeSet::new();
    for _ in 0..MAX_STEPS {
        if input.is_empty() {
            break;
        }
        let id = ParticipantId(1 + u64::from(input.u8()) % PARTICIPANTS);
        now += Duration::from_millis(u64::from(input.u16()) * 10);
        if input.u8().is_multiple_of(8) {
            // The socket closed.
            server.leave(id, now);
        } else {
            let text = String::from_utf8_lossy(input.bytes(4096));
            if let Ok(msg) = decode_client(&text) {
                server.handle(id, msg, now);
            }
        }
        server.settle(now);
        // Epochs only move forward while the group lives.
        let current = server.delivery.epoch();
        if let (Some(before), Some(after)) = (epoch, current) {
            assert!(after >= before, "epoch went back from {before} to {after}");
        }
        epoch = current;
        // Only someone who joined the meeting can be in its group (a leaver
        // stays a member until a commit removes them).
        joined.extend(
            (1..=PARTICIPANTS)
                .map(ParticipantId)
                .filter(|p| server.meeting.contains(*p)),
        );
        for m in server.delivery.members() {
            assert!(joined.contains(m), "{m} never joined but is a member");
        }
    }
}
