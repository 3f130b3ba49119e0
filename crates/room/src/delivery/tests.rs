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

fn commit(epoch: u64, added: &[ParticipantId], removed: &[ParticipantId]) -> CommitIn {
    CommitIn {
        epoch,
        commit: format!("c{epoch}"),
        welcome: (!added.is_empty()).then(|| format!("w{epoch}")),
        added: added.to_vec(),
        removed: removed.to_vec(),
    }
}

fn request_to(
    o: &[(ParticipantId, ServerMessage)],
    to: ParticipantId,
) -> Option<(u64, Vec<ParticipantId>, Vec<ParticipantId>)> {
    o.iter().find_map(|(t, m)| match m {
        ServerMessage::MlsCommitRequest {
            epoch,
            adds,
            removes,
            ..
        } if *t == to => Some((
            *epoch,
            adds.iter().map(|a| a.participant).collect(),
            removes.clone(),
        )),
        _ => None,
    })
}

fn resets(o: &[(ParticipantId, ServerMessage)]) -> Vec<ParticipantId> {
    o.iter()
        .filter(|(_, m)| matches!(m, ServerMessage::MlsReset { .. }))
        .map(|(to, _)| *to)
        .collect()
}

/// A, then B joins: A creates, A commits B's add.
fn two_members(now: Instant) -> DeliveryService {
    let mut ds = DeliveryService::new(CommitterPolicy::NewestInLargeGroups);
    ds.handle_key_package(A, kp(A), None, now).unwrap();
    assert_eq!(out(&mut ds), [(A, ServerMessage::MlsCreateGroup)]);
    ds.handle_group_created(A, now).unwrap();
    ds.handle_key_package(B, kp(B), None, now).unwrap();
    let o = out(&mut ds);
    assert_eq!(request_to(&o, A), Some((0, vec![B], vec![])));
    ds.handle_commit(A, commit(0, &[B], &[]), now);
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
    ds.handle_key_package(C, kp(C), None, now).unwrap();
    ds.handle_commit(A, commit(1, &[C], &[]), now);
    out(&mut ds);
    ds.handle_leave(B, now);
    let o = out(&mut ds);
    assert_eq!(request_to(&o, A), Some((2, vec![], vec![B])));
    ds.handle_commit(A, commit(2, &[], &[B]), now);
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
    ds.handle_key_package(C, kp(C), None, now).unwrap();
    assert_eq!(out(&mut ds).len(), 1, "one request outstanding");
    // While A builds that commit, D arrives and B leaves.
    ds.handle_key_package(D, kp(D), None, now).unwrap();
    ds.handle_leave(B, now);
    assert!(
        out(&mut ds).is_empty(),
        "they wait for the outstanding commit"
    );
    ds.handle_commit(A, commit(1, &[C], &[]), now);
    let o = out(&mut ds);
    assert_eq!(request_to(&o, A), Some((2, vec![D], vec![B])));
}

#[test]
fn only_the_asked_committer_on_the_current_epoch_wins() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_key_package(C, kp(C), None, now).unwrap();
    out(&mut ds);
    // B was not asked; A answers on a stale epoch.
    ds.handle_commit(B, commit(1, &[], &[]), now);
    ds.handle_commit(A, commit(0, &[], &[]), now);
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
    ds.handle_commit(A, commit(1, &[C], &[]), now);
    assert_eq!(ds.epoch(), Some(2));
}

#[test]
fn a_silent_committer_is_removed_and_another_member_commits() {
    let t0 = Instant::now();
    let mut ds = two_members(t0);
    ds.handle_key_package(C, kp(C), None, t0).unwrap();
    out(&mut ds);
    let t1 = t0 + COMMIT_TIMEOUT;
    assert_eq!(ds.poll_timeout(), Some(t1));
    ds.handle_timeout(t1);
    let o = out(&mut ds);
    assert_eq!(resets(&o), [A], "the stalled committer is told to rejoin");
    assert_eq!(request_to(&o, B), Some((1, vec![C], vec![A])));
    ds.handle_commit(A, commit(1, &[], &[]), t1);
    assert!(matches!(
        out(&mut ds)[0],
        (A, ServerMessage::MlsCommitRejected { .. })
    ));
}

