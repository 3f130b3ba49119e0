//! The MLS delivery service for one meeting: it orders handshake messages,
//! decides who commits what and when, and fans messages out. It never sees a
//! key: commits, Welcomes and application messages are opaque base64 to it,
//! and every member's client verifies what it processes.
//!
//! The ordering rule is the simplest that cannot split the group: at any
//! time at most one member is asked to commit, on the epoch the service
//! knows to be current, and only that member's commit for that epoch is
//! accepted. Changes that arrive meanwhile wait for the next request.

use std::time::{Duration, Instant};

use conclave_signaling::{MlsAdd, ParticipantId, ServerMessage};

/// Epochs older than this are refreshed with an empty (update) commit, so a
/// key that leaked from one device stops being useful within minutes even in
/// a meeting where nobody joins or leaves.
pub const REKEY_INTERVAL: Duration = Duration::from_secs(5 * 60);

/// A committer that has not answered within this time is passed over. Long
/// enough for a slow phone to build a commit for a large group (tens of ms
/// in practice) plus a network round trip; short enough that a joiner waits
/// seconds, not minutes, behind a frozen tab.
pub const COMMIT_TIMEOUT: Duration = Duration::from_secs(10);

/// Who is asked to commit. Today: the member who has been in the group
/// longest and is not being removed. Admission control will restrict this to
/// hosts' clients; that is a change here, not in the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CommitterPolicy {
    #[default]
    LongestPresent,
}

#[derive(Debug)]
struct Outstanding {
    committer: ParticipantId,
    epoch: u64,
    asked_at: Instant,
    adds: Vec<MlsAdd>,
    removes: Vec<ParticipantId>,
}

#[derive(Debug)]
struct Group {
    epoch: u64,
    /// Members in the order they joined the group.
    members: Vec<ParticipantId>,
    last_commit: Instant,
}

#[derive(Debug, Default)]
pub struct DeliveryService {
    policy: CommitterPolicy,
    group: Option<Group>,
    /// Asked to create the group, not yet confirmed.
    creator: Option<(ParticipantId, Instant)>,
    pending_adds: Vec<MlsAdd>,
    pending_removes: Vec<ParticipantId>,
    outstanding: Option<Outstanding>,
    /// Committers that timed out on the current epoch; skipped until it moves.
    passed_over: Vec<ParticipantId>,
    outputs: Vec<(ParticipantId, ServerMessage)>,
}

impl DeliveryService {
    pub fn new(policy: CommitterPolicy) -> Self {
        Self {
            policy,
            ..Default::default()
        }
    }

    /// The members the service believes are in the group (for tests and
    /// diagnostics; clients show the group's own view).
    pub fn members(&self) -> &[ParticipantId] {
        self.group.as_ref().map_or(&[], |g| &g.members)
    }

    pub fn epoch(&self) -> Option<u64> {
        self.group.as_ref().map(|g| g.epoch)
    }

    pub fn is_member(&self, id: ParticipantId) -> bool {
        self.members().contains(&id)
    }

    pub fn handle_key_package(&mut self, from: ParticipantId, key_package: String, now: Instant) {
        if self.is_member(from) || self.creator.is_some_and(|(c, _)| c == from) {
            return;
        }
        self.pending_adds.retain(|a| a.participant != from);
        self.pending_adds.push(MlsAdd {
            participant: from,
            key_package,
        });
        self.progress(now);
    }

    pub fn handle_group_created(
        &mut self,
        from: ParticipantId,
        now: Instant,
    ) -> Result<(), String> {
        match self.creator {
            Some((c, _)) if c == from && self.group.is_none() => {
                self.creator = None;
                self.group = Some(Group {
                    epoch: 0,
                    members: vec![from],
                    last_commit: now,
                });
                self.progress(now);
                Ok(())
            }
            _ => Err("nobody asked you to create the group".into()),
        }
    }

