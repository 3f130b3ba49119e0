//! One participant's side of the meeting's MLS group (RFC 9420), with
//! openmls. It follows the delivery-service flow of `docs/e2ee.md`: make a
//! KeyPackage, create the group when told to, build the commits the server
//! asks for, process everyone else's, join from a Welcome, and export the
//! SFrame base key and the security code of every epoch.

use ::tls_codec::{Deserialize as _, Serialize as _};
use openmls::prelude::*;
use openmls_basic_credential::SignatureKeyPair;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::admission::{
    self, CommitView, Leaf, MemberEntry, ROSTER_EXTENSION, RecordingEntry, Roster,
};
use crate::live_storage::LiveProvider;
use crate::media::BASE_KEY_LEN;
use crate::meeting_key::{MeetingKey, MeetingPublicKey};

/// `MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519` (0x0001), which ts-mls,
/// openmls and mls-rs all implement.
pub const CIPHERSUITE: Ciphersuite = Ciphersuite::MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519;

const SFRAME_EXPORTER_LABEL: &str = "SFrame 1.0 Base Key";

/// How many past epochs' message secrets a member keeps, for application
/// messages (chat, introductions) sent before a commit that arrive after
/// it: a member sends on the epoch it is in while the server may already
/// have handed the next commit to others. In a large meeting commits come
/// seconds apart and a member that fell behind sends late, so introductions
/// to joiners were lost without this. Each kept epoch is a secret tree a
/// compromised device could still open old messages with, so few are kept,
/// and only for [`PAST_EPOCH_GRACE`].
const MAX_PAST_EPOCHS: usize = 4;

/// How long after an epoch ended its message secrets are kept: the same
/// ten seconds media keys of a past epoch are kept for (docs/e2ee.md).
pub const PAST_EPOCH_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum GroupError {
    #[error("not in a group yet")]
    NoGroup,
    #[error("already in a group")]
    AlreadyInGroup,
    #[error("malformed MLS message: {0}")]
    Malformed(String),
    #[error("MLS refused the operation: {0}")]
    Mls(String),
    #[error("no commit is pending")]
    NoPendingCommit,
    /// The group's membership breaks the admission rules: someone was let
    /// in (or the roster changed) without a host. The client must leave.
    #[error("the meeting's membership was tampered with: {0}")]
    Tampered(String),
}

fn mls<E: std::fmt::Display>(e: E) -> GroupError {
    GroupError::Mls(e.to_string())
}

/// What a member's credential says (docs/e2ee.md): the participant id the
/// server assigned, and nothing else: the server sees every KeyPackage, so
/// a name there would tell it who is talking to whom.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
struct Identity {
    participant: u64,
}

/// One member of the group. Every leaf is one: a leaf whose credential is
/// not exactly in our format has `participant` unset and must be shown as
/// an unknown member, never dropped (the roster is exactly who holds the
/// keys). `name` is what the group says (docs/e2ee.md, "Names"); `None`
/// until it says something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberInfo {
    pub leaf_index: u32,
    pub participant: Option<u64>,
    pub name: Option<String>,
}

/// An application message's plaintext (docs/e2ee.md).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case")]
enum AppMessage {
    Chat { text: String },
    Introduce { name: String },
}

/// What a commit carries of what the delivery service asked for.
pub struct CommitOutcome {
    pub commit: Vec<u8>,
    pub welcome: Option<Vec<u8>>,
    /// Participants whose Add the commit carries.
    pub added: Vec<u64>,
    /// Participants whose Remove the commit carries.
    pub removed: Vec<u64>,
    /// Requested Adds left out, with the reason.
    pub refused: Vec<(u64, String)>,
}

/// What processing a message from the group produced.
#[derive(Debug, PartialEq, Eq)]
pub enum Incoming {
    /// A commit was applied: the epoch moved on.
    NewEpoch,
    /// A chat message from the member at this leaf, or (`None`) from one
    /// who has left since it wrote it: a message of a past epoch may come
    /// from a leaf that is empty now or someone else's.
    Chat { sender: Option<u32>, text: String },
    /// The member at this leaf said its name (whether it counts is for
    /// [`Group::members`] to say).
    Introduced { sender: u32 },
    /// Nothing for the application (e.g. a proposal).
    Nothing,
}

/// An Add the delivery service asks for.
pub struct AddRequest {
    pub participant: u64,
    pub key_package: Vec<u8>,
    /// A knocker a host admitted: only the host who opened the knock may
    /// commit it, with exactly the KeyPackage it admitted.
    pub knock: bool,
    /// A host's endorsement of its own leaf (any member may add a host).
    pub host_endorsement: Option<Vec<u8>>,
}

/// The meeting key as this client knows it, and what its host admitted.
struct Admission {
    public: MeetingPublicKey,
    /// Only hosts have it.
    key: Option<MeetingKey>,
    /// Knocks this host admitted: participant → (KeyPackage bytes, name).
    admitted: std::collections::HashMap<u64, (Vec<u8>, String)>,
}

/// What members read of the current epoch again and again, parsed once
/// per epoch: the roster and each leaf's identity. In a 1000-member
/// meeting every commit had each member parse every credential's JSON
/// (to list who is in the group and to forget stale introductions) and
/// the roster's JSON about four times; together more than openmls's own
/// work on the commit. [`Group::entered_epoch`] renews it whenever the
/// group's state changes; a view of another epoch is never read
/// ([`Group::view`] checks, and callers fall back to parsing).
#[derive(Default, Clone)]
struct EpochView {
    epoch: u64,
    /// The roster extension's bytes and what they parse to.
    roster: Option<(Vec<u8>, Option<Roster>)>,
    /// By leaf index: the leaf's credential and the identity it reads as
    /// (`None` for a blank leaf). A credential is parsed again only when
    /// its leaf's credential changed.
    identities: Vec<Option<(Credential, Option<Identity>)>>,
}

impl EpochView {
    fn renew(&mut self, group: &MlsGroup) {
        self.epoch = group.epoch().as_u64();
        match group.extensions().unknown(ROSTER_EXTENSION) {
            None => self.roster = None,
            Some(e) => {
                if !matches!(&self.roster, Some((bytes, _)) if *bytes == e.0) {
                    self.roster = Some((e.0.clone(), Roster::parse(&e.0)));
                }
            }
        }
        let mut before = std::mem::take(&mut self.identities);
        for (index, node) in group.treesync().full_leaves() {
            let at = index.usize();
            if self.identities.len() <= at {
                self.identities.resize_with(at + 1, || None);
            }
            let kept = before
                .get_mut(at)
                .and_then(Option::take)
                .filter(|(credential, _)| credential == node.credential());
            self.identities[at] =
                Some(kept.unwrap_or_else(|| {
                    (node.credential().clone(), identity_of(node.credential()))
                }));
        }
    }

    fn roster(&self) -> Option<&Roster> {
        self.roster.as_ref()?.1.as_ref()
    }

    /// The participant the leaf at `leaf` holds, if it is a member in our
    /// credential format.
    fn participant(&self, leaf: u32) -> Option<u64> {
        let (_, identity) = self.identities.get(leaf as usize)?.as_ref()?;
        identity.as_ref().map(|i| i.participant)
    }
}

/// This participant's MLS state. No `Debug`: it holds private keys.
pub struct Group {
    provider: LiveProvider,
    signer: SignatureKeyPair,
    credential: CredentialWithKey,
    group: Option<MlsGroup>,
    admission: Option<Admission>,
    /// This person's own name (as the name rules make it): only ever sent
    /// inside the group and in sealed knocks.
    own_name: String,
    /// Names members introduced themselves with, by leaf, with the
    /// participant the leaf held then (a leaf reused by someone else does
    /// not inherit them).
    introduced: std::collections::HashMap<u32, (u64, String)>,
    /// A recording change the server asked this client to commit: set
    /// (`Some`) or clear (`None`) the roster's recording entry.
    recording_change: Option<Option<RecordingEntry>>,
    /// When each recent epoch started, oldest first, taken just before
    /// openmls made its secrets: an epoch ended when the next one started.
    epoch_starts: std::collections::VecDeque<std::time::SystemTime>,
    view: EpochView,
}

fn capabilities() -> Capabilities {
    Capabilities::new(
        None,
        None,
        Some(&[ExtensionType::Unknown(ROSTER_EXTENSION)]),
        None,
        None,
    )
}

fn roster_of(extensions: &Extensions<GroupContext>) -> Option<Roster> {
    extensions
        .unknown(ROSTER_EXTENSION)
        .and_then(|e| Roster::parse(&e.0))
}

