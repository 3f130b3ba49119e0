//! Admission enforced by real openmls groups (docs/admission.md): only a
//! host's commit adds a guest, only with the KeyPackage it admitted, and a
//! member refuses any commit or Welcome that breaks the rules.

use conclave_e2ee::{AddRequest, Group, MeetingKey};

fn host(key: &MeetingKey, id: u64, name: &str) -> Group {
    let mut g = Group::new(id, name).unwrap();
    g.enforce(
        key.public(),
        Some(MeetingKey::from_link_part(&key.to_link_part()).unwrap()),
    );
    g
}

fn guest(key: &MeetingKey, id: u64, name: &str) -> Group {
    let mut g = Group::new(id, name).unwrap();
    g.enforce(key.public(), None);
    g
}

fn knock(participant: u64, kp: &[u8]) -> AddRequest {
    AddRequest {
        participant,
        key_package: kp.to_vec(),
        knock: true,
        host_endorsement: None,
    }
}

/// Ada (host) creates the group and admits Grace.
fn host_and_guest(key: &MeetingKey) -> (Group, Group) {
    let mut ada = host(key, 1, "Ada");
    ada.create().unwrap();
    let mut grace = guest(key, 2, "Grace");
    let kp = grace.key_package().unwrap();
    ada.admit(2, kp.clone(), "Grace".into());
    let out = ada.commit_requests(&[knock(2, &kp)], &[]).unwrap();
    assert_eq!(out.added, [2], "{:?}", out.refused);
    ada.merge_pending().unwrap();
    grace.join(&out.welcome.unwrap()).unwrap();
    let roster = grace.roster().unwrap();
    assert_eq!(roster.member(2).unwrap().admitted_by, Some(1));
    assert_eq!(roster.member(2).unwrap().name, "Grace");
    (ada, grace)
}

#[test]
fn a_host_admits_a_knocker_and_everyone_agrees() {
    let key = MeetingKey::generate().unwrap();
    let (ada, grace) = host_and_guest(&key);
    assert_eq!(ada.security_code().unwrap(), grace.security_code().unwrap());
}

#[test]
fn a_guest_never_commits_a_knockers_add_and_members_refuse_one() {
    let key = MeetingKey::generate().unwrap();
    let (ada, mut grace) = host_and_guest(&key);
    let eve = guest(&key, 3, "Eve");
    let kp = eve.key_package().unwrap();
    // Asked by the server, Grace (not a host) leaves the Add out.
    let out = grace.commit_requests(&[knock(3, &kp)], &[]).unwrap();
    assert!(out.added.is_empty());
    assert_eq!(out.refused.len(), 1);
    grace.discard_pending().unwrap();

    // A member that adds anyway (a malicious client) is refused by every
    // other member: see `a_non_hosts_add_is_refused_by_members_and_joiners`
    // in group.rs, which can switch a client's checks off.
    assert!(ada.in_group());
}

#[test]
fn a_host_commits_only_the_key_package_it_admitted() {
    let key = MeetingKey::generate().unwrap();
    let (mut ada, _grace) = host_and_guest(&key);
    let eve = guest(&key, 3, "Eve");
    let admitted = eve.key_package().unwrap();
    ada.admit(3, admitted, "Eve".into());
    let swapped = guest(&key, 3, "Eve").key_package().unwrap();
    let out = ada.commit_requests(&[knock(3, &swapped)], &[]).unwrap();
    assert!(out.added.is_empty());
    assert!(
        out.refused[0].1.contains("not the one sealed"),
        "{:?}",
        out.refused
    );
}

