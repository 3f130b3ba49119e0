//! The MLS delivery service for one meeting: it orders handshake messages,
//! decides who commits what and when, and fans messages out. It never sees a
//! key: commits, Welcomes and application messages are opaque base64 to it,
//! and every member's client verifies what it processes.
//!
//! The ordering rule is the simplest that cannot split the group: at any
//! time at most one member is asked to commit, on the epoch the service
//! knows to be current, and only that member's commit for that epoch is
//! accepted. Changes that arrive meanwhile wait for the next request.
//!
//! Who is a member is what committers report, never what was asked: a
//! commit says which of the requested Adds and Removes it carries, and a
//! joiner whose KeyPackage was left out is told so instead of being counted
//! (a junk KeyPackage must not make a phantom member that is later asked to
//! commit). A member that stalls is removed from the group and asked to
//! rejoin, so nobody, not even the only member, can hold a group hostage.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::{Duration, Instant};

use conclave_signaling::{ErrorCode, MAX_ADDS_PER_COMMIT, MlsAdd, ParticipantId, ServerMessage};

/// Epochs older than this are refreshed with an empty (update) commit, so a
/// key that leaked from one device stops being useful within minutes even in
/// a meeting where nobody joins or leaves.
pub const REKEY_INTERVAL: Duration = Duration::from_secs(5 * 60);

/// A committer (or group creator) that has not answered within this time is
/// removed from the group and asked to rejoin. Long enough for a slow phone
/// to build a commit for a large group (tens of ms in practice) plus a
/// network round trip; short enough that a joiner waits seconds, not
/// minutes, behind a frozen tab or a client that never commits on purpose.
pub const COMMIT_TIMEOUT: Duration = Duration::from_secs(10);

/// From this many members on, a commit that only adds waits for more
/// joiners to share it ([`join_batch_wait`]). Every commit makes every
/// member rehash the whole ratchet tree (3.6 ms for a native client at 1000
/// members, `benches/mls.rs`; several times that in a browser), so a commit
/// per arrival made a meeting's total work grow with the square of its
/// size: a 500-member meeting arriving over a minute kept its members'
/// clients busier with commits than with the call. Below this size a
/// commit costs well under a millisecond and a class arriving together is
/// batched by the commit round trip anyway.
pub const BATCH_JOINS_FROM_MEMBERS: usize = 50;

/// How long an add-only commit may wait per member of the group, at most
/// [`MAX_JOIN_BATCH_WAIT`]: 0.2 s at 50 members, 1 s at 250, 4 s from 1000.
/// It keeps the rate of commits, and so the share of each member's CPU
/// they take, about the same whatever the meeting's size. Longer would
/// cost members less but keep each joiner waiting longer for the keys to
/// see and hear the meeting.
pub const JOIN_BATCH_WAIT_PER_MEMBER: Duration = Duration::from_millis(4);

/// The longest a joiner waits for others to share its commit: in a meeting
/// of a thousand, a few seconds of "joining" is what people expect. A full
/// batch ([`MAX_ADDS_PER_COMMIT`]) never waits, and neither does a host's
/// removal: removing someone rekeys at once.
///
/// Departures (a member leaves, its socket is lost or dropped, it falls
/// silent) wait with the joins. A member who left is out of media and
/// signaling at once, so what the wait leaves it is the current epoch's
/// key for packets it is no longer sent; in exchange a wave of departures
/// (the end of a lecture, or clients dropped because they fell behind)
/// costs each remaining member one commit per wait rather than one per
/// departure, which in a large group is what kept falling clients from
/// taking the rest down with them.
pub const MAX_JOIN_BATCH_WAIT: Duration = Duration::from_secs(4);

/// How long after the last commit a commit of joins and departures in a
/// group of `members` may go.
pub fn join_batch_wait(members: usize) -> Duration {
    if members < BATCH_JOINS_FROM_MEMBERS {
        return Duration::ZERO;
    }
    JOIN_BATCH_WAIT_PER_MEMBER
        .saturating_mul(u32::try_from(members).unwrap_or(u32::MAX))
        .min(MAX_JOIN_BATCH_WAIT)
}