/// The group context's extensions for `roster`. RFC 9420 lets a group
/// rely on an extension only if every member must support it, so the
/// roster type is also listed in `required_capabilities` (openmls refuses
/// the Add of a leaf that does not list it).
fn roster_extensions(roster: &Roster) -> Result<Extensions<GroupContext>, GroupError> {
    Extensions::from_vec(vec![
        Extension::RequiredCapabilities(RequiredCapabilitiesExtension::new(
            &[ExtensionType::Unknown(ROSTER_EXTENSION)],
            &[],
            &[],
        )),
        Extension::Unknown(ROSTER_EXTENSION, UnknownExtension(roster.to_bytes())),
    ])
    .map_err(mls)
}

fn leaf_of(credential: &Credential, signature_key: &[u8]) -> Leaf {
    Leaf {
        participant: identity_of(credential).map(|i| i.participant),
        signature_key: signature_key.to_vec(),
    }
}

fn parse_message(bytes: &[u8]) -> Result<MlsMessageIn, GroupError> {
    MlsMessageIn::tls_deserialize_exact(bytes).map_err(|e| GroupError::Malformed(e.to_string()))
}

fn serialize(msg: &MlsMessageOut) -> Result<Vec<u8>, GroupError> {
    msg.tls_serialize_detached().map_err(mls)
}

/// Reads a credential exactly as the browser client does: a basic
/// credential whose identity is the canonical JSON of docs/e2ee.md, with an
/// id a browser can represent. Being
/// byte-exact (the bytes must re-serialise to themselves) means the two
/// clients can never read one leaf differently.
fn identity_of(credential: &Credential) -> Option<Identity> {
    let basic = BasicCredential::try_from(credential.clone()).ok()?;
    let identity: Identity = serde_json::from_slice(basic.identity()).ok()?;
    let canonical = serde_json::to_vec(&identity).ok()?;
    (canonical == basic.identity() && identity.participant <= conclave_signaling::MAX_ID)
        .then_some(identity)
}

impl Group {
    /// A fresh participant (no group yet) with a new signature key. `name`
    /// stays in this client: it goes into the roster if this client creates
    /// the group, and into introductions.
    pub fn new(participant: u64, name: &str) -> Result<Self, GroupError> {
        if participant > conclave_signaling::MAX_ID {
            return Err(GroupError::Malformed(format!(
                "participant id {participant} is above 2^53 - 1"
            )));
        }
        let provider = LiveProvider::default();
        let identity = serde_json::to_vec(&Identity { participant }).map_err(mls)?;
        let own_name = conclave_signaling::validate_name(name)
            .map_err(|e| GroupError::Malformed(format!("your name: {e}")))?;
        let signer = SignatureKeyPair::new(CIPHERSUITE.signature_algorithm()).map_err(mls)?;
        signer.store(provider.storage()).map_err(mls)?;
        let credential = CredentialWithKey {
            credential: BasicCredential::new(identity).into(),
            signature_key: signer.public().into(),
        };
        Ok(Self {
            provider,
            signer,
            credential,
            group: None,
            admission: None,
            own_name,
            introduced: std::collections::HashMap::new(),
            recording_change: None,
            epoch_starts: std::collections::VecDeque::new(),
            view: EpochView::default(),
        })
    }

    /// Enforces admission (docs/admission.md) for a meeting with this key:
    /// `key` for a host (host link), the public part for a guest.
    pub fn enforce(&mut self, public: MeetingPublicKey, key: Option<MeetingKey>) {
        self.admission = Some(Admission {
            public,
            key,
            admitted: std::collections::HashMap::new(),
        });
    }

    /// Turns this client into a malicious member that commits whatever it
    /// is asked, without the admission checks. Only for tests that play
    /// the attacker against honest clients; no client calls it.
    #[doc(hidden)]
    pub fn play_malicious_member(&mut self) {
        self.admission = None;
    }

    /// This client's own participant id and MLS signature key.
    fn own_leaf(&self) -> Leaf {
        leaf_of(
            &self.credential.credential,
            self.credential.signature_key.as_slice(),
        )
    }

    fn own_identity(&self) -> Option<Identity> {
        identity_of(&self.credential.credential)
    }

    /// Becomes a host: a host sealed the meeting key to this participant.
    pub fn become_host(&mut self, key: MeetingKey) {
        if let Some(a) = self.admission.as_mut()
            && a.public == key.public()
        {
            a.key = Some(key);
        }
    }

    /// A host's endorsement of its own leaf, for `mls_key_package`.
    pub fn host_endorsement(&self) -> Option<Vec<u8>> {
        let key = self.admission.as_ref()?.key.as_ref()?;
        let me = self.own_identity()?;
        Some(
            key.endorse(me.participant, self.credential.signature_key.as_slice())
                .to_vec(),
        )
    }

    /// A host records a knock it admits: only this KeyPackage will be
    /// committed for `participant`, under `name`.
    pub fn admit(&mut self, participant: u64, key_package: Vec<u8>, name: String) {
        if let Some(a) = self.admission.as_mut() {
            a.admitted.insert(participant, (key_package, name));
        }
    }

    /// The roster extension of the current epoch, if any.
    pub fn roster(&self) -> Option<Roster> {
        self.view()?.roster().cloned()
    }

    fn leaves(group: &MlsGroup) -> Vec<Leaf> {
        group
            .members()
            .map(|m| leaf_of(&m.credential, &m.signature_key))
            .collect()
    }

    /// A KeyPackage (as an MLSMessage) for the delivery service. openmls
    /// backdates `not_before` by an hour, which tolerates clock skew.
    pub fn key_package(&self) -> Result<Vec<u8>, GroupError> {
        let mut builder = KeyPackage::builder();
        if self.admission.is_some() {
            builder = builder.leaf_node_capabilities(capabilities());
        }
        let bundle = builder
            .build(
                CIPHERSUITE,
                &self.provider,
                &self.signer,
                self.credential.clone(),
            )
            .map_err(mls)?;
        serialize(&MlsMessageOut::from(bundle.key_package().clone()))
    }

    fn create_config() -> MlsGroupCreateConfig {
        MlsGroupCreateConfig::builder()
            .ciphersuite(CIPHERSUITE)
            .use_ratchet_tree_extension(true)
            .max_past_epochs(MAX_PAST_EPOCHS)
            // ts-mls sends handshake messages as PrivateMessage, mls-rs as
            // PublicMessage: accept both, send private.
            .wire_format_policy(MIXED_CIPHERTEXT_WIRE_FORMAT_POLICY)
            .build()
    }

    fn join_config() -> MlsGroupJoinConfig {
        MlsGroupJoinConfig::builder()
            .use_ratchet_tree_extension(true)
            .max_past_epochs(MAX_PAST_EPOCHS)
            .wire_format_policy(MIXED_CIPHERTEXT_WIRE_FORMAT_POLICY)
            .build()
    }

    pub fn create(&mut self) -> Result<(), GroupError> {
        if self.group.is_some() {
            return Err(GroupError::AlreadyInGroup);
        }
        let config = match &self.admission {
            None => Self::create_config(),
            Some(_) => {
                // Only a host creates the group, writing itself into the
                // roster: nobody else could ever admit anyone into it.
                let (Some(endorsement), Some(me)) = (self.host_endorsement(), self.own_identity())
                else {
                    return Err(GroupError::Tampered(
                        "asked to create the group without the meeting key".into(),
                    ));
                };
                let roster = Roster {
                    v: 1,
                    hosts: vec![Roster::host_entry(
                        me.participant,
                        self.credential.signature_key.as_slice(),
                        &endorsement,
                    )],
                    recording: None,
                    members: vec![MemberEntry {
                        participant: me.participant,
                        name: self.own_name.clone(),
                        admitted_by: None,
                    }],
                };
                MlsGroupCreateConfig::builder()
                    .ciphersuite(CIPHERSUITE)
                    .use_ratchet_tree_extension(true)
                    .max_past_epochs(MAX_PAST_EPOCHS)
                    .wire_format_policy(MIXED_CIPHERTEXT_WIRE_FORMAT_POLICY)
                    .capabilities(capabilities())
                    .with_group_context_extensions(roster_extensions(&roster)?)
                    .build()
            }
        };
        let started = std::time::SystemTime::now();
        let group = MlsGroup::new(
            &self.provider,
            &self.signer,
            &config,
            self.credential.clone(),
        )
        .map_err(mls)?;
        self.group = Some(group);
        self.epoch_starts.clear();
        self.epoch_started(started);
        self.entered_epoch();
        Ok(())
    }

