//! Who may add whom, decided from the group's own state (docs/admission.md).
//!
//! The roster extension (GroupContext extension 0xF0C1) lists the hosts,
//! each endorsed by the meeting key, and every admitted member with the
//! host who admitted it. Only a commit by a valid host may add a guest or
//! change the roster; a host may also be added by anyone, because its own
//! endorsement proves it holds the meeting key. The checks here are pure:
//! `group.rs` feeds them what openmls parsed.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use crate::meeting_key::MeetingPublicKey;

/// The GroupContext extension type of the roster (private-use range).
pub const ROSTER_EXTENSION: u16 = 0xF0C1;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    pub v: u8,
    pub hosts: Vec<HostEntry>,
    pub members: Vec<MemberEntry>,
    /// A host recorded this epoch on (docs/recording.md): every member's
    /// client shows it, and hosts' clients seal the epoch's keys to `to`,
    /// only while this is set. Only a host's commit sets it; anyone's may
    /// clear it (saying "not recorded" hides nothing: no keys are sealed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<RecordingEntry>,
}

/// The group's own word that it is being recorded, and to whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordingEntry {
    /// Base64 of the X25519 key the epochs' keys are sealed to (the
    /// meeting's, or an organisation's from the link's `rec=`).
    pub to: String,
}

impl RecordingEntry {
    pub fn new(recipient: &[u8; 32]) -> Self {
        Self {
            to: STANDARD.encode(recipient),
        }
    }