#[test]
fn a_committer_who_leaves_hands_the_request_to_another() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_key_package(C, kp(C), None, now).unwrap();
    out(&mut ds);
    ds.handle_leave(A, now);
    let o = out(&mut ds);
    assert_eq!(request_to(&o, B), Some((1, vec![C], vec![A])));
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
                recording: None,
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
    ds.handle_key_package(C, kp(C), None, now).unwrap();
    assert_eq!(out(&mut ds), [(C, ServerMessage::MlsCreateGroup)]);
}

#[test]
fn a_creator_who_leaves_before_confirming_lets_the_next_one_create() {
    let now = Instant::now();
    let mut ds = DeliveryService::new(CommitterPolicy::NewestInLargeGroups);
    ds.handle_key_package(A, kp(A), None, now).unwrap();
    ds.handle_key_package(B, kp(B), None, now).unwrap();
    assert_eq!(out(&mut ds), [(A, ServerMessage::MlsCreateGroup)]);
    ds.handle_leave(A, now);
    assert_eq!(out(&mut ds), [(B, ServerMessage::MlsCreateGroup)]);
    assert_eq!(
        ds.handle_group_created(A, now),
        Err(DeliveryError::NotAskedToCreate)
    );
}

#[test]
fn chat_is_relayed_to_the_other_members_only() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_application(A, 1, "ct".into(), None).unwrap();
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
    assert_eq!(
        ds.handle_application(C, 1, "x".into(), None),
        Err(DeliveryError::NotMember)
    );
}

/// An introduction addressed to the people a commit added reaches only
/// those of them in the group: the server cannot be made to loop over
/// strangers, and everyone else is spared a message they already had.
#[test]
fn an_addressed_application_message_reaches_only_its_members() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_application(A, 1, "hi".into(), Some(&[C, B]))
        .unwrap();
    assert_eq!(
        out(&mut ds),
        [(
            B,
            ServerMessage::MlsApplication {
                epoch: 1,
                from: A,
                message: "hi".into()
            }
        )]
    );
    ds.handle_application(A, 1, "hi".into(), Some(&[C, A]))
        .unwrap();
    assert_eq!(out(&mut ds), []);
}

/// Review item 2: a junk KeyPackage the committer leaves out of its commit
/// never makes a member: its chat is refused, it is never asked to commit,
/// and it is told its KeyPackage was refused.
#[test]
fn a_phantom_joiner_left_out_of_the_commit_is_never_counted_as_a_member() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_key_package(C, "AAAA".into(), None, now).unwrap();
    ds.handle_key_package(D, kp(D), None, now).unwrap();
    let o = out(&mut ds);
    assert_eq!(request_to(&o, A), Some((1, vec![C], vec![])));
    // The committer could not use C's KeyPackage: it commits nothing for it.
    ds.handle_commit(A, commit(1, &[], &[]), now);
    let o = out(&mut ds);
    assert_eq!(resets(&o), [C]);
    assert!(
        !o.iter()
            .any(|(to, m)| *to == C && matches!(m, ServerMessage::MlsWelcome { .. }))
    );
    assert_eq!(ds.members(), [A, B]);
    assert_eq!(
        ds.handle_application(C, 2, "junk".into(), None),
        Err(DeliveryError::NotMember)
    );
    // D is next; then the real members leave: C is never asked to commit.
    ds.handle_commit(A, commit(2, &[D], &[]), now);
    out(&mut ds);
    ds.handle_leave(A, now);
    ds.handle_leave(B, now);
    let o = out(&mut ds);
    assert_eq!(request_to(&o, D), Some((3, vec![], vec![A, B])));
    assert!(request_to(&o, C).is_none());
    assert_eq!(ds.members(), [A, B, D]);
}

/// A committer may not claim changes nobody asked for (making a member the
/// server never requested): the commit is refused and the committer reset.
#[test]
fn a_commit_claiming_unrequested_changes_is_refused() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_key_package(C, kp(C), None, now).unwrap();
    out(&mut ds);
    ds.handle_commit(A, commit(1, &[C, D], &[]), now);
    let o = out(&mut ds);
    assert!(matches!(
        o[0],
        (A, ServerMessage::MlsCommitRejected { epoch: 1, .. })
    ));
    assert_eq!(resets(&o), [A]);
    assert_eq!(ds.epoch(), Some(1));
    assert_eq!(request_to(&o, B), Some((1, vec![C], vec![A])));
    assert!(!ds.is_member(D));
}