    pub fn join(&mut self, welcome: &[u8]) -> Result<(), GroupError> {
        if self.group.is_some() {
            return Err(GroupError::AlreadyInGroup);
        }
        let MlsMessageBodyIn::Welcome(welcome) = parse_message(welcome)?.extract() else {
            return Err(GroupError::Malformed("not a Welcome".into()));
        };
        let started = std::time::SystemTime::now();
        let staged =
            StagedWelcome::new_from_welcome(&self.provider, &Self::join_config(), welcome, None)
                .map_err(mls)?;
        let group = staged.into_group(&self.provider).map_err(mls)?;
        if let Some(a) = &self.admission {
            admission::check_welcome(
                &a.public,
                roster_of(group.extensions()).as_ref(),
                &Self::leaves(&group),
                &self.own_leaf(),
            )
            .map_err(GroupError::Tampered)?;
        }
        self.group = Some(group);
        self.epoch_starts.clear();
        self.epoch_started(started);
        self.entered_epoch();
        Ok(())
    }

    pub fn in_group(&self) -> bool {
        self.group.is_some()
    }

    fn group(&self) -> Result<&MlsGroup, GroupError> {
        self.group.as_ref().ok_or(GroupError::NoGroup)
    }

    pub fn epoch(&self) -> Result<u64, GroupError> {
        Ok(self.group()?.epoch().as_u64())
    }

    pub fn leaf_index(&self) -> Result<u32, GroupError> {
        Ok(self.group()?.own_leaf_index().u32())
    }

    /// The members exactly as the group's (signed) state lists them, named
    /// as docs/e2ee.md "Names" says: by the roster (a host's attestation)
    /// where there is admission, else by their own introduction (in a group
    /// with admission, only a valid host's counts).
    pub fn members(&self) -> Result<Vec<MemberInfo>, GroupError> {
        let group = self.group()?;
        let view = Self::view_of(&self.view, group);
        let roster = view.roster();
        let admission = self.admission.as_ref().map(|a| &a.public);
        let own = group.own_leaf_index();
        Ok(group
            .treesync()
            .full_leaves()
            .map(|(index, node)| {
                let participant = view.participant(index.u32());
                let introduced = || {
                    if index == own {
                        // What we introduce ourselves with.
                        return Some(self.own_name.clone());
                    }
                    self.introduced
                        .get(&index.u32())
                        .filter(|(p, _)| Some(*p) == participant)
                        .map(|(_, n)| n.clone())
                };
                let name = participant.and_then(|p| match (admission, roster) {
                    (Some(meeting), Some(roster)) => roster
                        .member(p)
                        .map(|e| e.name.clone())
                        .filter(|n| !n.is_empty())
                        .or_else(|| {
                            let leaf = Leaf {
                                participant,
                                signature_key: node.signature_key().as_slice().to_vec(),
                            };
                            roster
                                .is_valid_host(meeting, &leaf)
                                .then(introduced)
                                .flatten()
                        }),
                    (Some(_), None) => None,
                    (None, _) => introduced(),
                });
                MemberInfo {
                    leaf_index: index.u32(),
                    participant,
                    name,
                }
            })
            .collect())
    }

    /// The participants in the group now (to tell whom a commit added).
    pub fn participants(&self) -> std::collections::BTreeSet<u64> {
        let Some(view) = self.view() else {
            return Default::default();
        };
        (0..view.identities.len() as u32)
            .filter_map(|leaf| view.participant(leaf))
            .collect()
    }

    /// Whether others learn this member's name only from its introduction:
    /// always without admission; with it, when the roster has no name for
    /// it (a host added by another member).
    pub fn needs_introduction(&self) -> bool {
        let Some(group) = &self.group else {
            return false;
        };
        if self.admission.is_none() {
            return true;
        }
        let Some(me) = self.own_identity() else {
            return false;
        };
        Self::view_of(&self.view, group)
            .roster()
            .and_then(|r| r.member(me.participant).map(|e| e.name.is_empty()))
            .unwrap_or(false)
    }

    /// This member's introduction, encrypted for the group.
    pub fn encrypt_introduction(&mut self) -> Result<Vec<u8>, GroupError> {
        let name = self.own_name.clone();
        self.encrypt_application(&AppMessage::Introduce { name })
    }

    /// Renews what is read of the epoch (the group's state changed) and
    /// forgets introductions of leaves that left or changed hands.
    fn entered_epoch(&mut self) {
        let Some(group) = &self.group else {
            self.introduced.clear();
            return;
        };
        self.view.renew(group);
        let view = &self.view;
        self.introduced
            .retain(|leaf, (p, _)| view.participant(*leaf) == Some(*p));
    }

