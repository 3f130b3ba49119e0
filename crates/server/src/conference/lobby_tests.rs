//! The lobby as the conference runs it: people waiting get nothing of the
//! meeting, only a host's `admit` lets them in, a host's arrival admits
//! nobody, and every decision is audited by opaque id.

use std::time::Instant;

use super::*;

const HOST: ParticipantId = ParticipantId(1);
const GUEST: ParticipantId = ParticipantId(2);
const OTHER: ParticipantId = ParticipantId(3);

fn conference(now: Instant) -> Conference {
    Conference::new(vec!["127.0.0.1:40000".parse().unwrap()], 10, now)
}

fn drain(c: &mut Conference) -> Vec<Delivery> {
    std::iter::from_fn(|| c.poll_delivery()).collect()
}

fn to(d: &[Delivery], who: ParticipantId) -> Vec<&ServerMessage> {
    d.iter()
        .filter_map(|d| match d {
            Delivery::Send(p, m) if *p == who => Some(m),
            _ => None,
        })
        .collect()
}

fn request(host: bool, device: Option<u8>) -> JoinRequest {
    JoinRequest {
        host,
        lobby: true,
        device: device.map(|d| [d; 32]),
        ..JoinRequest::default()
    }
}

fn knock(c: &mut Conference, m: &MeetingId, who: ParticipantId, device: u8, now: Instant) {
    c.handle_join_request(who, m.clone(), request(false, Some(device)), now);
    c.handle_message(
        who,
        ClientMessage::Knock {
            sealed: format!("sealed-{}", who.0),
        },
        now,
    );
}

/// The host admits `who` with a placeholder KeyPackage (the server cannot
/// read KeyPackages; clients check them).
fn admit(c: &mut Conference, who: ParticipantId, now: Instant) {
    c.handle_message(
        HOST,
        ClientMessage::Admit {
            participant: who,
            key_package: "kp".into(),
        },
        now,
    );
}

/// A meeting with its host and one admitted guest, messages drained.
fn host_and_guest(now: Instant) -> (Conference, MeetingId) {
    let mut c = conference(now);
    let m = MeetingId::generate();
    c.handle_join_request(HOST, m.clone(), request(true, None), now);
    knock(&mut c, &m, GUEST, 1, now);
    admit(&mut c, GUEST, now);
    drain(&mut c);
    (c, m)
}

#[test]
fn a_knocker_gets_nothing_until_a_host_admits_it() {
    let now = Instant::now();
    let mut c = conference(now);
    let m = MeetingId::generate();
    knock(&mut c, &m, GUEST, 1, now);
    let d = drain(&mut c);
    assert_eq!(
        to(&d, GUEST),
        [&ServerMessage::Lobby { you: GUEST }],
        "only the lobby answer"
    );
    // Waiting, it reaches nothing: no media, no chat, no key package.
    for message in [
        ClientMessage::PublishOffer {
            sdp: "v=0".into(),
            tracks: vec![],
        },
        ClientMessage::MlsApplication {
            epoch: 0,
            message: "AAAA".into(),
            to: None,
        },
        ClientMessage::MlsKeyPackage {
            key_package: "AAAA".into(),
            host_endorsement: None,
        },
        ClientMessage::Admit {
            participant: GUEST,
            key_package: "AAAA".into(),
        },
    ] {
        c.handle_message(GUEST, message, now);
        let d = drain(&mut c);
        assert!(
            to(&d, GUEST).iter().all(|m| matches!(
                m,
                ServerMessage::Error {
                    code: ErrorCode::NotJoined,
                    ..
                }
            )),
            "{d:?}"
        );
    }
    assert_eq!(c.participant_count(), 0);

    // The host arrives: it is shown the knock; nobody is admitted by that.
    c.handle_join_request(HOST, m.clone(), request(true, None), now);
    let d = drain(&mut c);
    assert!(to(&d, HOST).contains(&&ServerMessage::Knock {
        participant: GUEST,
        sealed: "sealed-2".into()
    }));
    assert!(to(&d, GUEST).is_empty());
    assert_eq!(c.participant_count(), 1);

    admit(&mut c, GUEST, now);
    let d = drain(&mut c);
    assert!(matches!(to(&d, GUEST)[0], ServerMessage::Welcome { .. }));
    assert!(to(&d, HOST).contains(&&ServerMessage::KnockWithdrawn { participant: GUEST }));
    assert_eq!(c.participant_count(), 2);
    assert!(
        d.contains(&Delivery::Audit(
            m.clone(),
            AuditEvent::Admitted(GUEST, HOST)
        )),
        "{d:?}"
    );
}

