//! Admission's parsers and checks as a client meets them: roster
//! extensions from a group's state, meeting keys from links, knocks from
//! the server, all really any bytes.

use conclave_e2ee::admission::{CommitView, Leaf, Roster, check_commit, check_welcome};
use conclave_e2ee::{MeetingKey, MeetingPublicKey};

use crate::input::Input;

/// A fixed meeting key (its seed is 32 bytes of 7), so forged endorsements
/// and knocks have something to fail against.
const SEED: &str = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc";

fn leaf(input: &mut Input<'_>) -> Leaf {
    Leaf {
        participant: input.bool().then(|| u64::from(input.u8())),
        signature_key: input.bytes(40).to_vec(),
    }
}

/// Nothing here may panic, and no roster the fuzzer writes can make a
/// member who is not endorsed by the meeting key a host: every Add it
/// proposes is refused, since forging an Ed25519 signature is out of reach.
pub fn admission(data: &[u8]) {
    let mut input = Input::new(data);
    let Ok(key) = MeetingKey::from_link_part(SEED) else {
        panic!("the fixed seed is well-formed");
    };
    let meeting = key.public();
    match input.below(4) {
        0 => {
            if let Some(roster) = Roster::parse(input.rest()) {
                assert_eq!(Roster::parse(&roster.to_bytes()), Some(roster));
            }
        }
        1 => {
            let text = String::from_utf8_lossy(input.rest());
            if let Ok(public) = MeetingPublicKey::from_link_part(&text) {
                assert_eq!(
                    MeetingPublicKey::from_link_part(&public.to_link_part()),
                    Ok(public)
                );
            }
            if let Ok(other) = MeetingKey::from_link_part(&text) {
                assert_eq!(
                    MeetingKey::from_link_part(&other.to_link_part()).map(|k| k.public()),
                    Ok(other.public())
                );
            }
        }
        2 => {
            let text = String::from_utf8_lossy(input.rest());
            assert!(key.open_knock("m", &text).is_err(), "a forged knock opened");
        }
        _ => {
            let committer = leaf(&mut input);
            let own = leaf(&mut input);
            let added: Vec<Leaf> = (0..input.below(3)).map(|_| leaf(&mut input)).collect();
            let before_len = input.below(600);
            let before = Roster::parse(input.bytes(before_len));
            let after = Roster::parse(input.rest());
            let view = CommitView {
                committer: &committer,
                roster_before: before.as_ref(),
                roster_after: after.as_ref(),
                added: &added,
                proposals_allowed: true,
            };
            let verdict = check_commit(&meeting, &view);
            if !added.is_empty() {
                assert!(
                    verdict.is_err(),
                    "an unendorsed Add passed: {view_added:?}",
                    view_added = added
                );
            }
            let leaves = [committer.clone(), own.clone()];
            assert!(
                check_welcome(&meeting, after.as_ref(), &leaves, &own).is_err(),
                "a Welcome without an endorsed host passed"
            );
        }
    }
}