/// Adds waiting in one meeting. One per participant at most, so the meeting
/// cap bounds it already; this bounds it again for a meeting configured far
/// larger. With 4 KiB KeyPackages it caps pending state at 1 MiB.
pub const MAX_PENDING_ADDS: usize = 256;

/// Rejoins (fresh KeyPackage after a failure or a reset) one participant
/// may ask for within [`REJOIN_WINDOW`]. An honest client needs one after a
/// rare failure; five in ten minutes tolerates a flaky link, while a client
/// that keeps feeding junk KeyPackages (each costing every member a commit)
/// is sent away.
pub const MAX_REJOINS: usize = 5;
pub const REJOIN_WINDOW: Duration = Duration::from_secs(10 * 60);

/// From this many members on, the newest member commits
/// ([`CommitterPolicy::NewestInLargeGroups`]). Below it a blank ratchet tree
/// costs little (a removal encrypted to every leaf of 50 is about 4 KB) and
/// the member who has been there longest is the least likely to be still
/// settling in, so small meetings keep the steadier committer.
pub const NEWEST_COMMITS_FROM_MEMBERS: usize = 50;

/// In a large group, a member is asked to commit only once it has been in
/// the group this long, if anyone has. A client that has just joined is
/// still busiest: its Welcome (60 ms at 1000 members), its media
/// connection, the meeting's state to catch up on; in a 1000-member run
/// whose clients shared the server's two cores, a member asked to commit
/// seconds after joining did not answer within [`COMMIT_TIMEOUT`], and
/// the joins that piled up meanwhile tipped the meeting over. Longer would
/// keep committing among fewer, older leaves (with an audience arriving
/// at 10 a second, 15 s is 150 joiners back, still spread over the tree).
pub const SETTLED_AFTER: Duration = Duration::from_secs(15);

/// Who is asked to commit when the change is not a host's to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CommitterPolicy {
    /// Below [`NEWEST_COMMITS_FROM_MEMBERS`], the member who has been in the
    /// group longest; from there on, the member who joined last of those in
    /// it for [`SETTLED_AFTER`] (the newest if none is). Either way one that
    /// is not being removed and has not stalled before.
    ///
    /// Every commit carries an update path (native clients send one with
    /// Adds too), which fills in the ratchet tree's nodes above the
    /// committer's leaf. New members take the leftmost free leaves, so
    /// asking the newest member spreads those paths over the whole tree
    /// and keeps refilling the holes departures leave. A commit that must
    /// carry a path (any removal) is encrypted to each filled subtree
    /// beside the committer's path: with the same member always
    /// committing, the tree stayed blank and a removal in a group of 1000
    /// was encrypted to every leaf, 82 KB for each member to fetch and 2.0
    /// ms to process; with the newest committing, 2.6 KB and 0.9 ms, and
    /// it stays there through churn (`crates/e2ee/benches/mls.rs`, "process
    /// remove commit" against "…, blank tree"). The price: a member who
    /// has only just arrived commits, so its stalls (answered by
    /// [`COMMIT_TIMEOUT`] as anyone's) weigh more than before.
    #[default]
    NewestInLargeGroups,
}

/// Why the delivery service refused a client's message.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DeliveryError {
    #[error("nobody asked you to create the group")]
    NotAskedToCreate,
    #[error("you are not in the group yet")]
    NotMember,
    #[error("you are already in the group or waiting to be added; send mls_rejoin to start over")]
    AlreadyKnown,
    #[error("too many people are waiting to join the encrypted group; try again shortly")]
    TooManyPending,
    #[error("too many rejoins ({MAX_REJOINS} in {} minutes)", REJOIN_WINDOW.as_secs() / 60)]
    TooManyRejoins,
}

impl DeliveryError {
    pub fn code(&self) -> ErrorCode {
        match self {
            DeliveryError::NotAskedToCreate | DeliveryError::AlreadyKnown => ErrorCode::BadMessage,
            DeliveryError::NotMember => ErrorCode::NotJoined,
            DeliveryError::TooManyPending => ErrorCode::ServerBusy,
            DeliveryError::TooManyRejoins => ErrorCode::RateLimited,
        }
    }

