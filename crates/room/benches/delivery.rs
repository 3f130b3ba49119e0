//! The delivery service's fan-out in a large meeting: a member leaves and
//! comes back, so two commits (a removal, then an Add) reach every other
//! member of a group of 250 or 1000. Commits are 70 KB, what a roster
//! commit weighs at 1000 members. What the server then does with each
//! recipient's message (numbering, the socket) is not in this loop.

use std::collections::VecDeque;
use std::hint::black_box;
use std::time::{Duration, Instant};

use conclave_room::delivery::{CommitIn, CommitterPolicy, DeliveryService, join_batch_wait};
use conclave_signaling::{ParticipantId, ServerMessage};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// A roster commit at 1000 members (BENCHMARKS.md, the 1000-member runs).
const COMMIT_BYTES: usize = 70_000;

struct Group {
    ds: DeliveryService,
    now: Instant,
    commit: String,
}

impl Group {
    fn new(members: u64) -> Self {
        let mut g = Self {
            ds: DeliveryService::new(CommitterPolicy::NewestInLargeGroups),
            now: Instant::now(),
            commit: "c".repeat(COMMIT_BYTES),
        };
        g.join(ParticipantId(1));
        let Some(ServerMessage::MlsCreateGroup) = g.drain().into_iter().next() else {
            panic!("the first joiner is asked to create the group");
        };
        g.ds.handle_group_created(ParticipantId(1), g.now)
            .expect("the creator confirms");
        for batch in (2..=members).collect::<Vec<_>>().chunks(16) {
            for &id in batch {
                g.join(ParticipantId(id));
            }
            g.settle();
        }
        assert_eq!(g.ds.members().len() as u64, members);
        g
    }

    fn join(&mut self, id: ParticipantId) {
        self.ds
            .handle_key_package(id, format!("kp-{}", id.0), None, self.now)
            .expect("a new participant's KeyPackage is queued");
    }

    /// Outputs, keeping only the messages (recipients are not needed).
    fn drain(&mut self) -> Vec<ServerMessage> {
        self.ds.drain_outputs().map(|(_, m)| m).collect()
    }

    /// Lets the batch wait pass and answers commit requests until none
    /// comes: returns how many messages went out meanwhile.
    fn settle(&mut self) -> usize {
        let mut sent = 0;
        loop {
            self.now += join_batch_wait(self.ds.members().len()) + Duration::from_millis(1);
            self.ds.handle_timeout(self.now);
            let mut queue: VecDeque<(ParticipantId, ServerMessage)> =
                self.ds.drain_outputs().collect();
            let mut asked = false;
            while let Some((to, message)) = queue.pop_front() {
                sent += 1;
                if let ServerMessage::MlsCommitRequest {
                    epoch,
                    adds,
                    removes,
                    ..
                } = message
                {
                    asked = true;
                    let added: Vec<ParticipantId> = adds.iter().map(|a| a.participant).collect();
                    let commit = CommitIn {
                        epoch,
                        commit: self.commit.clone(),
                        welcome: (!added.is_empty()).then(|| "w".into()),
                        added,
                        removed: removes,
                    };
                    self.ds.handle_commit(to, commit, self.now);
                    queue.extend(self.ds.drain_outputs());
                }
            }
            if !asked {
                return sent;
            }
        }
    }
}

fn leave_and_rejoin(c: &mut Criterion) {
    let mut group = c.benchmark_group("delivery");
    group.sample_size(20);
    for members in [250u64, 1000] {
        let mut g = Group::new(members);
        let mover = ParticipantId(members / 2);
        group.bench_with_input(
            BenchmarkId::new("leave and rejoin, two commits to everyone", members),
            &members,
            |b, _| {
                b.iter(|| {
                    g.ds.handle_leave(mover, g.now);
                    let removed = g.settle();
                    g.join(mover);
                    let added = g.settle();
                    black_box((removed, added))
                })
            },
        );
        assert_eq!(g.ds.members().len() as u64, members);
    }
    group.finish();
}

criterion_group!(benches, leave_and_rejoin);
criterion_main!(benches);