    /// The recipient key, if the entry holds a well-formed one.
    pub fn recipient(&self) -> Option<[u8; 32]> {
        STANDARD.decode(&self.to).ok()?.try_into().ok()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostEntry {
    pub participant: u64,
    /// Base64 of the host's leaf signature key.
    pub signature_key: String,
    /// Base64 of the meeting key's Ed25519 signature.
    pub endorsement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberEntry {
    pub participant: u64,
    pub name: String,
    pub admitted_by: Option<u64>,
}

/// A leaf as the checks need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    /// From the credential; `None` for an unreadable one (never a host).
    pub participant: Option<u64>,
    pub signature_key: Vec<u8>,
}

impl Roster {
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let roster: Roster = serde_json::from_slice(bytes).ok()?;
        (roster.v == 1).then_some(roster)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        // Plain structs of strings and numbers always serialise.
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn host_entry(participant: u64, signature_key: &[u8], endorsement: &[u8]) -> HostEntry {
        HostEntry {
            participant,
            signature_key: STANDARD.encode(signature_key),
            endorsement: STANDARD.encode(endorsement),
        }
    }

    pub fn member(&self, participant: u64) -> Option<&MemberEntry> {
        self.members.iter().find(|m| m.participant == participant)
    }

    /// Whether `leaf` is a host: endorsed by the meeting key for exactly
    /// its participant id and signature key.
    pub fn is_valid_host(&self, meeting: &MeetingPublicKey, leaf: &Leaf) -> bool {
        let Some(participant) = leaf.participant else {
            return false;
        };
        self.hosts.iter().any(|h| {
            h.participant == participant
                && STANDARD
                    .decode(&h.signature_key)
                    .is_ok_and(|k| k == leaf.signature_key)
                && STANDARD
                    .decode(&h.endorsement)
                    .is_ok_and(|e| meeting.verifies_host(participant, &leaf.signature_key, &e))
        })
    }

    /// The participants of `leaves` that are valid hosts.
    pub fn valid_hosts(&self, meeting: &MeetingPublicKey, leaves: &[Leaf]) -> Vec<u64> {
        leaves
            .iter()
            .filter(|l| self.is_valid_host(meeting, l))
            .filter_map(|l| l.participant)
            .collect()
    }
}

/// A commit as the checks see it.
pub struct CommitView<'a> {
    pub committer: &'a Leaf,
    pub roster_before: Option<&'a Roster>,
    pub roster_after: Option<&'a Roster>,
    pub added: &'a [Leaf],
    /// Every proposal is Add, Remove, Update or GroupContextExtensions, and
    /// sent by a member (by value or by reference).
    pub proposals_allowed: bool,
}

/// Checks a commit from another member before it is merged; `Err` names
/// what was tampered with.
pub fn check_commit(meeting: &MeetingPublicKey, c: &CommitView<'_>) -> Result<(), String> {
    if !c.proposals_allowed {
        return Err("the commit carries a proposal no client may make here".into());
    }
    let changes_roster = c.roster_before != c.roster_after;
    if c.added.is_empty() && !changes_roster {
        // Removes and updates: any member the server asks may commit them.
        return Ok(());
    }
    let Some(after) = c.roster_after else {
        return Err("the commit removes the roster of hosts and members".into());
    };
    // A member who holds the meeting key (a co-host a host promoted) may
    // write its own endorsement into the roster and act as a host in the
    // same commit: the endorsement is the proof, whoever asked.
    let committer_is_host = c
        .roster_before
        .is_some_and(|r| r.is_valid_host(meeting, c.committer))
        || after.is_valid_host(meeting, c.committer);
    for leaf in c.added {
        let Some(p) = leaf.participant else {
            return Err("the commit adds a member without a readable credential".into());
        };
        let Some(entry) = after.member(p) else {
            return Err(format!("participant {p} is added without a roster entry"));
        };
        let self_endorsed = after.is_valid_host(meeting, leaf);
        let admitted_by_committer = committer_is_host
            && entry.admitted_by.is_some()
            && entry.admitted_by == c.committer.participant;
        if !self_endorsed && !admitted_by_committer {
            return Err(format!(
                "participant {p} is added without a host admitting it"
            ));
        }
    }
    if committer_is_host {
        return Ok(());
    }
    // A non-host may only write the entries of the hosts it adds (which
    // replace any they had: a host rejoining with a new leaf), and clear the
    // recording (after the last host left).
    let mut expected = c.roster_before.cloned().unwrap_or_default();
    expected.v = 1;
    if after.recording.is_none() {
        expected.recording = None;
    }
    let added: Vec<u64> = c.added.iter().filter_map(|l| l.participant).collect();
    expected.hosts.retain(|h| !added.contains(&h.participant));
    expected.members.retain(|m| !added.contains(&m.participant));
    for leaf in c.added {
        let p = leaf.participant.unwrap_or_default();
        if let Some(h) = after.hosts.iter().find(|h| h.participant == p) {
            expected.hosts.push(h.clone());
        }
        if let Some(m) = after.member(p) {
            expected.members.push(m.clone());
        }
    }
    if &expected != after {
        return Err("a member who is not a host changed the roster".into());
    }
    Ok(())
}

/// Checks the group a Welcome brings this client into.
pub fn check_welcome(
    meeting: &MeetingPublicKey,
    roster: Option<&Roster>,
    leaves: &[Leaf],
    own: &Leaf,
) -> Result<(), String> {
    let Some(roster) = roster else {
        return Err("the group has no roster of hosts".into());
    };
    let hosts = roster.valid_hosts(meeting, leaves);
    if hosts.is_empty() {
        return Err("no host endorsed by the meeting key is in the group".into());
    }
    if roster.is_valid_host(meeting, own) {
        return Ok(());
    }
    let Some(p) = own.participant else {
        return Err("this client's own credential is unreadable".into());
    };
    match roster.member(p).and_then(|m| m.admitted_by) {
        Some(by) if hosts.contains(&by) => Ok(()),
        _ => Err("this client was added without a host admitting it".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting_key::MeetingKey;

    fn leaf(p: u64, k: u8) -> Leaf {
        Leaf {
            participant: Some(p),
            signature_key: vec![k; 32],
        }
    }

    fn roster_with_host(key: &MeetingKey, host: &Leaf) -> Roster {
        let p = host.participant.unwrap();
        Roster {
            v: 1,
            hosts: vec![Roster::host_entry(
                p,
                &host.signature_key,
                &key.endorse(p, &host.signature_key),
            )],
            members: vec![MemberEntry {
                participant: p,
                name: "Ada".into(),
                admitted_by: None,
            }],
            recording: None,
        }
    }

    #[test]
    fn only_a_host_turns_recording_on_and_anyone_may_turn_it_off() {
        let key = MeetingKey::generate().unwrap();
        let meeting = key.public();
        let (host, guest) = (leaf(1, 1), leaf(2, 2));
        let off = roster_with_host(&key, &host);
        let mut on = off.clone();
        on.recording = Some(RecordingEntry::new(&[7; 32]));
        assert_eq!(on.recording.as_ref().unwrap().recipient(), Some([7; 32]));
        let view = |committer, before, after| CommitView {
            committer,
            roster_before: Some(before),
            roster_after: Some(after),
            added: &[],
            proposals_allowed: true,
        };
        assert_eq!(check_commit(&meeting, &view(&host, &off, &on)), Ok(()));
        assert!(
            check_commit(&meeting, &view(&guest, &off, &on)).is_err(),
            "a guest cannot claim a recording"
        );
        let mut elsewhere = on.clone();
        elsewhere.recording = Some(RecordingEntry::new(&[8; 32]));
        assert!(
            check_commit(&meeting, &view(&guest, &on, &elsewhere)).is_err(),
            "nor send it to another key"
        );
        assert_eq!(
            check_commit(&meeting, &view(&guest, &on, &off)),
            Ok(()),
            "clearing hides nothing"
        );
        assert_eq!(check_commit(&meeting, &view(&guest, &on, &on)), Ok(()));
        // The entry round-trips through the extension's JSON, and a roster
        // without it reads as before (older groups).
        assert_eq!(Roster::parse(&on.to_bytes()), Some(on.clone()));
        assert!(
            !String::from_utf8(off.to_bytes())
                .unwrap()
                .contains("recording")
        );
    }

    #[test]
    fn a_host_may_add_whom_it_admitted_and_a_guest_may_not() {
        let key = MeetingKey::generate().unwrap();
        let meeting = key.public();
        let (host, guest, newcomer) = (leaf(1, 1), leaf(2, 2), leaf(3, 3));
        let before = roster_with_host(&key, &host);
        let mut after = before.clone();
        after.members.push(MemberEntry {
            participant: 3,
            name: "Grace".into(),
            admitted_by: Some(1),
        });
        for (committer, allowed) in [(&host, true), (&guest, false)] {
            let view = CommitView {
                committer,
                roster_before: Some(&before),
                roster_after: Some(&after),
                added: std::slice::from_ref(&newcomer),
                proposals_allowed: true,
            };
            assert_eq!(check_commit(&meeting, &view).is_ok(), allowed);
        }
        // A guest's removes and updates are fine.
        let quiet = CommitView {
            committer: &guest,
            roster_before: Some(&before),
            roster_after: Some(&before),
            added: &[],
            proposals_allowed: true,
        };
        assert_eq!(check_commit(&meeting, &quiet), Ok(()));
    }

    #[test]
    fn anyone_may_add_a_self_endorsed_host_but_not_change_anything_else() {
        let key = MeetingKey::generate().unwrap();
        let meeting = key.public();
        let (host, guest, cohost) = (leaf(1, 1), leaf(2, 2), leaf(4, 4));
        let before = roster_with_host(&key, &host);
        let mut after = before.clone();
        after.hosts.push(Roster::host_entry(
            4,
            &cohost.signature_key,
            &key.endorse(4, &cohost.signature_key),
        ));
        after.members.push(MemberEntry {
            participant: 4,
            name: "Ada".into(),
            admitted_by: None,
        });
        let mut view = CommitView {
            committer: &guest,
            roster_before: Some(&before),
            roster_after: Some(&after),
            added: std::slice::from_ref(&cohost),
            proposals_allowed: true,
        };
        assert_eq!(check_commit(&meeting, &view), Ok(()));
        let mut renamed = after.clone();
        renamed.members[0].name = "Mallory".into();
        view.roster_after = Some(&renamed);
        assert!(check_commit(&meeting, &view).is_err());
        // An endorsement from another meeting's key is worth nothing.
        let other = MeetingKey::generate().unwrap();
        let mut forged = after.clone();
        forged.hosts[1] = Roster::host_entry(
            4,
            &cohost.signature_key,
            &other.endorse(4, &cohost.signature_key),
        );
        view.roster_after = Some(&forged);
        assert!(check_commit(&meeting, &view).is_err());
    }

    #[test]
    fn a_welcome_must_come_from_a_group_with_an_endorsed_host_that_admitted_us() {
        let key = MeetingKey::generate().unwrap();
        let meeting = key.public();
        let (host, guest) = (leaf(1, 1), leaf(2, 2));
        let mut roster = roster_with_host(&key, &host);
        let leaves = [host.clone(), guest.clone()];
        assert!(check_welcome(&meeting, Some(&roster), &leaves, &guest).is_err());
        roster.members.push(MemberEntry {
            participant: 2,
            name: "Grace".into(),
            admitted_by: Some(1),
        });
        assert_eq!(
            check_welcome(&meeting, Some(&roster), &leaves, &guest),
            Ok(())
        );
        assert!(check_welcome(&meeting, None, &leaves, &guest).is_err());
        assert!(
            check_welcome(
                &meeting,
                Some(&roster),
                std::slice::from_ref(&guest),
                &guest
            )
            .is_err(),
            "the endorsed host is not in the tree"
        );
    }
}