    /// What is read of the current epoch: the kept view, or (should a
    /// state change ever have missed [`Group::entered_epoch`]) one made
    /// now, never another epoch's.
    fn view(&self) -> Option<std::borrow::Cow<'_, EpochView>> {
        let group = self.group.as_ref()?;
        Some(Self::view_of(&self.view, group))
    }

    fn view_of<'a>(kept: &'a EpochView, group: &MlsGroup) -> std::borrow::Cow<'a, EpochView> {
        if kept.epoch == group.epoch().as_u64() {
            std::borrow::Cow::Borrowed(kept)
        } else {
            let mut now = EpochView::default();
            now.renew(group);
            std::borrow::Cow::Owned(now)
        }
    }

    /// Asks the next commit to set (`Some`) or clear (`None`) the group's
    /// recording entry (docs/recording.md).
    pub fn request_recording(&mut self, entry: Option<RecordingEntry>) {
        self.recording_change = Some(entry);
    }

    /// Whether the group's current epoch says it is recorded, and to whom.
    pub fn recording(&self) -> Option<RecordingEntry> {
        self.view()?.roster()?.recording.clone()
    }

    /// `MLS-Exporter("SFrame 1.0 Base Key", "", 16)` of the current epoch.
    pub fn sframe_base_key(&self) -> Result<Zeroizing<[u8; BASE_KEY_LEN]>, GroupError> {
        let secret = Zeroizing::new(
            self.group()?
                .export_secret(
                    self.provider.crypto(),
                    SFRAME_EXPORTER_LABEL,
                    b"",
                    BASE_KEY_LEN,
                )
                .map_err(mls)?,
        );
        let mut key = Zeroizing::new([0u8; BASE_KEY_LEN]);
        key.copy_from_slice(&secret[..BASE_KEY_LEN]);
        Ok(key)
    }

    pub fn security_code(&self) -> Result<String, GroupError> {
        Ok(crate::code::security_code(
            self.group()?.epoch_authenticator().as_slice(),
        ))
    }

    /// Builds the commit the delivery service asked for: adds (each
    /// KeyPackage must name the participant the server named), removes (by
    /// participant id), or a plain key update. An Add that cannot be used
    /// (unparseable, invalid, naming someone else, already a member) is left
    /// out and reported in [`CommitOutcome::refused`]; it never blocks the
    /// others. The commit stays pending until [`Group::merge_pending`] or
    /// [`Group::discard_pending`].
    pub fn commit(
        &mut self,
        adds: &[(u64, Vec<u8>)],
        removes: &[u64],
    ) -> Result<CommitOutcome, GroupError> {
        let requests: Vec<AddRequest> = adds
            .iter()
            .map(|(participant, key_package)| AddRequest {
                participant: *participant,
                key_package: key_package.clone(),
                knock: false,
                host_endorsement: None,
            })
            .collect();
        self.commit_requests(&requests, removes)
    }

    /// [`Group::commit`] with what admission needs to know of each Add.
    /// Under admission an Add is committed only if this client may make it:
    /// a knock it admitted itself (as a host) with the very KeyPackage, or
    /// a host proving itself with its endorsement. The roster extension
    /// changes in the same commit.
    pub fn commit_requests(
        &mut self,
        adds: &[AddRequest],
        removes: &[u64],
    ) -> Result<CommitOutcome, GroupError> {
        let group = self.group.as_ref().ok_or(GroupError::NoGroup)?;
        let present: Vec<(LeafNodeIndex, Option<Identity>)> = group
            .members()
            .map(|m| (m.index, identity_of(&m.credential)))
            .collect();
        let mut refused = Vec::new();
        let mut key_packages = Vec::new();
        let mut added = Vec::new();
        let roster_before = roster_of(group.extensions());
        let mut roster = roster_before.clone();
        // A co-host (given the meeting key by a host) shows it in the
        // roster with its next commit, and may admit in that same commit.
        if let (Some(r), Some(a), Some(endorsement)) =
            (roster.as_mut(), &self.admission, self.host_endorsement())
            && !r.is_valid_host(&a.public, &self.own_leaf())
            && let Some(me) = self.own_identity()
        {
            r.hosts.retain(|h| h.participant != me.participant);
            r.hosts.push(Roster::host_entry(
                me.participant,
                self.credential.signature_key.as_slice(),
                &endorsement,
            ));
        }
        // A recording the server asked for goes into the roster with this
        // commit: set only by a host (the checks refuse it from anyone
        // else), cleared by anyone.
        if let (Some(r), Some(change)) = (roster.as_mut(), self.recording_change.take()) {
            r.recording = change;
        }
        for add in adds {
            let participant = &add.participant;
            let checked = self
                .checked_key_package(*participant, &add.key_package, &present)
                .and_then(|kp| self.may_add(add, &kp, roster.as_mut()).map(|()| kp));
            match checked {
                Ok(kp) if !added.contains(participant) => {
                    key_packages.push(kp);
                    added.push(*participant);
                }
                Ok(_) => {
                    refused.push((*participant, "a second Add for the same participant".into()))
                }
                Err(reason) => refused.push((*participant, reason)),
            }
        }
        let roster_change = if roster != roster_before {
            roster.as_ref().map(roster_extensions).transpose()?
        } else {
            None
        };
        let own = group.own_leaf_index();
        let mut leaves = Vec::new();
        let mut removed = Vec::new();
        for (leaf, id) in &present {
            if let Some(id) = id
                && *leaf != own
                && removes.contains(&id.participant)
            {
                leaves.push(*leaf);
                if !removed.contains(&id.participant) {
                    removed.push(id.participant);
                }
            }
        }
        let (commit, welcome) = match self.build_commit(key_packages, leaves.clone(), roster_change)
        {
            Ok(built) => built,
            // openmls refused the Adds as a whole (e.g. a KeyPackage that
            // passed our checks but clashes with the tree): commit the
            // removes alone rather than stall the group.
            Err(e) if !added.is_empty() => {
                for p in added.drain(..) {
                    refused.push((p, format!("MLS refused the Add: {e}")));
                }
                self.build_commit(Vec::new(), leaves, None)?
            }
            Err(e) => return Err(e),
        };
        Ok(CommitOutcome {
            commit,
            welcome,
            added,
            removed,
            refused,
        })
    }

    fn checked_key_package(
        &self,
        participant: u64,
        bytes: &[u8],
        present: &[(LeafNodeIndex, Option<Identity>)],
    ) -> Result<KeyPackage, String> {
        let MlsMessageBodyIn::KeyPackage(kp) =
            parse_message(bytes).map_err(|e| e.to_string())?.extract()
        else {
            return Err("not a KeyPackage".into());
        };
        let kp = kp
            .validate(self.provider.crypto(), ProtocolVersion::Mls10)
            .map_err(|e| format!("invalid KeyPackage: {e}"))?;
        // The server cannot slip in someone other than who it announced.
        let Some(id) = identity_of(kp.leaf_node().credential()) else {
            return Err("its credential is not in the agreed format".into());
        };
        if id.participant != participant {
            return Err(format!(
                "its credential names participant {}, not {participant}",
                id.participant
            ));
        }
        if present
            .iter()
            .any(|(_, m)| m.as_ref().is_some_and(|m| m.participant == participant))
        {
            return Err("already a member".into());
        }
        Ok(kp)
    }

    /// Whether this client may commit `add` under the admission rules, and
    /// the roster entries that come with it.
    fn may_add(
        &self,
        add: &AddRequest,
        kp: &KeyPackage,
        roster: Option<&mut Roster>,
    ) -> Result<(), String> {
        let Some(a) = &self.admission else {
            return Ok(());
        };
        let Some(roster) = roster else {
            return Err("the group has no roster".into());
        };
        let p = add.participant;
        let signature_key = kp.leaf_node().signature_key().as_slice().to_vec();
        roster.members.retain(|m| m.participant != p);
        roster.hosts.retain(|h| h.participant != p);
        if let Some(e) = &add.host_endorsement {
            if !a.public.verifies_host(p, &signature_key, e) {
                return Err("its host endorsement does not verify".into());
            }
            roster.hosts.push(Roster::host_entry(p, &signature_key, e));
            // Nobody but the host knows its name: it introduces itself.
            roster.members.push(MemberEntry {
                participant: p,
                name: String::new(),
                admitted_by: None,
            });
            return Ok(());
        }
        if !add.knock {
            return Err("no host admitted it".into());
        }
        let me = self.own_leaf();
        if !roster.is_valid_host(&a.public, &me) {
            return Err("only a host commits an admitted knock".into());
        }
        match a.admitted.get(&p) {
            Some((bytes, name)) if *bytes == add.key_package => {
                roster.members.push(MemberEntry {
                    participant: p,
                    name: name.clone(),
                    admitted_by: me.participant,
                });
                Ok(())
            }
            Some(_) => Err("its KeyPackage is not the one sealed in the admitted knock".into()),
            None => Err("this host did not admit it".into()),
        }
    }

    fn build_commit(
        &mut self,
        key_packages: Vec<KeyPackage>,
        leaves: Vec<LeafNodeIndex>,
        roster: Option<Extensions<GroupContext>>,
    ) -> Result<(Vec<u8>, Option<Vec<u8>>), GroupError> {
        let provider = &self.provider;
        let signer = &self.signer;
        let group = self.group.as_mut().ok_or(GroupError::NoGroup)?;
        // Every commit carries an update path, Adds alone too (RFC 9420
        // requires one only with a Remove, an Update, a group context
        // change or nothing at all). The path fills in the tree's nodes
        // above the committer's leaf; the delivery service asks the newest
        // settled member to commit (and, in a lobby meeting, for an update
        // after a host's admissions), so over a meeting's arrival those
        // paths cover the tree, and a removal (which must carry a path) is
        // encrypted to a few filled subtrees instead of to every leaf. In a
        // group of 1000 filled by joins in tens: a removal 2.6 KB and 0.9 ms
        // for each member to process instead of 82 KB and 2.0 ms, and a
        // commit of ten joins 4.9 KB instead of 3.1 KB. ts-mls (the
        // browser) has no way to put a path on Adds; its commits leave the
        // tree as is.
        let mut builder = group
            .commit_builder()
            .propose_adds(key_packages)
            .propose_removals(leaves);
        if let Some(extensions) = roster {
            builder = builder
                .propose_group_context_extensions(extensions)
                .map_err(mls)?;
        }
        let bundle = builder
            .force_self_update(true)
            .load_psks(provider.storage())
            .map_err(mls)?
            .build(provider.rand(), provider.crypto(), signer, |_| true)
            .map_err(mls)?
            .stage_commit(provider)
            .map_err(mls)?;
        let (commit, welcome, _) = bundle.into_messages();
        let welcome = welcome.as_ref().map(serialize).transpose()?;
        Ok((serialize(&commit)?, welcome))
    }

    pub fn merge_pending(&mut self) -> Result<(), GroupError> {
        let provider = &self.provider;
        let group = self.group.as_mut().ok_or(GroupError::NoGroup)?;
        if group.pending_commit().is_none() {
            return Err(GroupError::NoPendingCommit);
        }
        let started = std::time::SystemTime::now();
        group.merge_pending_commit(provider).map_err(mls)?;
        self.epoch_started(started);
        self.entered_epoch();
        Ok(())
    }

    /// Notes that an epoch started at `at` (taken before openmls made its
    /// secrets, so never later than their own timestamp).
    fn epoch_started(&mut self, at: std::time::SystemTime) {
        self.epoch_starts.push_back(at);
        while self.epoch_starts.len() > MAX_PAST_EPOCHS + 1 {
            self.epoch_starts.pop_front();
        }
    }

    /// Forgets the message secrets of every epoch that ended
    /// [`PAST_EPOCH_GRACE`] or more before `now`. Clients call it as time
    /// passes; openmls keeps at most [`MAX_PAST_EPOCHS`] in any case.
    pub fn forget_past_epochs(&mut self, now: std::time::SystemTime) -> Result<(), GroupError> {
        // The newest epoch that started at least the grace ago: every
        // epoch before it ended then or earlier.
        let Some(cutoff) = self.epoch_starts.iter().rev().copied().find(|start| {
            now.duration_since(*start)
                .is_ok_and(|d| d >= PAST_EPOCH_GRACE)
        }) else {
            return Ok(());
        };
        let provider = &self.provider;
        let group = self.group.as_mut().ok_or(GroupError::NoGroup)?;
        group
            .delete_past_epoch_secrets(provider, PastEpochDeletion::before_timestamp(cutoff))
            .map_err(mls)?;
        // Nothing before it is needed again.
        while self.epoch_starts.front().is_some_and(|s| *s < cutoff) {
            self.epoch_starts.pop_front();
        }
        Ok(())
    }

    pub fn discard_pending(&mut self) -> Result<(), GroupError> {
        let provider = &self.provider;
        let group = self.group.as_mut().ok_or(GroupError::NoGroup)?;
        group.clear_pending_commit(provider.storage()).map_err(mls)
    }

    /// Processes a handshake or application message from another member.
    pub fn process(&mut self, bytes: &[u8]) -> Result<Incoming, GroupError> {
        let message = parse_message(bytes)?
            .try_into_protocol_message()
            .map_err(|e| GroupError::Malformed(e.to_string()))?;
        let provider = &self.provider;
        let group = self.group.as_mut().ok_or(GroupError::NoGroup)?;
        let processed = group.process_message(provider, message).map_err(mls)?;
        let sender = match processed.sender() {
            Sender::Member(leaf) => Some(leaf.u32()),
            _ => None,
        };
        let committer = processed.sender().clone();
        // Who sent it, from the tree of the message's own epoch.
        let sent_by = identity_of(processed.credential()).map(|i| i.participant);
        match processed.into_content() {
            ProcessedMessageContent::StagedCommitMessage(staged) => {
                // The roster is parsed once per change: a commit that leaves
                // its bytes as they were (most, in a large meeting) reuses
                // this epoch's parse, and a changed one is parsed here and
                // kept for the next epoch's view. At 1000 members it is
                // 70 KB of JSON, and parsing it for the checks and again
                // for the view was a tenth of a member's work on a commit.
                let mut next_roster = None;
                if let Some(a) = &self.admission {
                    let view = Self::view_of(&self.view, group);
                    let bytes = staged
                        .group_context()
                        .extensions()
                        .unknown(ROSTER_EXTENSION)
                        .map(|e| &e.0);
                    let unchanged = view.roster.as_ref().map(|(b, _)| b) == bytes;
                    let parsed = bytes.filter(|_| !unchanged).and_then(|b| Roster::parse(b));
                    let after = if unchanged {
                        view.roster()
                    } else {
                        parsed.as_ref()
                    };
                    check_staged(&a.public, group, view.roster(), after, &committer, &staged)
                        .map_err(GroupError::Tampered)?;
                    if !unchanged {
                        next_roster = bytes.map(|b| (b.clone(), parsed));
                    }
                }
                let started = std::time::SystemTime::now();
                group.merge_staged_commit(provider, *staged).map_err(mls)?;
                self.epoch_started(started);
                if next_roster.is_some() {
                    // `renew` keeps a roster whose bytes it already holds.
                    self.view.roster = next_roster;
                }
                self.entered_epoch();
                Ok(Incoming::NewEpoch)
            }
            ProcessedMessageContent::ApplicationMessage(app) => {
                let sender = sender.unwrap_or(u32::MAX);
                // An unknown type is a later version's message: not ours
                // to show, not an attack.
                let Ok(message) = serde_json::from_slice::<AppMessage>(&app.into_bytes()) else {
                    return Ok(Incoming::Nothing);
                };
                // The writer, if its leaf still holds it: a message of a
                // past epoch may come from a leaf someone else holds now.
                let participant = Self::view_of(&self.view, group)
                    .participant(sender)
                    .filter(|p| sent_by == Some(*p));
                match message {
                    AppMessage::Chat { text } => Ok(Incoming::Chat {
                        sender: participant.is_some().then_some(sender),
                        text,
                    }),
                    AppMessage::Introduce { name } => {
                        let valid =
                            conclave_signaling::validate_name(&name).is_ok_and(|n| n == name);
                        match participant {
                            Some(p) if valid => {
                                self.introduced.insert(sender, (p, name));
                                Ok(Incoming::Introduced { sender })
                            }
                            _ => Ok(Incoming::Nothing),
                        }
                    }
                }
            }
            _ => Ok(Incoming::Nothing),
        }
    }

    /// Encrypts a chat message for the group.
    pub fn encrypt_chat(&mut self, text: &str) -> Result<Vec<u8>, GroupError> {
        self.encrypt_application(&AppMessage::Chat {
            text: text.to_owned(),
        })
    }

    fn encrypt_application(&mut self, message: &AppMessage) -> Result<Vec<u8>, GroupError> {
        let plaintext = serde_json::to_vec(message).map_err(mls)?;
        self.encrypt_application_bytes(&plaintext)
    }

    fn encrypt_application_bytes(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, GroupError> {
        let provider = &self.provider;
        let signer = &self.signer;
        let group = self.group.as_mut().ok_or(GroupError::NoGroup)?;
        let msg = group
            .create_message(provider, signer, plaintext)
            .map_err(mls)?;
        serialize(&msg)
    }
}