    /// A commit from a member. Only the asked committer's commit on the
    /// current epoch is taken; everything else is refused.
    pub fn handle_commit(
        &mut self,
        from: ParticipantId,
        epoch: u64,
        commit: String,
        welcome: Option<String>,
        now: Instant,
    ) {
        let expected = self
            .outstanding
            .as_ref()
            .is_some_and(|o| o.committer == from && o.epoch == epoch)
            && self.group.as_ref().is_some_and(|g| g.epoch == epoch);
        if !expected {
            self.outputs.push((
                from,
                ServerMessage::MlsCommitRejected {
                    epoch,
                    reason: "no commit was requested from you for this epoch".into(),
                },
            ));
            return;
        }
        let Some(outstanding) = self.outstanding.take() else {
            return;
        };
        let Some(group) = self.group.as_mut() else {
            return;
        };
        let old_members: Vec<ParticipantId> = group.members.clone();
        group.epoch += 1;
        group.last_commit = now;
        group.members.retain(|m| !outstanding.removes.contains(m));
        for add in &outstanding.adds {
            group.members.push(add.participant);
        }
        self.passed_over.clear();
        self.outputs
            .push((from, ServerMessage::MlsCommitAccepted { epoch }));
        for member in old_members {
            if member != from && !outstanding.removes.contains(&member) {
                self.outputs.push((
                    member,
                    ServerMessage::MlsCommit {
                        epoch,
                        from,
                        commit: commit.clone(),
                    },
                ));
            }
        }
        if let Some(welcome) = welcome {
            for add in &outstanding.adds {
                self.outputs.push((
                    add.participant,
                    ServerMessage::MlsWelcome {
                        welcome: welcome.clone(),
                    },
                ));
            }
        }
        self.progress(now);
    }

    /// A chat message from a member, relayed to every other member.
    pub fn handle_application(
        &mut self,
        from: ParticipantId,
        epoch: u64,
        message: String,
    ) -> Result<(), String> {
        if !self.is_member(from) {
            return Err("you are not in the group yet".into());
        }
        for member in self.members().to_vec() {
            if member != from {
                self.outputs.push((
                    member,
                    ServerMessage::MlsApplication {
                        epoch,
                        from,
                        message: message.clone(),
                    },
                ));
            }
        }
        Ok(())
    }

    /// A participant left the meeting (socket closed, left, evicted).
    pub fn handle_leave(&mut self, id: ParticipantId, now: Instant) {
        self.pending_adds.retain(|a| a.participant != id);
        if self.creator.is_some_and(|(c, _)| c == id) {
            self.creator = None;
        }
        if let Some(o) = &self.outstanding
            && o.committer == id
        {
            self.requeue_outstanding();
        }
        if self.is_member(id) && !self.pending_removes.contains(&id) {
            self.pending_removes.push(id);
        }
        // Nobody left to commit: the group ends with its last member.
        let everyone_leaving = self
            .group
            .as_ref()
            .is_some_and(|g| g.members.iter().all(|m| self.pending_removes.contains(m)));
        if everyone_leaving {
            self.group = None;
            self.pending_removes.clear();
            self.outstanding = None;
            self.passed_over.clear();
        }
        self.progress(now);
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        if let Some(o) = &self.outstanding
            && now.saturating_duration_since(o.asked_at) >= COMMIT_TIMEOUT
        {
            let committer = o.committer;
            self.passed_over.push(committer);
            self.requeue_outstanding();
        }
        if let Some((c, at)) = self.creator
            && now.saturating_duration_since(at) >= COMMIT_TIMEOUT
        {
            // The creator never confirmed: let the next joiner try, and put
            // this one back in line.
            self.creator = None;
            self.passed_over.push(c);
        }
        self.progress(now);
    }

    pub fn poll_timeout(&self) -> Option<Instant> {
        let waiting = self
            .outstanding
            .as_ref()
            .map(|o| o.asked_at + COMMIT_TIMEOUT)
            .or(self.creator.map(|(_, at)| at + COMMIT_TIMEOUT));
        let rekey = self
            .group
            .as_ref()
            .filter(|_| self.outstanding.is_none())
            .map(|g| g.last_commit + REKEY_INTERVAL);
        match (waiting, rekey) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn drain_outputs(&mut self) -> impl Iterator<Item = (ParticipantId, ServerMessage)> + '_ {
        self.outputs.drain(..)
    }

    fn requeue_outstanding(&mut self) {
        if let Some(o) = self.outstanding.take() {
            for add in o.adds.into_iter().rev() {
                if !self
                    .pending_adds
                    .iter()
                    .any(|a| a.participant == add.participant)
                {
                    self.pending_adds.insert(0, add);
                }
            }
            for r in o.removes {
                if !self.pending_removes.contains(&r) {
                    self.pending_removes.push(r);
                }
            }
        }
    }

    fn committer(&self) -> Option<ParticipantId> {
        let group = self.group.as_ref()?;
        match self.policy {
            CommitterPolicy::LongestPresent => group
                .members
                .iter()
                .copied()
                .find(|m| !self.pending_removes.contains(m) && !self.passed_over.contains(m)),
        }
    }