#[test]
fn a_second_host_joins_with_its_endorsement_through_any_member() {
    let key = MeetingKey::generate().unwrap();
    let (mut ada, mut grace) = host_and_guest(&key);
    let mut bea = host(&key, 4, "Bea");
    let add = AddRequest {
        participant: 4,
        key_package: bea.key_package().unwrap(),
        knock: false,
        host_endorsement: bea.host_endorsement(),
    };
    let out = grace.commit_requests(&[add], &[]).unwrap();
    assert_eq!(out.added, [4], "{:?}", out.refused);
    grace.merge_pending().unwrap();
    ada.process(&out.commit).unwrap();
    bea.join(&out.welcome.unwrap()).unwrap();
    assert_eq!(ada.security_code().unwrap(), bea.security_code().unwrap());
    // And Bea may admit a knocker now.
    // Cy knocked as "Cy" but his client calls itself "Mallory".
    let mut cy = guest(&key, 5, "Mallory");
    let kp = cy.key_package().unwrap();
    bea.admit(5, kp.clone(), "Cy".into());
    let out = bea.commit_requests(&[knock(5, &kp)], &[]).unwrap();
    assert_eq!(out.added, [5]);
    bea.merge_pending().unwrap();
    ada.process(&out.commit).unwrap();
    grace.process(&out.commit).unwrap();
    cy.join(&out.welcome.unwrap()).unwrap();
    // Names (docs/e2ee.md "Names"): the roster names Ada (she created the
    // group) and the admitted guests; Bea, added by a guest who could not
    // know her name, introduces herself, and only a host may.
    let name_of = |g: &Group, p: u64| {
        g.members()
            .unwrap()
            .into_iter()
            .find(|m| m.participant == Some(p))
            .and_then(|m| m.name)
    };
    assert_eq!(name_of(&cy, 1).as_deref(), Some("Ada"));
    assert_eq!(name_of(&cy, 2).as_deref(), Some("Grace"));
    assert_eq!(name_of(&cy, 4), None);
    assert!(bea.needs_introduction() && !grace.needs_introduction());
    let hello = bea.encrypt_introduction().unwrap();
    cy.process(&hello).unwrap();
    assert_eq!(name_of(&cy, 4).as_deref(), Some("Bea"));
    // Cy's client claims another name: the host's attestation wins.
    let claim = cy.encrypt_introduction().unwrap();
    ada.process(&claim).unwrap();
    assert_eq!(name_of(&ada, 5).as_deref(), Some("Cy"));
}

#[test]
fn a_forged_host_endorsement_is_refused() {
    let key = MeetingKey::generate().unwrap();
    let (_ada, mut grace) = host_and_guest(&key);
    let other = MeetingKey::generate().unwrap();
    let mallory = host(&other, 4, "Mallory");
    let add = AddRequest {
        participant: 4,
        key_package: mallory.key_package().unwrap(),
        knock: false,
        host_endorsement: mallory.host_endorsement(),
    };
    let out = grace.commit_requests(&[add], &[]).unwrap();
    assert!(out.added.is_empty());
}

#[test]
fn a_host_who_rejoins_is_added_again_by_a_guest_with_its_new_leaf() {
    let key = MeetingKey::generate().unwrap();
    let (_ada_before_reload, mut grace) = host_and_guest(&key);
    // Ada's state is gone (a reload): Grace removes her, then adds her new
    // leaf, whose entries replace the old ones.
    grace.commit(&[], &[1]).unwrap();
    grace.merge_pending().unwrap();
    let mut ada_again = host(&key, 1, "Ada");
    let add = AddRequest {
        participant: 1,
        key_package: ada_again.key_package().unwrap(),
        knock: false,
        host_endorsement: ada_again.host_endorsement(),
    };
    let out = grace.commit_requests(&[add], &[]).unwrap();
    assert_eq!(out.added, [1], "{:?}", out.refused);
    grace.merge_pending().unwrap();
    ada_again.join(&out.welcome.unwrap()).unwrap();
    let roster = ada_again.roster().unwrap();
    assert_eq!(
        roster.hosts.iter().filter(|h| h.participant == 1).count(),
        1
    );
    assert_eq!(
        ada_again.security_code().unwrap(),
        grace.security_code().unwrap()
    );
}