/// Review item 3: the only member answers "group created" and then never
/// commits. It is taken out, the group ends, and a real joiner creates a new
/// one within one commit timeout.
#[test]
fn a_stalled_sole_member_cannot_hold_the_group_hostage() {
    let t0 = Instant::now();
    let mut ds = DeliveryService::new(CommitterPolicy::NewestInLargeGroups);
    ds.handle_key_package(A, kp(A), None, t0).unwrap();
    ds.handle_group_created(A, t0).unwrap();
    ds.handle_key_package(B, kp(B), None, t0).unwrap();
    ds.handle_key_package(C, kp(C), None, t0).unwrap();
    out(&mut ds);
    let t1 = t0 + COMMIT_TIMEOUT;
    ds.handle_timeout(t1);
    let o = out(&mut ds);
    assert_eq!(resets(&o), [A]);
    assert!(o.contains(&(B, ServerMessage::MlsCreateGroup)));
    assert_eq!(ds.epoch(), None, "the squatted group is gone");
    ds.handle_group_created(B, t1).unwrap();
    let o = out(&mut ds);
    assert_eq!(request_to(&o, B), Some((0, vec![C], vec![])));
    // The squatter rejoins; it is added like anyone, and never preferred
    // as committer again.
    ds.handle_rejoin(A, kp(A), None, t1).unwrap();
    ds.handle_commit(B, commit(0, &[C], &[]), t1);
    let o = out(&mut ds);
    assert_eq!(request_to(&o, B), Some((1, vec![A], vec![])));
}

/// The squatter may also never confirm creation: the next joiner creates.
#[test]
fn a_creator_who_never_confirms_is_reset_and_the_next_joiner_creates() {
    let t0 = Instant::now();
    let mut ds = DeliveryService::new(CommitterPolicy::NewestInLargeGroups);
    ds.handle_key_package(A, kp(A), None, t0).unwrap();
    ds.handle_key_package(B, kp(B), None, t0).unwrap();
    out(&mut ds);
    ds.handle_timeout(t0 + COMMIT_TIMEOUT);
    let o = out(&mut ds);
    assert_eq!(resets(&o), [A]);
    assert!(o.contains(&(B, ServerMessage::MlsCreateGroup)));
}

/// A member that could not process a commit rejoins: removed, then added
/// with its fresh KeyPackage, never stuck on an old epoch.
#[test]
fn a_member_that_cannot_process_a_commit_rejoins() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_rejoin(B, "kp-b2".into(), None, now).unwrap();
    let o = out(&mut ds);
    assert_eq!(request_to(&o, A), Some((1, vec![], vec![B])));
    ds.handle_commit(A, commit(1, &[], &[B]), now);
    let o = out(&mut ds);
    assert_eq!(request_to(&o, A), Some((2, vec![B], vec![])));
    ds.handle_commit(A, commit(2, &[B], &[]), now);
    assert!(out(&mut ds).contains(&(
        B,
        ServerMessage::MlsWelcome {
            welcome: "w2".into()
        }
    )));
    assert_eq!(ds.members(), [A, B]);
}

#[test]
fn a_joiner_rejoining_while_its_add_is_in_flight_gets_no_stale_welcome() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_key_package(C, kp(C), None, now).unwrap();
    out(&mut ds);
    ds.handle_rejoin(C, "kp-c2".into(), None, now).unwrap();
    ds.handle_commit(A, commit(1, &[C], &[]), now);
    let o = out(&mut ds);
    assert!(
        !o.iter()
            .any(|(to, m)| *to == C && matches!(m, ServerMessage::MlsWelcome { .. }))
    );
    // The stale leaf is removed before the fresh KeyPackage is added.
    assert_eq!(request_to(&o, A), Some((2, vec![], vec![C])));
}