    /// Whether the socket should be closed: a client that keeps rejoining
    /// costs every member a commit each time.
    pub fn is_fatal(&self) -> bool {
        matches!(self, DeliveryError::TooManyRejoins)
    }
}

/// A commit as its committer describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitIn {
    pub epoch: u64,
    pub commit: String,
    pub welcome: Option<String>,
    /// The requested Adds the commit carries.
    pub added: Vec<ParticipantId>,
    /// The requested Removes the commit carries.
    pub removed: Vec<ParticipantId>,
}

#[derive(Debug)]
struct Outstanding {
    committer: ParticipantId,
    epoch: u64,
    asked_at: Instant,
    adds: Vec<MlsAdd>,
    removes: Vec<ParticipantId>,
    /// Requested joiners that left or asked to rejoin meanwhile: the commit
    /// may still carry them (it was built before), but they get no Welcome.
    withdrawn: BTreeSet<ParticipantId>,
    /// The recording change this commit was asked to carry.
    recording: Option<RecordingChange>,
}

/// A recording change for the group's roster (docs/recording.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RecordingChange {
    on: bool,
    /// The host who asked: the one asked to commit it. Turning it on needs
    /// a host's commit (clients refuse it from anyone else); turning it off
    /// may come from anyone once that host is gone.
    by: Option<ParticipantId>,
}

#[derive(Debug)]
struct Group {
    epoch: u64,
    /// Members in the order they joined the group, as committers reported.
    members: Vec<ParticipantId>,
    /// When each member's commit (or the group's creation) was accepted.
    joined_at: BTreeMap<ParticipantId, Instant>,
    last_commit: Instant,
}

#[derive(Debug, Default)]
pub struct DeliveryService {
    policy: CommitterPolicy,
    group: Option<Group>,
    /// Asked to create the group, not yet confirmed.
    creator: Option<(ParticipantId, Instant)>,
    pending_adds: VecDeque<MlsAdd>,
    pending_removes: Vec<ParticipantId>,
    outstanding: Option<Outstanding>,
    /// Participants that once failed to answer a commit or creation request:
    /// asked again only when nobody else can be.
    stalled: BTreeSet<ParticipantId>,
    /// Recent rejoins per participant, for [`MAX_REJOINS`].
    rejoins: BTreeMap<ParticipantId, Vec<Instant>>,
    /// Admitted knockers and the host who admitted each: only that host's
    /// client opened and accepted the knock, so only it is asked to commit
    /// the Add (another host's client would rightly leave it out).
    admitted_by: BTreeMap<ParticipantId, ParticipantId>,
    /// A recording change waiting for its commit.
    pending_recording: Option<RecordingChange>,
    /// When the joins and departures waiting to share a commit are asked
    /// for ([`join_batch_wait`]).
    batch_until: Option<Instant>,
    /// Members a host removed: their removal rekeys at once, however large
    /// the group. Kept until they are out of the group.
    removed_by_host: BTreeSet<ParticipantId>,
    /// The host whose admissions just landed in a large group: the next
    /// commit is another member's, asked at once (an update if nothing
    /// else is waiting). Only the admitting host may commit an admitted
    /// knock, and its commits carry a path (the roster changes with each);
    /// with nobody else committing, the tree beside that path stayed blank
    /// and each admission was encrypted to every member's leaf: 45 KB
    /// against 4 KB at 512 members (`crates/e2ee`, "members' updates
    /// between a host's admissions"), which every member fetched and
    /// walked. The price is a second commit per batch of admissions.
    update_after_admissions: Option<ParticipantId>,
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

    /// The host a recording change not yet asked of anyone waits for.
    pub fn recording_waits_for(&self) -> Option<ParticipantId> {
        self.pending_recording.and_then(|r| r.by)
    }