    /// Starts whatever can start: group creation, or the next commit.
    fn progress(&mut self, now: Instant) {
        if self.outstanding.is_some() {
            return;
        }
        if self.group.is_none() {
            if self.creator.is_none() {
                let next = self
                    .pending_adds
                    .iter()
                    .position(|a| !self.passed_over.contains(&a.participant))
                    .or(if self.pending_adds.is_empty() {
                        None
                    } else {
                        Some(0)
                    });
                if let Some(i) = next {
                    let add = self.pending_adds.remove(i);
                    self.creator = Some((add.participant, now));
                    self.outputs
                        .push((add.participant, ServerMessage::MlsCreateGroup));
                }
            }
            return;
        }
        let Some(group) = self.group.as_ref() else {
            return;
        };
        let due_rekey = now.saturating_duration_since(group.last_commit) >= REKEY_INTERVAL;
        if self.pending_adds.is_empty() && self.pending_removes.is_empty() && !due_rekey {
            return;
        }
        let Some(committer) = self.committer() else {
            return;
        };
        let epoch = group.epoch;
        let adds = std::mem::take(&mut self.pending_adds);
        let removes = std::mem::take(&mut self.pending_removes);
        self.outputs.push((
            committer,
            ServerMessage::MlsCommitRequest {
                epoch,
                adds: adds.clone(),
                removes: removes.clone(),
                update: adds.is_empty() && removes.is_empty(),
            },
        ));
        self.outstanding = Some(Outstanding {
            committer,
            epoch,
            asked_at: now,
            adds,
            removes,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: ParticipantId = ParticipantId(1);
    const B: ParticipantId = ParticipantId(2);
    const C: ParticipantId = ParticipantId(3);
    const D: ParticipantId = ParticipantId(4);

    fn out(ds: &mut DeliveryService) -> Vec<(ParticipantId, ServerMessage)> {
        ds.drain_outputs().collect()
    }

    fn kp(p: ParticipantId) -> String {
        format!("kp-{}", p.0)
    }

    /// A, then B joins: A creates, A commits B's add.
    fn two_members(now: Instant) -> DeliveryService {
        let mut ds = DeliveryService::new(CommitterPolicy::LongestPresent);
        ds.handle_key_package(A, kp(A), now);
        assert_eq!(out(&mut ds), [(A, ServerMessage::MlsCreateGroup)]);
        ds.handle_group_created(A, now).unwrap();
        ds.handle_key_package(B, kp(B), now);
        let o = out(&mut ds);
        assert!(
            matches!(&o[..], [(A, ServerMessage::MlsCommitRequest { epoch: 0, adds, removes, update: false })]
            if adds[0].participant == B && removes.is_empty())
        );
        ds.handle_commit(A, 0, "c0".into(), Some("w0".into()), now);
        let o = out(&mut ds);
        assert_eq!(
            o,
            [
                (A, ServerMessage::MlsCommitAccepted { epoch: 0 }),
                (
                    B,
                    ServerMessage::MlsWelcome {
                        welcome: "w0".into()
                    }
                ),
            ]
        );
        assert_eq!(ds.members(), [A, B]);
        assert_eq!(ds.epoch(), Some(1));
        ds
    }

    #[test]
    fn first_joiner_creates_and_the_next_is_added_by_a_member() {
        two_members(Instant::now());
    }

    #[test]
    fn a_leave_is_committed_at_once_and_the_leaver_gets_nothing() {
        let now = Instant::now();
        let mut ds = two_members(now);
        ds.handle_key_package(C, kp(C), now);
        ds.handle_commit(A, 1, "c1".into(), Some("w1".into()), now);
        out(&mut ds);
        ds.handle_leave(B, now);
        let o = out(&mut ds);
        assert!(
            matches!(&o[..], [(A, ServerMessage::MlsCommitRequest { epoch: 2, removes, .. })] if removes == &[B])
        );
        ds.handle_commit(A, 2, "c2".into(), None, now);
        let o = out(&mut ds);
        assert!(o.iter().all(|(to, _)| *to != B));
        assert!(o.contains(&(
            C,
            ServerMessage::MlsCommit {
                epoch: 2,
                from: A,
                commit: "c2".into()
            }
        )));
        assert_eq!(ds.members(), [A, C]);
    }

    #[test]
    fn concurrent_joins_and_leaves_are_batched_into_the_next_commit() {
        let now = Instant::now();
        let mut ds = two_members(now);
        ds.handle_key_package(C, kp(C), now);
        let o = out(&mut ds);
        assert_eq!(o.len(), 1, "one request outstanding");
        // While A builds that commit, D arrives and B leaves.
        ds.handle_key_package(D, kp(D), now);
        ds.handle_leave(B, now);
        assert!(
            out(&mut ds).is_empty(),
            "they wait for the outstanding commit"
        );
        ds.handle_commit(A, 1, "c1".into(), Some("w1".into()), now);
        let o = out(&mut ds);
        let request = o
            .iter()
            .find_map(|(to, m)| match m {
                ServerMessage::MlsCommitRequest {
                    epoch,
                    adds,
                    removes,
                    ..
                } if *to == A => Some((*epoch, adds.clone(), removes.clone())),
                _ => None,
            })
            .unwrap();
        assert_eq!(request.0, 2);
        assert_eq!(
            request.1.iter().map(|a| a.participant).collect::<Vec<_>>(),
            [D]
        );
        assert_eq!(request.2, [B]);
    }

    #[test]
    fn only_the_asked_committer_on_the_current_epoch_wins() {
        let now = Instant::now();
        let mut ds = two_members(now);
        ds.handle_key_package(C, kp(C), now);
        out(&mut ds);
        // B was not asked; A answers on a stale epoch.
        ds.handle_commit(B, 1, "rogue".into(), None, now);
        ds.handle_commit(A, 0, "stale".into(), None, now);
        let o = out(&mut ds);
        assert!(matches!(
            o[0],
            (B, ServerMessage::MlsCommitRejected { epoch: 1, .. })
        ));
        assert!(matches!(
            o[1],
            (A, ServerMessage::MlsCommitRejected { epoch: 0, .. })
        ));
        assert_eq!(ds.epoch(), Some(1));
        ds.handle_commit(A, 1, "c1".into(), Some("w1".into()), now);
        assert_eq!(ds.epoch(), Some(2));
    }

    #[test]
    fn a_silent_committer_is_passed_over() {
        let t0 = Instant::now();
        let mut ds = two_members(t0);
        ds.handle_key_package(C, kp(C), t0);
        out(&mut ds);
        let t1 = t0 + COMMIT_TIMEOUT;
        assert_eq!(ds.poll_timeout(), Some(t1));
        ds.handle_timeout(t1);
        let o = out(&mut ds);
        assert!(
            matches!(&o[..], [(B, ServerMessage::MlsCommitRequest { epoch: 1, adds, .. })] if adds[0].participant == C)
        );
        ds.handle_commit(A, 1, "late".into(), None, t1);
        assert!(matches!(
            out(&mut ds)[0],
            (A, ServerMessage::MlsCommitRejected { .. })
        ));
    }

    #[test]
    fn a_committer_who_leaves_hands_the_request_to_another() {
        let now = Instant::now();
        let mut ds = two_members(now);
        ds.handle_key_package(C, kp(C), now);
        out(&mut ds);
        ds.handle_leave(A, now);
        let o = out(&mut ds);
        assert!(
            matches!(&o[..], [(B, ServerMessage::MlsCommitRequest { epoch: 1, adds, removes, .. })]
            if adds[0].participant == C && removes == &[A])
        );
    }

    #[test]
    fn the_group_is_rekeyed_every_five_minutes() {
        let t0 = Instant::now();
        let mut ds = two_members(t0);
        assert_eq!(ds.poll_timeout(), Some(t0 + REKEY_INTERVAL));
        ds.handle_timeout(t0 + REKEY_INTERVAL);
        let o = out(&mut ds);
        assert!(matches!(
            &o[..],
            [(
                A,
                ServerMessage::MlsCommitRequest {
                    epoch: 1,
                    update: true,
                    ..
                }
            )]
        ));
    }

    #[test]
    fn when_everyone_leaves_the_next_joiner_starts_a_new_group() {
        let now = Instant::now();
        let mut ds = two_members(now);
        ds.handle_leave(A, now);
        ds.handle_leave(B, now);
        out(&mut ds);
        assert_eq!(ds.epoch(), None);
        ds.handle_key_package(C, kp(C), now);
        assert_eq!(out(&mut ds), [(C, ServerMessage::MlsCreateGroup)]);
    }

    #[test]
    fn a_creator_who_leaves_before_confirming_lets_the_next_one_create() {
        let now = Instant::now();
        let mut ds = DeliveryService::new(CommitterPolicy::LongestPresent);
        ds.handle_key_package(A, kp(A), now);
        ds.handle_key_package(B, kp(B), now);
        assert_eq!(out(&mut ds), [(A, ServerMessage::MlsCreateGroup)]);
        ds.handle_leave(A, now);
        assert_eq!(out(&mut ds), [(B, ServerMessage::MlsCreateGroup)]);
        assert!(ds.handle_group_created(A, now).is_err());
    }

    #[test]
    fn chat_is_relayed_to_the_other_members_only() {
        let now = Instant::now();
        let mut ds = two_members(now);
        ds.handle_application(A, 1, "ct".into()).unwrap();
        assert_eq!(
            out(&mut ds),
            [(
                B,
                ServerMessage::MlsApplication {
                    epoch: 1,
                    from: A,
                    message: "ct".into()
                }
            )]
        );
        assert!(ds.handle_application(C, 1, "x".into()).is_err());
    }
}