/// The admission checks on a commit from another member, before merging.
/// `roster_before` is the roster of `group`'s epoch.
fn check_staged(
    meeting: &MeetingPublicKey,
    group: &MlsGroup,
    roster_before: Option<&Roster>,
    roster_after: Option<&Roster>,
    sender: &Sender,
    staged: &StagedCommit,
) -> Result<(), String> {
    let Sender::Member(leaf) = sender else {
        return Err("the commit does not come from a member".into());
    };
    let committer = group
        .public_group()
        .leaf(*leaf)
        .map(|node| leaf_of(node.credential(), node.signature_key().as_slice()))
        .ok_or("the committer is not in the group")?;
    let proposals_allowed = staged.queued_proposals().all(|q| {
        matches!(q.sender(), Sender::Member(_))
            && matches!(
                q.proposal(),
                Proposal::Add(_)
                    | Proposal::Remove(_)
                    | Proposal::Update(_)
                    | Proposal::GroupContextExtensions(_)
            )
    });
    let added: Vec<Leaf> = staged
        .add_proposals()
        .map(|a| {
            let node = a.add_proposal().key_package().leaf_node();
            leaf_of(node.credential(), node.signature_key().as_slice())
        })
        .collect();
    admission::check_commit(
        meeting,
        &CommitView {
            committer: &committer,
            roster_before,
            roster_after,
            added: &added,
            proposals_allowed,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Alice creates and adds Bob.
    fn two() -> (Group, Group) {
        let mut alice = Group::new(1, "Alice").unwrap();
        let mut bob = Group::new(2, "Bob").unwrap();
        alice.create().unwrap();
        let out = alice
            .commit(&[(2, bob.key_package().unwrap())], &[])
            .unwrap();
        alice.merge_pending().unwrap();
        bob.join(&out.welcome.unwrap()).unwrap();
        (alice, bob)
    }

    /// Participants by id, and the Adds (id, KeyPackage) a commit takes.
    type Newcomers = (Vec<(u64, Group)>, Vec<(u64, Vec<u8>)>);

    /// Newcomers with the ids of `ids`, and their KeyPackages for a commit.
    fn newcomers(ids: std::ops::Range<u64>) -> Newcomers {
        let batch: Vec<(u64, Group)> = ids
            .map(|i| (i, Group::new(i, "someone").unwrap()))
            .collect();
        let adds = batch
            .iter()
            .map(|(i, g)| (*i, g.key_package().unwrap()))
            .collect();
        (batch, adds)
    }

    /// Alice creates, adds Bob and Carol; everyone agrees on everything.
    fn three() -> (Group, Group, Group) {
        let (mut alice, mut bob) = two();
        let mut carol = Group::new(3, "Carol").unwrap();
        let out = alice
            .commit(&[(3, carol.key_package().unwrap())], &[])
            .unwrap();
        alice.merge_pending().unwrap();
        assert_eq!(bob.process(&out.commit).unwrap(), Incoming::NewEpoch);
        carol.join(&out.welcome.unwrap()).unwrap();
        (alice, bob, carol)
    }

    /// The group runs on the key pairs its store keeps, and nothing of
    /// its tree or secrets is copied there (live_storage.rs).
    #[test]
    fn a_group_runs_with_its_tree_and_secrets_kept_out_of_the_store() {
        use openmls_traits::storage::StorageProvider as _;
        let (alice, mut bob, mut carol) = three();
        // A commit from a member who joined by Welcome (it needs its own
        // encryption key pairs from the store) and a chat across it.
        let out = bob.commit(&[], &[1]).unwrap();
        bob.merge_pending().unwrap();
        assert_eq!(carol.process(&out.commit).unwrap(), Incoming::NewEpoch);
        let hello = carol.encrypt_chat("still here").unwrap();
        assert!(matches!(
            bob.process(&hello).unwrap(),
            Incoming::Chat { .. }
        ));
        assert_eq!(
            *bob.sframe_base_key().unwrap(),
            *carol.sframe_base_key().unwrap()
        );
        for g in [&alice, &bob, &carol] {
            let id = g.group().unwrap().group_id().clone();
            let storage = g.provider.storage();
            let tree: Option<openmls::treesync::TreeSync> = storage.tree(&id).unwrap();
            let context: Option<GroupContext> = storage.group_context(&id).unwrap();
            assert!(tree.is_none() && context.is_none());
        }
    }

    /// A message sent on an epoch that the recipient has already left
    /// (the server handed it the next commit first) still opens, and the
    /// sender's introduction still names it, until the past epoch's grace
    /// has run out; then it is refused.
    #[test]
    fn messages_of_the_epoch_just_ended_open_until_its_grace_runs_out() {
        let (mut alice, mut bob, mut carol) = three();
        // Carol speaks on the current epoch...
        let late_hello = carol.encrypt_introduction().unwrap();
        let late_chat = carol.encrypt_chat("sent before the commit").unwrap();
        let later_chat = carol.encrypt_chat("also before").unwrap();
        // ...while Alice commits and Bob moves on before Carol's messages
        // reach him.
        let out = alice.commit(&[], &[]).unwrap();
        alice.merge_pending().unwrap();
        assert_eq!(bob.process(&out.commit).unwrap(), Incoming::NewEpoch);
        assert_eq!(
            bob.process(&late_hello).unwrap(),
            Incoming::Introduced { sender: 2 }
        );
        assert_eq!(
            bob.members().unwrap()[2].name.as_deref(),
            Some("Carol"),
            "the late introduction names its sender"
        );
        assert!(matches!(
            bob.process(&late_chat).unwrap(),
            Incoming::Chat {
                sender: Some(2),
                ..
            }
        ));
        // Nothing is forgotten within the grace; after it, the past epoch
        // is gone and its messages are refused.
        let now = std::time::SystemTime::now();
        bob.forget_past_epochs(now).unwrap();
        bob.forget_past_epochs(now + PAST_EPOCH_GRACE + std::time::Duration::from_secs(1))
            .unwrap();
        assert!(bob.process(&later_chat).is_err());
        // The current epoch is untouched.
        assert_eq!(carol.process(&out.commit).unwrap(), Incoming::NewEpoch);
        let hello = carol.encrypt_chat("now").unwrap();
        assert!(matches!(
            bob.process(&hello).unwrap(),
            Incoming::Chat {
                sender: Some(2),
                ..
            }
        ));
    }

    /// A chat written on an epoch that ended with its writer's removal,
    /// arriving after the commit that gave the writer's leaf to a joiner,
    /// is not put in the joiner's mouth.
    #[test]
    fn a_late_chat_is_not_attributed_to_whoever_holds_its_leaf_now() {
        let (mut alice, mut bob, mut carol) = three();
        let late = carol.encrypt_chat("written before my removal").unwrap();
        let dave = Group::new(4, "Dave").unwrap();
        let out = alice
            .commit(&[(4, dave.key_package().unwrap())], &[3])
            .unwrap();
        alice.merge_pending().unwrap();
        assert_eq!(bob.process(&out.commit).unwrap(), Incoming::NewEpoch);
        let dave_leaf = bob
            .members()
            .unwrap()
            .into_iter()
            .find(|m| m.participant == Some(4))
            .map(|m| m.leaf_index);
        assert_eq!(dave_leaf, Some(2), "Dave took Carol's leaf");
        assert_eq!(
            bob.process(&late).unwrap(),
            Incoming::Chat {
                sender: None,
                text: "written before my removal".into()
            }
        );
    }

    /// Messages written several epochs back open with the keys their
    /// writers held then, whichever later commit changed their leaves:
    /// openmls keeps of each past epoch only the leaves its commit
    /// changed (vendor/README.md), so a past leaf is read through every
    /// epoch since. Carol's leaf is the tree's last: her removal also
    /// shortens the tree.
    #[test]
    fn messages_from_several_epochs_back_open_with_their_writers_keys() {
        let (mut alice, mut bob, mut carol) = three();
        let from_carol = carol.encrypt_chat("before my removal").unwrap();
        let from_bob = bob.encrypt_chat("before two commits").unwrap();
        let removal = alice.commit(&[], &[3]).unwrap();
        alice.merge_pending().unwrap();
        let rekey = alice.commit(&[], &[]).unwrap();
        alice.merge_pending().unwrap();
        let mut dave = Group::new(4, "Dave").unwrap();
        let add = alice
            .commit(&[(4, dave.key_package().unwrap())], &[])
            .unwrap();
        alice.merge_pending().unwrap();
        dave.join(&add.welcome.unwrap()).unwrap();
        for commit in [&removal.commit, &rekey.commit, &add.commit] {
            assert_eq!(bob.process(commit).unwrap(), Incoming::NewEpoch);
        }
        assert_eq!(
            bob.members().unwrap()[2].participant,
            Some(4),
            "Dave holds Carol's old leaf"
        );
        assert_eq!(
            bob.process(&from_carol).unwrap(),
            Incoming::Chat {
                sender: None,
                text: "before my removal".into()
            }
        );
        assert_eq!(
            alice.process(&from_bob).unwrap(),
            Incoming::Chat {
                sender: Some(1),
                text: "before two commits".into()
            }
        );
        // Someone who was never in that epoch cannot be read into it.
        assert!(dave.process(&from_bob).is_err());
    }

    /// Every commit carries an update path, Adds alone too, so a group
    /// whose newest member commits each batch of joins (as the delivery
    /// service asks in large meetings) ends with its tree's parents filled,
    /// and a removal is encrypted to a few subtrees. When one member makes
    /// every commit, the rest of the tree stays blank and the same removal
    /// is encrypted to nearly every member. Either way everyone who stays
    /// agrees on the keys and the removed member is out.
    #[test]
    fn joins_committed_by_the_newest_member_keep_a_removal_small() {
        fn removal_size(by_newest: bool) -> usize {
            let (mut first, mut watcher) = two();
            let mut newest: Option<Group> = None;
            let mut next = 3;
            while next <= 64 {
                let (mut batch, adds) = newcomers(next..(next + 8).min(65));
                next += batch.len() as u64;
                let out = match newest.as_mut().filter(|_| by_newest) {
                    Some(n) => {
                        let out = n.commit(&adds, &[]).unwrap();
                        n.merge_pending().unwrap();
                        first.process(&out.commit).unwrap();
                        out
                    }
                    None => {
                        let out = first.commit(&adds, &[]).unwrap();
                        first.merge_pending().unwrap();
                        out
                    }
                };
                assert_eq!(watcher.process(&out.commit).unwrap(), Incoming::NewEpoch);
                let (_, mut last) = batch.pop().unwrap();
                last.join(&out.welcome.unwrap()).unwrap();
                newest = Some(last);
            }
            let committer = match newest.as_mut().filter(|_| by_newest) {
                Some(n) => n,
                None => &mut first,
            };
            let removal = committer.commit(&[], &[10]).unwrap();
            committer.merge_pending().unwrap();
            assert_eq!(
                watcher.process(&removal.commit).unwrap(),
                Incoming::NewEpoch
            );
            assert_eq!(
                *committer.sframe_base_key().unwrap(),
                *watcher.sframe_base_key().unwrap()
            );
            assert!(!watcher.participants().contains(&10));
            removal.commit.len()
        }
        let filled = removal_size(true);
        let blank = removal_size(false);
        assert!(
            filled * 3 < blank,
            "a removal of {filled} bytes in the filled tree, {blank} in the blank one"
        );
    }

    /// In a meeting with a lobby one host commits every admission, and its
    /// commits carry a path (the roster changes with each). Paths from
    /// other members in between (the delivery service asks the newest
    /// settled member for an update after a host's admissions in a large
    /// group) fill the tree beside the host's path, so its next admission
    /// is encrypted to a few subtrees rather than to every member's leaf.
    #[test]
    fn members_updates_between_a_hosts_admissions_keep_them_small() {
        fn next_admission_size(members_update: bool, size: u64) -> usize {
            let (mut host, mut watcher) = two();
            let mut newest: Option<Group> = None;
            let mut next = 3;
            let admit = |next: &mut u64,
                         host: &mut Group,
                         watcher: &mut Group,
                         newest: &mut Option<Group>| {
                let (mut batch, adds) = newcomers(*next..*next + 8);
                *next += batch.len() as u64;
                let out = host.commit(&adds, &[]).unwrap();
                host.merge_pending().unwrap();
                assert_eq!(watcher.process(&out.commit).unwrap(), Incoming::NewEpoch);
                if let Some(n) = newest.as_mut() {
                    n.process(&out.commit).unwrap();
                }
                let (_, mut last) = batch.pop().unwrap();
                last.join(&out.welcome.unwrap()).unwrap();
                let settled = newest.replace(last);
                (out.commit.len(), settled)
            };
            while next < size {
                let (_, settled) = admit(&mut next, &mut host, &mut watcher, &mut newest);
                if let Some(mut m) = settled.filter(|_| members_update) {
                    let out = m.commit(&[], &[]).unwrap();
                    m.merge_pending().unwrap();
                    for g in [&mut host, &mut watcher] {
                        assert_eq!(g.process(&out.commit).unwrap(), Incoming::NewEpoch);
                    }
                    if let Some(n) = newest.as_mut() {
                        n.process(&out.commit).unwrap();
                    }
                }
            }
            let (size, _) = admit(&mut next, &mut host, &mut watcher, &mut newest);
            size
        }
        // 3,957 against 8,303 bytes at 64 members; 4,316 against 45,158 at
        // 512 (the path, without a roster: eight KeyPackages are 2.4 KB).
        let filled = next_admission_size(true, 64);
        let blank = next_admission_size(false, 64);
        assert!(
            filled * 2 < blank,
            "an admission of {filled} bytes with members' updates between, {blank} without"
        );
    }

    /// Members keep each node's tree hash from one commit to the next (the
    /// openmls patch in vendor/README.md). A tree that grows, loses its
    /// right end, fills its blanks and grows again, with commits made by
    /// different members, with and without a path, must hash for each
    /// member as it does for a joiner who hashes it whole from the Welcome;
    /// a stale hash would fail a commit's confirmation or a join.
    #[test]
    fn cached_tree_hashes_agree_with_a_tree_hashed_whole_through_churn() {
        let (mut alice, mut bob) = two();
        let mut others: Vec<u64> = Vec::new();
        let mut next_id = 3u64;
        // A fixed sequence from a small LCG: reproducible, no dependency.
        let mut seed = 0x2545_f491_u64;
        let mut roll = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for round in 0..40 {
            let (committer, member) = if round % 3 == 2 {
                (&mut bob, &mut alice)
            } else {
                (&mut alice, &mut bob)
            };
            let mut joiners = Vec::new();
            let mut adds = Vec::new();
            for _ in 0..roll(4) {
                let joiner = Group::new(next_id, "someone").unwrap();
                adds.push((next_id, joiner.key_package().unwrap()));
                joiners.push((next_id, joiner));
                next_id += 1;
            }
            let mut removes = Vec::new();
            if !others.is_empty() {
                // Often the newest (the tree's right end, so it shrinks).
                for _ in 0..roll(3) {
                    let at = if roll(2) == 0 {
                        others.len() - 1
                    } else {
                        roll(others.len() as u64) as usize
                    };
                    let gone = others.remove(at);
                    removes.push(gone);
                    if others.is_empty() {
                        break;
                    }
                }
            }
            let out = committer.commit(&adds, &removes).unwrap();
            committer.merge_pending().unwrap();
            assert_eq!(
                member.process(&out.commit).unwrap(),
                Incoming::NewEpoch,
                "round {round}"
            );
            if let Some(welcome) = out.welcome {
                // Only the first joiner of each round is kept as a client;
                // its tree is hashed whole and must match.
                if let Some((id, mut joiner)) = joiners.into_iter().next() {
                    joiner.join(&welcome).unwrap();
                    assert_eq!(
                        joiner.security_code().unwrap(),
                        alice.security_code().unwrap(),
                        "round {round}: joiner {id}"
                    );
                }
                others.extend(adds.iter().map(|(id, _)| *id));
            }
            assert_eq!(
                alice.security_code().unwrap(),
                bob.security_code().unwrap(),
                "round {round}"
            );
            assert_eq!(
                *alice.sframe_base_key().unwrap(),
                *bob.sframe_base_key().unwrap()
            );
        }
    }

    #[test]
    fn members_agree_on_epoch_keys_code_and_roster() {
        let (alice, bob, carol) = three();
        for g in [&bob, &carol] {
            assert_eq!(g.epoch().unwrap(), alice.epoch().unwrap());
            assert_eq!(
                *g.sframe_base_key().unwrap(),
                *alice.sframe_base_key().unwrap()
            );
            assert_eq!(g.security_code().unwrap(), alice.security_code().unwrap());
        }
        let ids: Vec<Option<u64>> = carol
            .members()
            .unwrap()
            .into_iter()
            .map(|m| m.participant)
            .collect();
        assert_eq!(ids, [Some(1), Some(2), Some(3)]);
    }

    /// Without admission, names come only from introductions inside the
    /// group: none from the credential (which the server sees), a valid one
    /// from the member itself, and a forged one (not what the name rules
    /// make) is ignored.
    #[test]
    fn without_admission_members_are_named_by_their_own_introductions() {
        let (mut alice, mut bob, mut carol) = three();
        let names = |g: &Group| -> Vec<Option<String>> {
            g.members().unwrap().into_iter().map(|m| m.name).collect()
        };
        // Carol knows only her own name.
        assert_eq!(names(&carol), [None, None, Some("Carol".into())]);
        assert!(alice.needs_introduction());
        let hello = alice.encrypt_introduction().unwrap();
        assert_eq!(
            carol.process(&hello).unwrap(),
            Incoming::Introduced { sender: 0 }
        );
        assert_eq!(
            names(&carol),
            [Some("Alice".into()), None, Some("Carol".into())]
        );
        // Bob's client is tampered with to claim a name the rules refuse.
        bob.own_name = "Alice\u{202E}".into();
        let forged = bob.encrypt_introduction().unwrap();
        assert_eq!(carol.process(&forged).unwrap(), Incoming::Nothing);
        assert_eq!(carol.members().unwrap()[1].name, None);
        // A later version's message type is ignored, not an error.
        let later = bob
            .encrypt_application_bytes(br#"{"type":"reaction","emoji":"+1"}"#)
            .unwrap();
        assert_eq!(carol.process(&later).unwrap(), Incoming::Nothing);
        // Alice leaves: her introduction goes with her leaf, and the leaf's
        // next holder does not inherit it.
        let out = bob.commit(&[], &[1]).unwrap();
        bob.merge_pending().unwrap();
        carol.process(&out.commit).unwrap();
        assert!(carol.introduced.is_empty());
        assert_eq!(names(&carol), [None, Some("Carol".into())]);
    }

    /// The identities and roster kept per epoch are exactly what parsing
    /// the group afresh gives, through joins, departures and a leaf that
    /// passes to someone else; an introduction does not survive its leaf
    /// changing hands.
    #[test]
    fn the_epoch_view_agrees_with_the_group_through_churn() {
        let (mut alice, mut bob, mut carol) = three();
        let fresh = |g: &Group| -> Vec<(u32, Option<u64>)> {
            g.group
                .as_ref()
                .unwrap()
                .members()
                .map(|m| {
                    (
                        m.index.u32(),
                        identity_of(&m.credential).map(|i| i.participant),
                    )
                })
                .collect()
        };
        let kept = |g: &Group| -> Vec<(u32, Option<u64>)> {
            g.members()
                .unwrap()
                .into_iter()
                .map(|m| (m.leaf_index, m.participant))
                .collect()
        };
        let hello = bob.encrypt_introduction().unwrap();
        carol.process(&hello).unwrap();
        assert_eq!(carol.introduced.get(&1).map(|(p, _)| *p), Some(2));
        // In one commit Bob leaves and Dave joins, taking his leaf.
        let mut dave = Group::new(4, "Dave").unwrap();
        let out = alice
            .commit(&[(4, dave.key_package().unwrap())], &[2])
            .unwrap();
        alice.merge_pending().unwrap();
        carol.process(&out.commit).unwrap();
        dave.join(&out.welcome.unwrap()).unwrap();
        for g in [&alice, &carol, &dave] {
            assert_eq!(kept(g), fresh(g));
            assert_eq!(g.participants().into_iter().collect::<Vec<_>>(), [1, 3, 4]);
            assert_eq!(g.view.epoch, g.epoch().unwrap());
        }
        assert_eq!(kept(&carol), [(0, Some(1)), (1, Some(4)), (2, Some(3))]);
        assert!(carol.introduced.is_empty(), "Bob's name left with his leaf");
        // A view that missed a change is never read: one is made afresh.
        let stale = std::mem::take(&mut carol.view);
        assert_eq!(kept(&carol), fresh(&carol));
        assert_eq!(carol.participants().len(), 3);
        carol.view = stale;
    }

    #[test]
    fn chat_travels_in_its_envelope() {
        let (mut alice, _bob, mut carol) = three();
        let ct = alice.encrypt_chat("<b>hi</b>").unwrap();
        assert_eq!(
            carol.process(&ct).unwrap(),
            Incoming::Chat {
                sender: Some(0),
                text: "<b>hi</b>".into()
            }
        );
    }

    #[test]
    fn removal_moves_everyone_else_to_a_key_the_removed_never_sees() {
        let (mut alice, mut bob, carol) = three();
        let before = *carol.sframe_base_key().unwrap();
        let code_before = alice.security_code().unwrap();
        let out = alice.commit(&[], &[3]).unwrap();
        assert!(out.welcome.is_none());
        assert_eq!(out.removed, [3]);
        alice.merge_pending().unwrap();
        bob.process(&out.commit).unwrap();
        assert_eq!(
            *alice.sframe_base_key().unwrap(),
            *bob.sframe_base_key().unwrap()
        );
        assert_ne!(*alice.sframe_base_key().unwrap(), before);
        assert_ne!(alice.security_code().unwrap(), code_before);
        assert_eq!(alice.members().unwrap().len(), 2);
    }

    #[test]
    fn a_key_package_naming_someone_else_is_left_out() {
        let mut alice = Group::new(1, "Alice").unwrap();
        alice.create().unwrap();
        let mallory = Group::new(9, "Mallory").unwrap();
        // The server claims this KeyPackage belongs to participant 2.
        let out = alice
            .commit(&[(2, mallory.key_package().unwrap())], &[])
            .unwrap();
        assert!(out.welcome.is_none());
        assert!(out.added.is_empty());
        assert_eq!(out.refused.len(), 1);
        assert_eq!(alice.members().unwrap().len(), 1);
    }

    /// Review item 4: one junk KeyPackage among honest ones is left out and
    /// reported; the others are added in the same commit.
    #[test]
    fn a_junk_key_package_does_not_block_the_other_adds() {
        let mut alice = Group::new(1, "Alice").unwrap();
        alice.create().unwrap();
        let mut bob = Group::new(2, "Bob").unwrap();
        let carol = Group::new(3, "Carol").unwrap();
        let out = alice
            .commit(
                &[
                    (9, vec![0xde, 0xad, 0xbe, 0xef]),
                    (2, bob.key_package().unwrap()),
                    (3, carol.key_package().unwrap()),
                ],
                &[],
            )
            .unwrap();
        assert_eq!(out.added, [2, 3]);
        assert_eq!(out.refused.iter().map(|r| r.0).collect::<Vec<_>>(), [9]);
        alice.merge_pending().unwrap();
        bob.join(&out.welcome.unwrap()).unwrap();
        assert_eq!(bob.members().unwrap().len(), 3);
    }

    /// Review item 1: an id above 2^53 cannot be put into a credential, and a
    /// credential carrying one is not read as a participant.
    #[test]
    fn ids_above_two_to_the_53_are_refused() {
        assert!(Group::new(conclave_signaling::MAX_ID + 2, "Eve").is_err());
        let forged = credential_with(br#"{"participant":9007199254740993}"#);
        assert!(identity_of(&forged).is_none());
        let fine = credential_with(br#"{"participant":9007199254740991}"#);
        assert!(identity_of(&fine).is_some());
    }

    /// Both clients read credentials byte-exactly: anything but the
    /// canonical JSON (spaces, extra fields such as the old name, 2.0 for 2)
    /// is not a readable identity.
    #[test]
    fn only_canonical_credentials_are_readable() {
        for junk in [
            &br#"{"participant": 2}"#[..],
            br#"{"participant":2.0}"#,
            br#"{"participant":2,"name":"Bob"}"#,
            br#"{"participant":2,"host":true}"#,
            br#"{"participant":"2"}"#,
            b"\xff\xfe",
        ] {
            assert!(identity_of(&credential_with(junk)).is_none(), "{junk:?}");
        }
        assert!(identity_of(&credential_with(br#"{"participant":2}"#)).is_some());
    }

    fn credential_with(identity: &[u8]) -> Credential {
        BasicCredential::new(identity.to_vec()).into()
    }

    /// A leaf whose credential cannot be read is listed (as unknown), never
    /// dropped: the member count is exactly the group's.
    #[test]
    fn an_unreadable_leaf_is_listed_as_an_unknown_member() {
        let mut mallory = Group::new(1, "Mallory").unwrap();
        mallory.credential.credential = credential_with(b"not json");
        // Re-store the signer under the new credential's key (unchanged).
        mallory.create().unwrap();
        let mut bob = Group::new(2, "Bob").unwrap();
        let out = mallory
            .commit(&[(2, bob.key_package().unwrap())], &[])
            .unwrap();
        mallory.merge_pending().unwrap();
        bob.join(&out.welcome.unwrap()).unwrap();
        let members = bob.members().unwrap();
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].participant, None);
        assert_eq!(members[0].name, None);
        assert_eq!(members[1].participant, Some(2));
    }

    #[test]
    fn chat_round_trips_and_garbage_is_refused() {
        let (mut alice, mut bob, _) = three();
        let ct = alice.encrypt_chat("hello, group").unwrap();
        assert!(!ct.windows(5).any(|w| w == b"hello"));
        assert_eq!(
            bob.process(&ct).unwrap(),
            Incoming::Chat {
                sender: Some(0),
                text: "hello, group".into()
            }
        );
        assert!(bob.process(b"garbage").is_err());
        assert!(bob.join(b"garbage").is_err());
    }

    #[test]
    fn a_discarded_commit_leaves_the_epoch_unchanged() {
        let (mut alice, _, _) = three();
        let epoch = alice.epoch().unwrap();
        alice.commit(&[], &[]).unwrap();
        alice.discard_pending().unwrap();
        assert_eq!(alice.epoch().unwrap(), epoch);
        assert!(matches!(
            alice.merge_pending(),
            Err(GroupError::NoPendingCommit)
        ));
    }

    #[test]
    fn a_non_hosts_add_is_refused_by_members_and_joiners() {
        let key = MeetingKey::generate().unwrap();
        let copy = || MeetingKey::from_link_part(&key.to_link_part()).unwrap();
        let mut ada = Group::new(1, "Ada").unwrap();
        ada.enforce(key.public(), Some(copy()));
        ada.create().unwrap();
        let mut grace = Group::new(2, "Grace").unwrap();
        grace.enforce(key.public(), None);
        let kp = grace.key_package().unwrap();
        ada.admit(2, kp.clone(), "Grace".into());
        let add = |p: u64, kp: &[u8]| AddRequest {
            participant: p,
            key_package: kp.to_vec(),
            knock: true,
            host_endorsement: None,
        };
        let out = ada.commit_requests(&[add(2, &kp)], &[]).unwrap();
        assert_eq!(out.added, [2], "{:?}", out.refused);
        ada.merge_pending().unwrap();
        grace.join(&out.welcome.unwrap()).unwrap();

        let mut eve = Group::new(3, "Eve").unwrap();
        eve.enforce(key.public(), None);
        let eve_kp = eve.key_package().unwrap();
        // Grace's client turned malicious: no checks on its own commits.
        grace.admission = None;
        let out = grace.commit(&[(3, eve_kp)], &[]).unwrap();
        assert_eq!(out.added, [3]);
        assert!(matches!(
            ada.process(&out.commit),
            Err(GroupError::Tampered(_))
        ));
        assert!(matches!(
            eve.join(&out.welcome.unwrap()),
            Err(GroupError::Tampered(_))
        ));
        assert!(!eve.in_group(), "a refused Welcome leaves no group behind");
    }

    /// A malicious delivery service holds a GroupInfo (any member's, or one
    /// it kept) and lets an outsider join by external commit, which needs no
    /// member's commit at all: every enforcing member refuses it.
    #[test]
    fn an_external_commit_is_refused_by_every_member() {
        let key = MeetingKey::generate().unwrap();
        let mut ada = Group::new(1, "Ada").unwrap();
        ada.enforce(
            key.public(),
            Some(MeetingKey::from_link_part(&key.to_link_part()).unwrap()),
        );
        ada.create().unwrap();
        let group_info = ada
            .group()
            .unwrap()
            .export_group_info(ada.provider.crypto(), &ada.signer, true)
            .unwrap();
        let MlsMessageBodyIn::GroupInfo(verifiable) =
            parse_message(&serialize(&group_info).unwrap())
                .unwrap()
                .extract()
        else {
            panic!("a GroupInfo");
        };
        let mallory = Group::new(9, "Mallory").unwrap();
        let (_, bundle) = MlsGroup::external_commit_builder()
            .with_config(Group::join_config())
            .build_group(&mallory.provider, verifiable, mallory.credential.clone())
            .unwrap()
            .leaf_node_parameters(
                LeafNodeParameters::builder()
                    .with_capabilities(capabilities())
                    .build(),
            )
            .load_psks(mallory.provider.storage())
            .unwrap()
            .build(
                mallory.provider.rand(),
                mallory.provider.crypto(),
                &mallory.signer,
                |_| true,
            )
            .unwrap()
            .finalize(&mallory.provider)
            .unwrap();
        let (commit, ..) = bundle.into_contents();
        let epoch = ada.epoch().unwrap();
        match ada.process(&serialize(&commit).unwrap()) {
            Err(GroupError::Tampered(reason)) => assert!(reason.contains("member"), "{reason}"),
            other => panic!("an external commit must be refused as tampering: {other:?}"),
        }
        assert_eq!(ada.epoch().unwrap(), epoch, "nothing was merged");
    }
}