    /// A host started (`on`) or a recording stopped: the group's roster
    /// says so from the next commit, which `by` (the host who asked, if
    /// still here) is asked to make.
    pub fn handle_recording(&mut self, on: bool, by: Option<ParticipantId>, now: Instant) {
        self.pending_recording = Some(RecordingChange { on, by });
        self.progress(now);
    }

    pub fn is_member(&self, id: ParticipantId) -> bool {
        self.members().contains(&id)
    }

    /// Participants whose KeyPackage is waiting (tests and diagnostics).
    pub fn pending(&self) -> impl Iterator<Item = ParticipantId> + '_ {
        self.pending_adds.iter().map(|a| a.participant)
    }

    fn is_known(&self, id: ParticipantId) -> bool {
        self.is_member(id)
            || self.creator.is_some_and(|(c, _)| c == id)
            || self.pending_adds.iter().any(|a| a.participant == id)
            || self
                .outstanding
                .as_ref()
                .is_some_and(|o| o.adds.iter().any(|a| a.participant == id))
    }

    /// A participant's first KeyPackage, sent once after `welcome`.
    /// `host_endorsement` comes with a host's KeyPackage.
    pub fn handle_key_package(
        &mut self,
        from: ParticipantId,
        key_package: String,
        host_endorsement: Option<String>,
        now: Instant,
    ) -> Result<(), DeliveryError> {
        if self.is_known(from) {
            return Err(DeliveryError::AlreadyKnown);
        }
        self.queue_add(MlsAdd {
            participant: from,
            key_package,
            knock: None,
            host_endorsement,
        })?;
        self.progress(now);
        Ok(())
    }

    /// A host admitted a knocker with the KeyPackage its client opened from
    /// the sealed knock. Only a host is asked to commit this Add. A
    /// participant already in the group (it knocked again after losing its
    /// state) is removed first, then added with the new KeyPackage.
    pub fn handle_admitted(
        &mut self,
        joiner: ParticipantId,
        key_package: String,
        host: ParticipantId,
        now: Instant,
    ) -> Result<(), DeliveryError> {
        self.withdraw(joiner);
        self.admitted_by.insert(joiner, host);
        self.queue_add(MlsAdd {
            participant: joiner,
            key_package,
            knock: Some(true),
            host_endorsement: None,
        })?;
        if self.is_member(joiner) && !self.pending_removes.contains(&joiner) {
            self.pending_removes.push(joiner);
            self.end_group_if_everyone_leaves();
        }
        self.progress(now);
        Ok(())
    }

    /// Forgets whatever `id` had asked for: its waiting Add, its turn to
    /// create or commit.
    fn withdraw(&mut self, id: ParticipantId) {
        self.pending_adds.retain(|a| a.participant != id);
        if self.creator.is_some_and(|(c, _)| c == id) {
            self.creator = None;
        }
        if let Some(o) = &mut self.outstanding {
            o.withdrawn.insert(id);
        }
        if self.outstanding.as_ref().is_some_and(|o| o.committer == id) {
            // It threw away the state it would have committed on.
            self.requeue_outstanding();
        }
    }

    /// A participant discarded its group state (it could not process
    /// something, or was told to reset) and wants in again with a fresh
    /// KeyPackage. A current member is removed first, then added again.
    pub fn handle_rejoin(
        &mut self,
        from: ParticipantId,
        key_package: String,
        host_endorsement: Option<String>,
        now: Instant,
    ) -> Result<(), DeliveryError> {
        let recent = self.rejoins.entry(from).or_default();
        recent.retain(|t| now.saturating_duration_since(*t) < REJOIN_WINDOW);
        if recent.len() >= MAX_REJOINS {
            return Err(DeliveryError::TooManyRejoins);
        }
        recent.push(now);
        self.withdraw(from);
        self.queue_add(MlsAdd {
            participant: from,
            key_package,
            knock: None,
            host_endorsement,
        })?;
        if self.is_member(from) && !self.pending_removes.contains(&from) {
            self.pending_removes.push(from);
            self.end_group_if_everyone_leaves();
        }
        self.progress(now);
        Ok(())
    }

    fn queue_add(&mut self, add: MlsAdd) -> Result<(), DeliveryError> {
        if self.pending_adds.len() >= MAX_PENDING_ADDS {
            return Err(DeliveryError::TooManyPending);
        }
        self.pending_adds.push_back(add);
        Ok(())
    }

    pub fn handle_group_created(
        &mut self,
        from: ParticipantId,
        now: Instant,
    ) -> Result<(), DeliveryError> {
        match self.creator {
            Some((c, _)) if c == from && self.group.is_none() => {
                self.creator = None;
                self.group = Some(Group {
                    epoch: 0,
                    members: vec![from],
                    joined_at: BTreeMap::from([(from, now)]),
                    last_commit: now,
                });
                self.progress(now);
                Ok(())
            }
            _ => Err(DeliveryError::NotAskedToCreate),
        }
    }

    /// A commit from a member. Only the asked committer's commit on the
    /// current epoch is taken, and only if it claims no more than was asked;
    /// everything else is refused.
    pub fn handle_commit(&mut self, from: ParticipantId, commit: CommitIn, now: Instant) {
        let epoch = commit.epoch;
        let expected = self
            .outstanding
            .as_ref()
            .is_some_and(|o| o.committer == from && o.epoch == epoch)
            && self.group.as_ref().is_some_and(|g| g.epoch == epoch);
        if !expected {
            self.reject(
                from,
                epoch,
                "no commit was requested from you for this epoch",
            );
            return;
        }
        let Some(outstanding) = self.outstanding.take() else {
            return;
        };
        if let Err(reason) = check_claims(&outstanding, &commit) {
            // A committer that misreports its own commit cannot be trusted
            // with the next one either: out of the group, and start over.
            self.reject(from, epoch, reason);
            self.outstanding = Some(outstanding);
            self.requeue_outstanding();
            self.reset(from, "your commit did not match the request");
            self.progress(now);
            return;
        }
        let Some(group) = self.group.as_mut() else {
            return;
        };
        let old_members: Vec<ParticipantId> = group.members.clone();
        group.epoch += 1;
        group.last_commit = now;
        // A requested remove the committer left out concerns someone not in
        // its group: the committer's view of the tree is the truth.
        group.members.retain(|m| !outstanding.removes.contains(m));
        group.members.extend(commit.added.iter().copied());
        group
            .joined_at
            .retain(|m, _| !outstanding.removes.contains(m));
        group
            .joined_at
            .extend(commit.added.iter().map(|m| (*m, now)));
        self.outputs
            .push((from, ServerMessage::MlsCommitAccepted { epoch }));
        let shared = conclave_signaling::Shared::from(commit.commit.as_str());
        for member in old_members {
            if member != from && !commit.removed.contains(&member) {
                self.outputs.push((
                    member,
                    ServerMessage::MlsCommit {
                        epoch,
                        from,
                        commit: shared.clone(),
                    },
                ));
            }
        }
        for joiner in &commit.added {
            if !outstanding.withdrawn.contains(joiner) {
                if let Some(welcome) = &commit.welcome {
                    self.outputs.push((
                        *joiner,
                        ServerMessage::MlsWelcome {
                            welcome: welcome.clone(),
                        },
                    ));
                }
            } else if !self.pending_adds.iter().any(|a| a.participant == *joiner)
                && !self.pending_removes.contains(joiner)
            {
                // Gone before its Add landed: the next commit removes it.
                self.pending_removes.push(*joiner);
            }
        }
        for add in &outstanding.adds {
            if !commit.added.contains(&add.participant)
                && !outstanding.withdrawn.contains(&add.participant)
            {
                self.outputs.push((
                    add.participant,
                    ServerMessage::MlsReset {
                        reason: "the group refused your KeyPackage".into(),
                    },
                ));
            }
        }
        let admitted = outstanding.adds.iter().any(|a| a.knock.is_some());
        let large = self.members().len() >= NEWEST_COMMITS_FROM_MEMBERS;
        self.update_after_admissions = (admitted && large).then_some(from);
        self.progress(now);
    }

    /// An application message (chat, an introduction) from a member,
    /// relayed to every other member, or only to those of `to` who are
    /// members.
    pub fn handle_application(
        &mut self,
        from: ParticipantId,
        epoch: u64,
        message: String,
        to: Option<&[ParticipantId]>,
    ) -> Result<(), DeliveryError> {
        if !self.is_member(from) {
            return Err(DeliveryError::NotMember);
        }
        let message = conclave_signaling::Shared::from(message);
        for member in self.members().to_vec() {
            if member != from && to.is_none_or(|to| to.contains(&member)) {
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

    /// A host removed `id` from the meeting: unlike a departure, its
    /// removal never waits for company. Followed by [`Self::handle_leave`].
    pub fn handle_removed_by_host(&mut self, id: ParticipantId) {
        // An Add already asked for may still be committed: the removal that
        // follows it must not wait either.
        let being_added = self
            .outstanding
            .as_ref()
            .is_some_and(|o| o.adds.iter().any(|a| a.participant == id));
        if self.is_member(id) || being_added {
            self.removed_by_host.insert(id);
        }
    }

    /// A participant left the meeting (socket closed, left, evicted).
    pub fn handle_leave(&mut self, id: ParticipantId, now: Instant) {
        self.pending_adds.retain(|a| a.participant != id);
        self.stalled.remove(&id);
        self.rejoins.remove(&id);
        self.admitted_by.remove(&id);
        if self.creator.is_some_and(|(c, _)| c == id) {
            self.creator = None;
        }
        if let Some(o) = &self.outstanding
            && o.committer == id
        {
            self.requeue_outstanding();
        }
        if let Some(o) = &mut self.outstanding {
            // Its Add may still be committed; the next request removes it.
            o.withdrawn.insert(id);
        }
        if self.is_member(id) && !self.pending_removes.contains(&id) {
            self.pending_removes.push(id);
        }
        self.orphan_admissions_of(id);
        self.end_group_if_everyone_leaves();
        self.progress(now);
    }

    /// Knocks `host` admitted whose Add is still waiting: nobody else
    /// opened them, so their knockers are told to knock again.
    fn orphan_admissions_of(&mut self, host: ParticipantId) {
        let orphaned: Vec<ParticipantId> = self
            .admitted_by
            .iter()
            .filter(|(_, h)| **h == host)
            .map(|(j, _)| *j)
            .collect();
        for joiner in orphaned {
            self.admitted_by.remove(&joiner);
            if self.pending_adds.iter().any(|a| a.participant == joiner) {
                self.pending_adds.retain(|a| a.participant != joiner);
                self.outputs.push((
                    joiner,
                    ServerMessage::MlsReset {
                        reason: "the host who admitted you left before adding you".into(),
                    },
                ));
            }
        }
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        if let Some(o) = &self.outstanding
            && now.saturating_duration_since(o.asked_at) >= COMMIT_TIMEOUT
        {
            let committer = o.committer;
            self.requeue_outstanding();
            self.reset(committer, "you did not answer a commit request in time");
        }
        if let Some((c, at)) = self.creator
            && now.saturating_duration_since(at) >= COMMIT_TIMEOUT
        {
            // The creator never confirmed: let the next joiner try.
            self.creator = None;
            self.stalled.insert(c);
            self.outputs.push((
                c,
                ServerMessage::MlsReset {
                    reason: "you did not create the group in time".into(),
                },
            ));
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
        [waiting, rekey, self.batch_until]
            .into_iter()
            .flatten()
            .min()
    }

    pub fn drain_outputs(&mut self) -> impl Iterator<Item = (ParticipantId, ServerMessage)> + '_ {
        self.outputs.drain(..)
    }

    fn reject(&mut self, to: ParticipantId, epoch: u64, reason: &str) {
        self.outputs.push((
            to,
            ServerMessage::MlsCommitRejected {
                epoch,
                reason: reason.into(),
            },
        ));
    }

    /// Takes a member that failed its duty out of the group (its clients'
    /// next commit removes it) and tells it to rejoin with a fresh
    /// KeyPackage. If it was the only member, the group ends with it and the
    /// next joiner in line creates a new one.
    fn reset(&mut self, id: ParticipantId, reason: &str) {
        self.stalled.insert(id);
        if self.is_member(id) && !self.pending_removes.contains(&id) {
            self.pending_removes.push(id);
        }
        self.outputs.push((
            id,
            ServerMessage::MlsReset {
                reason: reason.into(),
            },
        ));
        self.end_group_if_everyone_leaves();
    }

    /// Nobody left to commit: the group ends with its last member.
    fn end_group_if_everyone_leaves(&mut self) {
        let everyone_leaving = self
            .group
            .as_ref()
            .is_some_and(|g| g.members.iter().all(|m| self.pending_removes.contains(m)));
        if everyone_leaving {
            self.group = None;
            self.pending_removes.clear();
            self.outstanding = None;
        }
    }

    fn requeue_outstanding(&mut self) {
        if let Some(o) = self.outstanding.take() {
            for add in o.adds.into_iter().rev() {
                if !o.withdrawn.contains(&add.participant)
                    && !self
                        .pending_adds
                        .iter()
                        .any(|a| a.participant == add.participant)
                {
                    self.pending_adds.push_front(add);
                }
            }
            for r in o.removes {
                if !self.pending_removes.contains(&r) {
                    self.pending_removes.push(r);
                }
            }
            // A newer change asked meanwhile wins over the one that failed.
            if self.pending_recording.is_none() {
                self.pending_recording = o.recording;
            }
        }
    }

    fn committer(&self, now: Instant) -> Option<ParticipantId> {
        let group = self.group.as_ref()?;
        match self.policy {
            CommitterPolicy::NewestInLargeGroups => {
                let mut candidates: Vec<ParticipantId> = group
                    .members
                    .iter()
                    .copied()
                    .filter(|m| !self.pending_removes.contains(m))
                    .collect();
                let large = group.members.len() >= NEWEST_COMMITS_FROM_MEMBERS;
                if large {
                    candidates.reverse();
                }
                let live = |m: &ParticipantId| !self.stalled.contains(m);
                let settled = |m: &ParticipantId| {
                    !large
                        || group
                            .joined_at
                            .get(m)
                            .is_some_and(|t| now.saturating_duration_since(*t) >= SETTLED_AFTER)
                };
                candidates
                    .iter()
                    .find(|m| live(m) && settled(m))
                    .or_else(|| candidates.iter().find(|m| live(m)))
                    .or_else(|| candidates.first())
                    .copied()
            }
        }
    }

    /// Starts whatever can start: group creation, or the next commit.
    fn progress(&mut self, now: Instant) {
        self.batch_until = None;
        if self.outstanding.is_some() {
            return;
        }
        let Some(group) = self.group.as_ref() else {
            self.removed_by_host.clear();
            if self.creator.is_none() {
                // An admitted knocker never creates the group: only a host's
                // client can (it must write itself into the roster).
                let may_create = |a: &MlsAdd| a.knock.is_none();
                let next = self
                    .pending_adds
                    .iter()
                    .position(|a| may_create(a) && !self.stalled.contains(&a.participant))
                    .or_else(|| self.pending_adds.iter().position(may_create));
                if let Some(add) = next.and_then(|i| self.pending_adds.remove(i)) {
                    self.creator = Some((add.participant, now));
                    self.outputs
                        .push((add.participant, ServerMessage::MlsCreateGroup));
                }
            }
            return;
        };
        // A member with a fresh KeyPackage waiting (a rejoin) is removed
        // first; its Add waits for the next commit.
        let rejoining: Vec<ParticipantId> = self
            .pending_adds
            .iter()
            .map(|a| a.participant)
            .filter(|p| group.members.contains(p) && !self.pending_removes.contains(p))
            .collect();
        self.pending_removes.extend(rejoining);
        self.removed_by_host.retain(|p| group.members.contains(p));
        let addable = |a: &MlsAdd| !group.members.contains(&a.participant);
        let due_rekey = now.saturating_duration_since(group.last_commit) >= REKEY_INTERVAL;
        let epoch = group.epoch;
        // Right after a host's admissions, another member fills in the tree
        // (`update_after_admissions`); admissions and recordings wait.
        let filler = self
            .update_after_admissions
            .and_then(|host| self.committer(now).filter(|c| *c != host));
        // Admitted knockers' Adds go to the host who admitted them; while
        // that host is not in the group they wait (and everything else goes
        // ahead without them).
        let host_committer = self
            .pending_adds
            .iter()
            .filter(|a| filler.is_none() && addable(a) && a.knock.is_some())
            .filter_map(|a| self.admitted_by.get(&a.participant).copied())
            .find(|h| group.members.contains(h) && !self.pending_removes.contains(h));
        let may_add = |a: &MlsAdd| {
            addable(a)
                && match a.knock {
                    None => true,
                    Some(_) => host_committer
                        .is_some_and(|h| self.admitted_by.get(&a.participant).copied() == Some(h)),
                }
        };
        // Turning a recording on is a host's commit: while the host who
        // asked is not in the group, it waits (the rest goes ahead).
        let present =
            |p: &ParticipantId| group.members.contains(p) && !self.pending_removes.contains(p);
        let recording = self.pending_recording.filter(|r| {
            filler.is_none()
                && match r.by {
                    Some(h) if present(&h) => host_committer.is_none_or(|c| c == h),
                    _ => !r.on && host_committer.is_none(),
                }
        });
        let urgent_removal = self
            .pending_removes
            .iter()
            .any(|p| self.removed_by_host.contains(p));
        let may_wait = filler.is_none() && !urgent_removal && !due_rekey && recording.is_none();
        let addable_now = self.pending_adds.iter().filter(|a| may_add(a)).count();
        if may_wait && addable_now == 0 && self.pending_removes.is_empty() {
            return;
        }
        if may_wait && addable_now + self.pending_removes.len() < MAX_ADDS_PER_COMMIT {
            let at = group.last_commit + join_batch_wait(group.members.len());
            if now < at {
                self.batch_until = Some(at);
                return;
            }
        }
        let by = recording.and_then(|r| r.by).filter(present);
        let Some(committer) = filler
            .or(host_committer)
            .or(by)
            .or_else(|| self.committer(now))
        else {
            return;
        };
        self.update_after_admissions = None;
        if recording.is_some() {
            self.pending_recording = None;
        }
        let mut adds = Vec::new();
        let mut waiting = VecDeque::new();
        for add in std::mem::take(&mut self.pending_adds) {
            if adds.len() < MAX_ADDS_PER_COMMIT && may_add(&add) {
                adds.push(add);
            } else {
                waiting.push_back(add);
            }
        }
        self.pending_adds = waiting;
        let removes = std::mem::take(&mut self.pending_removes);
        self.outputs.push((
            committer,
            ServerMessage::MlsCommitRequest {
                epoch,
                adds: adds.clone(),
                removes: removes.clone(),
                update: adds.is_empty() && removes.is_empty(),
                recording: recording.map(|r| r.on),
            },
        ));
        self.outstanding = Some(Outstanding {
            committer,
            epoch,
            asked_at: now,
            adds,
            removes,
            withdrawn: BTreeSet::new(),
            recording,
        });
    }
}

/// A commit may carry only what was asked, each change once, and a
/// Welcome exactly when it adds someone.
fn check_claims(asked: &Outstanding, commit: &CommitIn) -> Result<(), &'static str> {
    let mut seen = BTreeSet::new();
    for p in &commit.added {
        if !asked.adds.iter().any(|a| a.participant == *p) || !seen.insert(*p) {
            return Err("the commit claims an Add that was not requested");
        }
    }
    let mut seen = BTreeSet::new();
    for p in &commit.removed {
        if !asked.removes.contains(p) || !seen.insert(*p) {
            return Err("the commit claims a Remove that was not requested");
        }
    }
    if commit.added.is_empty() != commit.welcome.is_none() {
        return Err("a commit carries a Welcome exactly when it adds members");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