#[test]
fn endless_rejoins_are_refused() {
    let now = Instant::now();
    let mut ds = two_members(now);
    for _ in 0..MAX_REJOINS {
        ds.handle_rejoin(C, kp(C), None, now).unwrap();
    }
    let err = ds.handle_rejoin(C, kp(C), None, now).unwrap_err();
    assert!(err.is_fatal());
    assert!(
        ds.handle_rejoin(C, kp(C), None, now + REJOIN_WINDOW)
            .is_ok()
    );
}

#[test]
fn a_second_key_package_is_refused() {
    let now = Instant::now();
    let mut ds = two_members(now);
    assert_eq!(
        ds.handle_key_package(B, kp(B), None, now),
        Err(DeliveryError::AlreadyKnown)
    );
}

/// Review item 6: what waits and what one request carries are bounded.
#[test]
fn pending_adds_and_adds_per_request_are_bounded() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_key_package(ParticipantId(100), kp(C), None, now)
        .unwrap();
    out(&mut ds);
    for i in 0..MAX_PENDING_ADDS as u64 {
        ds.handle_key_package(ParticipantId(1000 + i), kp(C), None, now)
            .unwrap();
    }
    assert_eq!(
        ds.handle_key_package(ParticipantId(5000), kp(C), None, now),
        Err(DeliveryError::TooManyPending)
    );
    ds.handle_commit(A, commit(1, &[ParticipantId(100)], &[]), now);
    let o = out(&mut ds);
    let (_, adds, _) = request_to(&o, A).unwrap();
    assert_eq!(adds.len(), MAX_ADDS_PER_COMMIT);
}

#[test]
fn a_joiner_that_leaves_while_its_add_is_in_flight_is_removed_next() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_key_package(C, kp(C), None, now).unwrap();
    out(&mut ds);
    ds.handle_leave(C, now);
    ds.handle_commit(A, commit(1, &[C], &[]), now);
    let o = out(&mut ds);
    assert_eq!(request_to(&o, A), Some((2, vec![], vec![C])));
}

#[test]
fn an_admitted_knockers_add_goes_only_to_a_host() {
    let now = Instant::now();
    let mut ds = two_members(now);
    // B admitted C; A has been in the group longer but did not.
    ds.handle_admitted(C, kp(C), B, now).unwrap();
    let o = out(&mut ds);
    assert_eq!(request_to(&o, A), None);
    assert_eq!(request_to(&o, B), Some((1, vec![C], vec![])));
    let flagged = o.iter().any(|(_, m)| {
        matches!(m, ServerMessage::MlsCommitRequest { adds, .. }
            if adds.iter().all(|a| a.knock == Some(true)))
    });
    assert!(flagged, "the host is told it is a knock to check");
}

#[test]
fn an_admitted_add_whose_host_left_is_reset_and_removes_go_ahead() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_admitted(C, kp(C), B, now).unwrap();
    let o = out(&mut ds);
    assert_eq!(request_to(&o, B), Some((1, vec![C], vec![])));
    // B leaves before its commit: nobody else opened C's knock.
    ds.handle_leave(B, now);
    let o = out(&mut ds);
    assert!(resets(&o).contains(&C), "{o:?}");
    assert_eq!(request_to(&o, A), Some((1, vec![], vec![B])));
    assert!(ds.pending().next().is_none());
}

#[test]
fn an_admitted_knocker_never_creates_the_group() {
    let now = Instant::now();
    let mut ds = DeliveryService::new(CommitterPolicy::NewestInLargeGroups);
    ds.handle_admitted(C, kp(C), A, now).unwrap();
    assert!(out(&mut ds).is_empty());
    ds.handle_key_package(A, kp(A), Some("endorsed".into()), now)
        .unwrap();
    assert_eq!(out(&mut ds), [(A, ServerMessage::MlsCreateGroup)]);
    ds.handle_group_created(A, now).unwrap();
    let o = out(&mut ds);
    assert_eq!(request_to(&o, A), Some((0, vec![C], vec![])));
}