#[test]
fn a_guest_cannot_admit_deny_lock_remove_or_end() {
    let now = Instant::now();
    let mut c = conference(now);
    let m = MeetingId::generate();
    c.handle_join_request(HOST, m.clone(), request(true, None), now);
    knock(&mut c, &m, GUEST, 1, now);
    admit(&mut c, GUEST, now);
    knock(&mut c, &m, OTHER, 2, now);
    drain(&mut c);
    for message in [
        ClientMessage::Admit {
            participant: OTHER,
            key_package: "kp".into(),
        },
        ClientMessage::Deny { participant: OTHER },
        ClientMessage::Lock { locked: true },
        ClientMessage::Remove { participant: HOST },
        ClientMessage::EndMeeting,
    ] {
        c.handle_message(GUEST, message, now);
        let d = drain(&mut c);
        assert_eq!(
            to(&d, GUEST),
            [&ServerMessage::Error {
                code: ErrorCode::NotHost,
                message: "only a host may do that".into(),
                fatal: false
            }]
        );
        assert!(to(&d, OTHER).is_empty() && to(&d, HOST).is_empty());
    }
    assert_eq!(c.participant_count(), 2);
}

#[test]
fn a_second_denial_blocks_the_device_and_a_removed_device_cannot_knock() {
    let now = Instant::now();
    let mut c = conference(now);
    let m = MeetingId::generate();
    c.handle_join_request(HOST, m.clone(), request(true, None), now);
    for (who, blocked) in [(GUEST, false), (OTHER, true)] {
        knock(&mut c, &m, who, 9, now);
        c.handle_message(HOST, ClientMessage::Deny { participant: who }, now);
        let d = drain(&mut c);
        assert!(to(&d, who).contains(&&ServerMessage::Denied { blocked }));
        assert!(d.contains(&Delivery::Close(who)));
    }
    c.handle_join_request(ParticipantId(4), m.clone(), request(false, Some(9)), now);
    let d = drain(&mut c);
    assert!(matches!(
        to(&d, ParticipantId(4))[..],
        [ServerMessage::Error {
            code: ErrorCode::Blocked,
            fatal: true,
            ..
        }]
    ));

    // Admitted, then removed: that device may not knock again either.
    knock(&mut c, &m, ParticipantId(5), 5, now);
    admit(&mut c, ParticipantId(5), now);
    c.handle_message(
        HOST,
        ClientMessage::Remove {
            participant: ParticipantId(5),
        },
        now,
    );
    let d = drain(&mut c);
    assert!(to(&d, ParticipantId(5)).contains(&&ServerMessage::Removed));
    assert!(d.contains(&Delivery::Audit(
        m.clone(),
        AuditEvent::Removed(ParticipantId(5))
    )));
    c.handle_join_request(ParticipantId(6), m.clone(), request(false, Some(5)), now);
    let d = drain(&mut c);
    assert!(matches!(
        to(&d, ParticipantId(6))[..],
        [ServerMessage::Error {
            code: ErrorCode::Blocked,
            ..
        }]
    ));
}

#[test]
fn a_locked_meeting_refuses_knocks_and_everyone_sees_the_lock() {
    let now = Instant::now();
    let (mut c, m) = host_and_guest(now);
    c.handle_message(HOST, ClientMessage::Lock { locked: true }, now);
    let d = drain(&mut c);
    for p in [HOST, GUEST] {
        assert!(to(&d, p).contains(&&ServerMessage::MeetingLocked { locked: true }));
    }
    assert!(d.contains(&Delivery::Audit(m.clone(), AuditEvent::Locked)));
    c.handle_join_request(OTHER, m.clone(), request(false, Some(3)), now);
    let d = drain(&mut c);
    assert!(matches!(
        to(&d, OTHER)[..],
        [ServerMessage::Error {
            code: ErrorCode::MeetingLocked,
            fatal: true,
            ..
        }]
    ));
}

