//! MLS commit costs in groups of 10, 100 and 1000 members (openmls, suite
//! 0x0001): creating an add or remove commit, a member processing one, and
//! a joiner processing its Welcome (it checks the whole tree), and a
//! member reading who is in the group after a commit.
//! The goal: a member processes a 1000-member add or remove in under 50 ms.

use std::time::{Duration, Instant};

use conclave_e2ee::Group;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// A group of `n`: member 0 commits, member 1 processes. Everyone else only
/// exists as a KeyPackage; their clients are not needed. All of them are
/// added in one commit, so the ratchet tree's parent nodes are blank.
fn blank_group_of(n: u64) -> (Group, Group) {
    let mut committer = Group::new(0, "committer").expect("group");
    let mut member = Group::new(1, "member").expect("group");
    committer.create().expect("create");
    let mut adds = vec![(1, member.key_package().expect("kp"))];
    for i in 2..n {
        let other = Group::new(i, &format!("p{i}")).expect("group");
        adds.push((i, other.key_package().expect("kp")));
    }
    let out = committer.commit(&adds, &[]).expect("commit");
    committer.merge_pending().expect("merge");
    member.join(&out.welcome.expect("welcome")).expect("join");
    (committer, member)
}

/// A group of `n` as a meeting fills it: joins in commits of ten, each
/// made by a member the commit before added (the delivery service asks the
/// newest member), so the commits' update paths fill the tree. Member 0
/// commits afterwards, member 1 processes.
fn filled_group_of(n: u64) -> (Group, Group) {
    let mut creator = Group::new(0, "committer").expect("group");
    let mut member = Group::new(1, "member").expect("group");
    creator.create().expect("create");
    let out = creator
        .commit(&[(1, member.key_package().expect("kp"))], &[])
        .expect("commit");
    creator.merge_pending().expect("merge");
    member.join(&out.welcome.expect("welcome")).expect("join");
    let mut newest: Option<Group> = None;
    let mut next = 2;
    while next < n {
        let mut batch = Vec::new();
        while next < n && batch.len() < 10 {
            batch.push((next, Group::new(next, &format!("p{next}")).expect("group")));
            next += 1;
        }
        let adds: Vec<(u64, Vec<u8>)> = batch
            .iter()
            .map(|(id, g)| (*id, g.key_package().expect("kp")))
            .collect();
        let committer = newest.as_mut().unwrap_or(&mut creator);
        let out = committer.commit(&adds, &[]).expect("commit");
        committer.merge_pending().expect("merge");
        member.process(&out.commit).expect("process");
        if newest.is_some() {
            creator.process(&out.commit).expect("process");
        }
        let welcome = out.welcome.expect("welcome");
        let (_, mut last) = batch.pop().expect("a batch");
        last.join(&welcome).expect("join");
        newest = Some(last);
    }
    (creator, member)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("mls");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    for n in [10u64, 100, 1000] {
        let mut next_id = 10_000 + n;
        {
            // Its own group: thousands of discarded commits move the
            // committer's handshake ratchet further than members accept.
            let (mut committer, _) = filled_group_of(n);
            g.bench_function(BenchmarkId::new("create add commit", n), |b| {
                let joiner = Group::new(next_id, "joiner").expect("group");
                let kp = joiner.key_package().expect("kp");
                b.iter(|| {
                    committer
                        .commit(&[(next_id, kp.clone())], &[])
                        .expect("commit");
                    committer.discard_pending().expect("discard");
                })
            });
        }
        let (mut committer, mut member) = filled_group_of(n);
        let (mut blank_committer, mut blank_member) = blank_group_of(n);

        // Each round adds a joiner and removes it again, so the group stays
        // at n members however many rounds criterion runs; one of the two
        // commits is timed. The blank tree is what every group was before
        // commits carried paths and the newest member made them.
        for (timed_add, blank) in [(true, false), (false, false), (true, true), (false, true)] {
            let name = match (timed_add, blank) {
                (true, false) => "process add commit",
                (false, false) => "process remove commit",
                (true, true) => "process add commit, blank tree",
                (false, true) => "process remove commit, blank tree",
            };
            let (committer, member) = if blank {
                (&mut blank_committer, &mut blank_member)
            } else {
                (&mut committer, &mut member)
            };
            g.bench_function(BenchmarkId::new(name, n), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        next_id += 1;
                        let joiner = Group::new(next_id, "joiner").expect("group");
                        let kp = joiner.key_package().expect("kp");
                        let add = committer.commit(&[(next_id, kp)], &[]).expect("add").commit;
                        committer.merge_pending().expect("merge");
                        let start = Instant::now();
                        member.process(&add).expect("process add");
                        if timed_add {
                            total += start.elapsed();
                        }
                        let remove = committer.commit(&[], &[next_id]).expect("remove").commit;
                        committer.merge_pending().expect("merge");
                        let start = Instant::now();
                        member.process(&remove).expect("process remove");
                        if !timed_add {
                            total += start.elapsed();
                        }
                    }
                    total
                })
            });
        }
        // What a member's client reads of every new epoch: who is in the
        // group (to introduce itself to whoever a commit added) and the
        // recording entry of the roster.
        g.bench_function(BenchmarkId::new("read the epoch's members", n), |b| {
            b.iter(|| (member.participants().len(), member.recording().is_some()))
        });
        g.bench_function(BenchmarkId::new("join from welcome", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    next_id += 1;
                    let mut joiner = Group::new(next_id, "joiner").expect("group");
                    let kp = joiner.key_package().expect("kp");
                    let add = committer.commit(&[(next_id, kp)], &[]).expect("add");
                    committer.merge_pending().expect("merge");
                    member.process(&add.commit).expect("process add");
                    let welcome = add.welcome.expect("welcome");
                    let start = Instant::now();
                    joiner.join(&welcome).expect("join");
                    total += start.elapsed();
                    let remove = committer.commit(&[], &[next_id]).expect("remove").commit;
                    committer.merge_pending().expect("merge");
                    member.process(&remove).expect("process remove");
                }
                total
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