fn recording_requested(o: &[(ParticipantId, ServerMessage)]) -> Vec<(ParticipantId, Option<bool>)> {
    o.iter()
        .filter_map(|(to, m)| match m {
            ServerMessage::MlsCommitRequest { recording, .. } => Some((*to, *recording)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_recording_goes_into_the_group_by_the_commit_of_the_host_who_started_it() {
    let t = Instant::now();
    let mut ds = two_members(t);
    // B is the host who started it (A would commit anything else).
    ds.handle_recording(true, Some(B), t);
    assert_eq!(recording_requested(&out(&mut ds)), [(B, Some(true))]);
    // B does not answer: asked again, of B, after the timeout.
    ds.handle_timeout(t + COMMIT_TIMEOUT);
    let o = out(&mut ds);
    assert!(resets(&o).contains(&B), "{o:?}");

    // Stopping after the host left: anyone clears it.
    let mut ds = two_members(t);
    ds.handle_recording(true, Some(B), t);
    out(&mut ds);
    ds.handle_commit(B, commit(1, &[], &[]), t);
    out(&mut ds);
    ds.handle_leave(B, t);
    ds.handle_recording(false, None, t);
    let o = out(&mut ds);
    let requested = recording_requested(&o);
    assert_eq!(requested.len(), 1, "{o:?}");
    assert_eq!(requested[0].0, A);
    // The leave's remove and the clearing may share a commit; either way
    // the clearing is asked of A, the one left.
    let asked: Vec<Option<bool>> = requested.iter().map(|(_, r)| *r).collect();
    assert!(
        asked.contains(&Some(false)) || {
            ds.handle_commit(A, commit(2, &[], &[B]), t);
            recording_requested(&out(&mut ds)) == [(A, Some(false))]
        }
    );
}

#[test]
fn turning_a_recording_on_waits_for_its_host() {
    let t = Instant::now();
    let mut ds = two_members(t);
    // A host who is not (yet) in the group: nothing is asked of anyone.
    ds.handle_recording(true, Some(C), t);
    assert!(recording_requested(&out(&mut ds)).is_empty());
}

/// The commit request among `o`, to whomever it went.
fn request(
    o: &[(ParticipantId, ServerMessage)],
) -> Option<(ParticipantId, u64, Vec<ParticipantId>, Vec<ParticipantId>)> {
    let to = o
        .iter()
        .find(|(_, m)| matches!(m, ServerMessage::MlsCommitRequest { .. }))?
        .0;
    request_to(o, to).map(|(epoch, adds, removes)| (to, epoch, adds, removes))
}

/// A group of `n` (A first, then 100, 101, …), its commits landing at
/// `now`, each made by whoever was asked; no request is left outstanding.
fn group_of(n: u64, now: Instant) -> DeliveryService {
    let mut ds = two_members(now);
    for j in (100..100 + n - 2).map(ParticipantId) {
        ds.handle_key_package(j, kp(j), None, now).unwrap();
    }
    let mut o = Vec::new();
    while (ds.members().len() as u64) < n {
        if request(&o).is_none() {
            // A partial batch in a large group waits for company: let it go.
            ds.handle_timeout(now + MAX_JOIN_BATCH_WAIT);
            o = out(&mut ds);
        }
        let (by, epoch, adds, _) = request(&o).unwrap();
        ds.handle_commit(by, commit(epoch, &adds, &[]), now);
        o = out(&mut ds);
    }
    assert_eq!(request(&o), None);
    ds
}

/// The member who joined last.
fn newest(ds: &DeliveryService) -> ParticipantId {
    *ds.members().last().unwrap()
}

#[test]
fn the_wait_for_company_grows_with_the_group_and_is_bounded() {
    assert_eq!(join_batch_wait(2), Duration::ZERO);
    assert_eq!(
        join_batch_wait(BATCH_JOINS_FROM_MEMBERS - 1),
        Duration::ZERO
    );
    assert_eq!(
        join_batch_wait(BATCH_JOINS_FROM_MEMBERS),
        Duration::from_millis(200)
    );
    assert_eq!(join_batch_wait(250), Duration::from_secs(1));
    assert_eq!(join_batch_wait(5000), MAX_JOIN_BATCH_WAIT);
    assert_eq!(join_batch_wait(usize::MAX), MAX_JOIN_BATCH_WAIT);
}

#[test]
fn in_a_large_group_joiners_arriving_together_share_one_commit() {
    let t0 = Instant::now();
    let mut ds = group_of(200, t0);
    let wait = join_batch_wait(200);
    let joiners = [
        ParticipantId(9001),
        ParticipantId(9002),
        ParticipantId(9003),
    ];
    for (i, j) in joiners.iter().enumerate() {
        let at = t0 + Duration::from_millis(20 * i as u64);
        ds.handle_key_package(*j, kp(*j), None, at).unwrap();
        assert_eq!(request(&out(&mut ds)), None, "joiner {i} waits");
    }
    assert_eq!(ds.poll_timeout(), Some(t0 + wait));
    ds.handle_timeout(t0 + wait - Duration::from_millis(1));
    assert_eq!(request(&out(&mut ds)), None);
    ds.handle_timeout(t0 + wait);
    let o = out(&mut ds);
    assert_eq!(
        request(&o),
        Some((newest(&ds), ds.epoch().unwrap(), joiners.to_vec(), vec![]))
    );
    // The request is outstanding now: only its own timeout is due.
    assert_eq!(ds.poll_timeout(), Some(t0 + wait + COMMIT_TIMEOUT));
}

#[test]
fn in_a_large_group_a_hosts_removal_or_a_full_batch_does_not_wait() {
    let t0 = Instant::now();
    let mut ds = group_of(200, t0);
    ds.handle_key_package(ParticipantId(9001), kp(ParticipantId(9001)), None, t0)
        .unwrap();
    assert_eq!(request(&out(&mut ds)), None);
    // A host removes someone: that rekeys at once and takes the joiner along.
    ds.handle_removed_by_host(B);
    ds.handle_leave(B, t0);
    let epoch = ds.epoch().unwrap();
    let by = newest(&ds);
    assert_eq!(
        request(&out(&mut ds)),
        Some((by, epoch, vec![ParticipantId(9001)], vec![B]))
    );
    ds.handle_commit(by, commit(epoch, &[ParticipantId(9001)], &[B]), t0);
    out(&mut ds);
    assert_eq!(ds.poll_timeout(), Some(t0 + REKEY_INTERVAL));
    // A whole batch arriving together has no one left to wait for.
    let batch: Vec<ParticipantId> = (0..MAX_ADDS_PER_COMMIT as u64)
        .map(|i| ParticipantId(9100 + i))
        .collect();
    for j in &batch {
        ds.handle_key_package(*j, kp(*j), None, t0).unwrap();
    }
    let o = out(&mut ds);
    // The joiner just added is the newest member now.
    assert_eq!(
        request(&o),
        Some((ParticipantId(9001), epoch + 1, batch, vec![]))
    );
}

#[test]
fn in_a_large_group_departures_wait_with_the_joiners_and_go_in_one_commit() {
    let t0 = Instant::now();
    let mut ds = group_of(200, t0);
    let epoch = ds.epoch().unwrap();
    let at = t0 + join_batch_wait(200);
    // Two members leave and one joins within the wait: nothing is asked yet.
    ds.handle_leave(B, t0 + Duration::from_millis(10));
    ds.handle_key_package(ParticipantId(9001), kp(ParticipantId(9001)), None, t0)
        .unwrap();
    let c = ParticipantId(100);
    ds.handle_leave(c, t0 + Duration::from_millis(30));
    assert_eq!(request(&out(&mut ds)), None);
    assert_eq!(ds.poll_timeout(), Some(at));
    ds.handle_timeout(at - Duration::from_millis(1));
    assert_eq!(request(&out(&mut ds)), None);
    // At the wait's end one request carries all three.
    ds.handle_timeout(at);
    let by = newest(&ds);
    assert_eq!(
        request(&out(&mut ds)),
        Some((by, epoch, vec![ParticipantId(9001)], vec![B, c]))
    );
    ds.handle_commit(by, commit(epoch, &[ParticipantId(9001)], &[B, c]), at);
    out(&mut ds);
    // A departure alone waits too, from the commit just made.
    let d = ParticipantId(101);
    assert!(ds.is_member(d));
    ds.handle_leave(d, at);
    assert_eq!(request(&out(&mut ds)), None);
    let next = at + join_batch_wait(199);
    assert_eq!(ds.poll_timeout(), Some(next));
    ds.handle_timeout(next);
    assert_eq!(
        request(&out(&mut ds)),
        Some((ParticipantId(9001), epoch + 1, vec![], vec![d]))
    );
}

#[test]
fn a_host_removing_a_joiner_whose_add_is_under_way_rekeys_right_after_it() {
    let t0 = Instant::now();
    let mut ds = group_of(200, t0);
    let epoch = ds.epoch().unwrap();
    let j = ParticipantId(9001);
    ds.handle_key_package(j, kp(j), None, t0).unwrap();
    let at = t0 + join_batch_wait(200);
    ds.handle_timeout(at);
    let by = newest(&ds);
    assert_eq!(request(&out(&mut ds)), Some((by, epoch, vec![j], vec![])));
    // Removed while the commit adding it is out: it gets no Welcome, and
    // the commit that takes it out again does not wait for company.
    ds.handle_removed_by_host(j);
    ds.handle_leave(j, at);
    ds.handle_commit(by, commit(epoch, &[j], &[]), at);
    let o = out(&mut ds);
    assert!(!o.iter().any(|(to, _)| *to == j));
    // j is on its way out, so the member who was newest before it commits.
    assert_eq!(request(&o), Some((by, epoch + 1, vec![], vec![j])));
}

#[test]
fn in_a_small_group_a_departure_rekeys_at_once() {
    let t0 = Instant::now();
    let mut ds = group_of(BATCH_JOINS_FROM_MEMBERS as u64 - 1, t0);
    let epoch = ds.epoch().unwrap();
    ds.handle_leave(B, t0);
    assert_eq!(request_to(&out(&mut ds), A), Some((epoch, vec![], vec![B])));
}

#[test]
fn a_joiner_who_leaves_while_waiting_for_company_leaves_no_timer_behind() {
    let t0 = Instant::now();
    let mut ds = group_of(100, t0);
    let j = ParticipantId(9001);
    ds.handle_key_package(j, kp(j), None, t0).unwrap();
    assert_eq!(ds.poll_timeout(), Some(t0 + join_batch_wait(100)));
    ds.handle_leave(j, t0);
    assert_eq!(ds.poll_timeout(), Some(t0 + REKEY_INTERVAL));
    assert!(out(&mut ds).is_empty());
}

#[test]
fn from_fifty_members_the_newest_commits_and_below_the_longest_present() {
    let t0 = Instant::now();
    let mut ds = group_of(NEWEST_COMMITS_FROM_MEMBERS as u64 - 1, t0);
    let epoch = ds.epoch().unwrap();
    // One short of the threshold: the first member commits the next join.
    let j = ParticipantId(9001);
    ds.handle_key_package(j, kp(j), None, t0).unwrap();
    assert_eq!(request(&out(&mut ds)), Some((A, epoch, vec![j], vec![])));
    ds.handle_commit(A, commit(epoch, &[j], &[]), t0);
    out(&mut ds);
    assert_eq!(ds.members().len(), NEWEST_COMMITS_FROM_MEMBERS);
    // At the threshold the joiner just added commits the next change...
    let before_j = ds.members()[ds.members().len() - 2];
    let k = ParticipantId(9002);
    ds.handle_key_package(k, kp(k), None, t0).unwrap();
    let at = t0 + MAX_JOIN_BATCH_WAIT;
    ds.handle_timeout(at);
    assert_eq!(
        request(&out(&mut ds)),
        Some((j, epoch + 1, vec![k], vec![]))
    );
    // ...and if it stalls, the member who joined before it, not the first.
    ds.handle_timeout(at + COMMIT_TIMEOUT);
    let o = out(&mut ds);
    assert_eq!(resets(&o), [j]);
    let (by, _, _, removes) = request(&o).expect("the request goes to someone else");
    assert_eq!(by, before_j);
    assert_ne!(by, A);
    assert!(removes.contains(&j));
}

#[test]
fn in_a_large_group_a_member_commits_once_it_has_settled_in() {
    let t0 = Instant::now();
    let mut ds = group_of(60, t0);
    let settled = newest(&ds);
    // Later, one joins; everyone has been in long enough, so the newest of
    // them commits it.
    let t1 = t0 + SETTLED_AFTER;
    let j = ParticipantId(9001);
    ds.handle_key_package(j, kp(j), None, t1).unwrap();
    ds.handle_timeout(t1 + MAX_JOIN_BATCH_WAIT);
    let epoch = ds.epoch().unwrap();
    assert_eq!(
        request(&out(&mut ds)),
        Some((settled, epoch, vec![j], vec![]))
    );
    ds.handle_commit(settled, commit(epoch, &[j], &[]), t1);
    out(&mut ds);
    // The next change goes to the same settled member, not to j, who has
    // only just arrived...
    let k = ParticipantId(9002);
    ds.handle_key_package(k, kp(k), None, t1).unwrap();
    ds.handle_timeout(t1 + MAX_JOIN_BATCH_WAIT);
    assert_eq!(
        request(&out(&mut ds)),
        Some((settled, epoch + 1, vec![k], vec![]))
    );
    ds.handle_commit(
        settled,
        commit(epoch + 1, &[k], &[]),
        t1 + MAX_JOIN_BATCH_WAIT,
    );
    out(&mut ds);
    // ...and once j has been in for the time, to j (k is still new).
    let t2 = t1 + SETTLED_AFTER;
    ds.handle_leave(B, t2);
    ds.handle_timeout(t2 + MAX_JOIN_BATCH_WAIT);
    assert_eq!(
        request(&out(&mut ds)),
        Some((j, epoch + 2, vec![], vec![B]))
    );
}

/// Whether `o` asks for an update (a commit with no change but a path).
fn asks_update(o: &[(ParticipantId, ServerMessage)]) -> bool {
    o.iter()
        .any(|(_, m)| matches!(m, ServerMessage::MlsCommitRequest { update: true, .. }))
}

#[test]
fn in_a_large_group_a_hosts_admissions_are_followed_at_once_by_a_members_update() {
    let t0 = Instant::now();
    let mut ds = group_of(60, t0);
    let settled = newest(&ds);
    let t1 = t0 + SETTLED_AFTER;
    // B, a host, admits a knocker (the last commit is long past): B commits.
    let k = ParticipantId(9001);
    ds.handle_admitted(k, kp(k), B, t1).unwrap();
    let epoch = ds.epoch().unwrap();
    assert_eq!(request(&out(&mut ds)), Some((B, epoch, vec![k], vec![])));
    let t2 = t1 + Duration::from_millis(50);
    // Meanwhile someone leaves, and B admits another.
    let gone = ParticipantId(100);
    ds.handle_leave(gone, t2);
    let l = ParticipantId(9002);
    ds.handle_admitted(l, kp(l), B, t2).unwrap();
    ds.handle_commit(B, commit(epoch, &[k], &[]), t2);
    // At once, without waiting for company: the newest settled member's
    // commit, which takes the departure but not the admission (only B may).
    let o = out(&mut ds);
    assert_eq!(request(&o), Some((settled, epoch + 1, vec![], vec![gone])));
    ds.handle_commit(settled, commit(epoch + 1, &[], &[gone]), t2);
    // Then the admission waits for company again, and goes to B.
    assert_eq!(request(&out(&mut ds)), None);
    ds.handle_timeout(t2 + MAX_JOIN_BATCH_WAIT);
    assert_eq!(
        request(&out(&mut ds)),
        Some((B, epoch + 2, vec![l], vec![]))
    );
    ds.handle_commit(B, commit(epoch + 2, &[l], &[]), t2 + MAX_JOIN_BATCH_WAIT);
    // With nothing else waiting, the member's commit is an update.
    let o = out(&mut ds);
    assert_eq!(request(&o), Some((settled, epoch + 3, vec![], vec![])));
    assert!(asks_update(&o));
}

#[test]
fn in_a_small_group_a_hosts_admission_is_not_followed_by_an_update() {
    let now = Instant::now();
    let mut ds = two_members(now);
    ds.handle_admitted(C, kp(C), B, now).unwrap();
    assert_eq!(request_to(&out(&mut ds), B), Some((1, vec![C], vec![])));
    ds.handle_commit(B, commit(1, &[C], &[]), now);
    assert_eq!(request(&out(&mut ds)), None);
}