#[test]
fn a_knock_flood_fills_the_lobby_not_the_meeting() {
    let now = Instant::now();
    let mut c = conference(now);
    let m = MeetingId::generate();
    c.handle_join_request(HOST, m.clone(), request(true, None), now);
    drain(&mut c);
    let mut refused = 0;
    let mut shown = 0;
    for i in 0..500u64 {
        let who = ParticipantId(100 + i);
        knock(&mut c, &m, who, (i % 250) as u8, now);
        let d = drain(&mut c);
        refused += to(&d, who)
            .iter()
            .filter(|m| {
                matches!(
                    m,
                    ServerMessage::Error {
                        code: ErrorCode::LobbyFull,
                        ..
                    }
                )
            })
            .count();
        shown += to(&d, HOST)
            .iter()
            .filter(|m| matches!(m, ServerMessage::Knock { .. }))
            .count();
    }
    // The lobby holds 200 and refuses the other 300; the host is shown the
    // minute's budget of knocks, and the rest wait their turn.
    let budget = conclave_room::lobby::MAX_KNOCKS_PER_WINDOW;
    assert_eq!(refused, 300);
    assert_eq!(shown, budget);
    assert_eq!(c.participant_count(), 1, "nobody got in by flooding");
    let next = now + conclave_room::lobby::KNOCK_WINDOW;
    assert!(c.poll_timeout() <= next);
    // The host keeps pinging meanwhile (or the minute would be silence).
    c.handle_message(
        HOST,
        ClientMessage::Ping { seen: None },
        now + conclave_room::lobby::KNOCK_WINDOW / 2,
    );
    c.handle_timeout(next);
    let held = to(&drain(&mut c), HOST)
        .iter()
        .filter(|m| matches!(m, ServerMessage::Knock { .. }))
        .count();
    assert_eq!(held, 200 - budget, "the held knocks are shown a minute on");
    // A real knocker is still admitted once the flood has passed.
    let later = now + conclave_room::lobby::KNOCK_WINDOW;
    for i in 0..500u64 {
        c.handle_disconnected(ParticipantId(100 + i), later);
    }
    knock(&mut c, &m, GUEST, 251, later);
    admit(&mut c, GUEST, later);
    let d = drain(&mut c);
    assert!(
        matches!(
            to(&d, GUEST)[..],
            [
                ServerMessage::Lobby { .. },
                ServerMessage::Welcome { .. },
                ..
            ]
        ),
        "{:?}",
        to(&d, GUEST)
    );
}

#[test]
fn ending_the_meeting_tells_waiting_people_too() {
    let now = Instant::now();
    let mut c = conference(now);
    let m = MeetingId::generate();
    c.handle_join_request(HOST, m.clone(), request(true, None), now);
    knock(&mut c, &m, GUEST, 1, now);
    drain(&mut c);
    c.handle_message(HOST, ClientMessage::EndMeeting, now);
    let d = drain(&mut c);
    assert!(to(&d, GUEST).contains(&&ServerMessage::MeetingEnded));
    assert!(to(&d, HOST).contains(&&ServerMessage::MeetingEnded));
    assert!(d.contains(&Delivery::Audit(m.clone(), AuditEvent::Ended)));
    c.handle_join_request(OTHER, m, request(false, None), now);
    let d = drain(&mut c);
    assert!(matches!(
        to(&d, OTHER)[..],
        [ServerMessage::Error {
            code: ErrorCode::NoSuchMeeting,
            ..
        }]
    ));
}

#[test]
fn a_host_mutes_someone_and_turns_screen_sharing_off_for_participants() {
    let now = Instant::now();
    let (mut c, _) = host_and_guest(now);
    c.handle_message(
        HOST,
        ClientMessage::MuteParticipant { participant: GUEST },
        now,
    );
    let d = drain(&mut c);
    assert_eq!(to(&d, GUEST), [&ServerMessage::MutedByHost]);

    c.handle_message(GUEST, ClientMessage::ScreenSharing { allowed: true }, now);
    let d = drain(&mut c);
    assert!(matches!(
        to(&d, GUEST)[..],
        [ServerMessage::Error {
            code: ErrorCode::NotHost,
            ..
        }]
    ));
    c.handle_message(HOST, ClientMessage::ScreenSharing { allowed: false }, now);
    let d = drain(&mut c);
    for p in [HOST, GUEST] {
        assert!(to(&d, p).contains(&&ServerMessage::ScreenSharingAllowed { allowed: false }));
    }
    let screen = vec![conclave_signaling::PublishedTrack {
        mid: "0".into(),
        source: TrackSource::Screen,
    }];
    c.handle_message(
        GUEST,
        ClientMessage::PublishOffer {
            sdp: "v=0".into(),
            tracks: screen,
        },
        now,
    );
    let d = drain(&mut c);
    assert!(matches!(
        to(&d, GUEST)[..],
        [ServerMessage::Error {
            code: ErrorCode::NotAllowed,
            fatal: false,
            ..
        }]
    ));
}
