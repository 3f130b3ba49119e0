//! The meeting key (docs/admission.md): a 32-byte seed the organiser's
//! client draws when it creates a meeting, carried only in the host link's
//! fragment. From it come an Ed25519 key that endorses hosts and an HPKE
//! key (RFC 9180) that knocks are sealed to. The participant link carries
//! the two public keys; the server sees neither.
//!
//! Primitives come from the crates openmls already uses (`ed25519-dalek`,
//! `hkdf`, and the HPKE of `openmls_rust_crypto`); this module only wires
//! them to the contract's labels and encodings.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use hkdf::Hkdf;
use openmls_rust_crypto::OpenMlsRustCrypto;
use openmls_traits::OpenMlsProvider as _;
use openmls_traits::crypto::OpenMlsCrypto as _;
use openmls_traits::random::OpenMlsRand as _;
use openmls_traits::types::{HpkeAeadType, HpkeCiphertext, HpkeConfig, HpkeKdfType, HpkeKemType};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

const SIGNING_INFO: &[u8] = b"conclave meeting signing key v1";
const KNOCK_INFO: &[u8] = b"conclave meeting knock key v1";
const KNOCK_SEAL_INFO: &str = "conclave knock v1 ";
const COHOST_SEAL_INFO: &str = "conclave cohost v1 ";
/// HPKE info for a recording's sealed epoch keys (docs/recording.md).
const RECORDING_SEAL_INFO: &str = "conclave recording v1";
const ENDORSEMENT_LABEL: &[u8] = b"conclave host v1";
/// X25519's encapsulated key: the first bytes of a sealed knock.
const ENC_LEN: usize = 32;

const HPKE: HpkeConfig = HpkeConfig(
    HpkeKemType::DhKem25519,
    HpkeKdfType::HkdfSha256,
    HpkeAeadType::AesGcm128,
);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MeetingKeyError {
    #[error("the meeting key in the link is malformed")]
    MalformedKey,
    #[error("the knock is malformed")]
    MalformedKnock,
    #[error("the knock does not open with this meeting's key")]
    KnockDoesNotOpen,
    #[error("the knock's contents are malformed: {0}")]
    KnockContents(String),
    #[error("this key does not open the recording (a wrong key, or another meeting's)")]
    RecordingDoesNotOpen,
    #[error("a recording's sealed keys are malformed: {0}")]
    RecordingContents(String),
    #[error("sealing failed: {0}")]
    Seal(String),
}

/// What a knocker seals: who the server says it is, the name it typed and
/// its KeyPackage (base64 MLSMessage).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knock {
    pub participant: u64,
    pub name: String,
    pub key_package: String,
    /// The knocker's own HPKE public key (base64, X25519), so a host can
    /// later seal the meeting key to it when promoting it to co-host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub box_key: Option<String>,
}

/// A participant's own HPKE key pair for receiving the meeting key when a
/// host promotes it. No `Debug`: it holds a private key.
pub struct BoxKey {
    private: Zeroizing<Vec<u8>>,
    public: Vec<u8>,
}

impl BoxKey {
    pub fn generate() -> Result<Self, MeetingKeyError> {
        let provider = OpenMlsRustCrypto::default();
        let ikm: Zeroizing<[u8; 32]> = Zeroizing::new(
            provider
                .rand()
                .random_array()
                .map_err(|e| MeetingKeyError::Seal(format!("{e:?}")))?,
        );
        let pair = provider
            .crypto()
            .derive_hpke_keypair(HPKE, ikm.as_slice())
            .map_err(|e| MeetingKeyError::Seal(format!("{e:?}")))?;
        Ok(Self {
            private: Zeroizing::new(pair.private.to_vec()),
            public: pair.public,
        })
    }

    /// For the knock's `box_key`.
    pub fn public_b64(&self) -> String {
        STANDARD.encode(&self.public)
    }

    /// Opens the meeting key a host sealed to this box for `meeting_id`.
    pub fn open_meeting_key(
        &self,
        meeting_id: &str,
        sealed: &str,
    ) -> Result<MeetingKey, MeetingKeyError> {
        let plaintext = open(
            &self.private,
            &format!("{COHOST_SEAL_INFO}{meeting_id}"),
            sealed,
        )?;
        let seed: [u8; 32] = plaintext
            .as_slice()
            .try_into()
            .map_err(|_| MeetingKeyError::MalformedKey)?;
        MeetingKey::from_seed(Zeroizing::new(seed))
    }
}

/// One epoch of a recording, as a host's client seals it to the recording
/// key: what opens the epoch's media, and who was in the group. No `Debug`:
/// it holds the epoch's base key.
pub struct RecordingEpoch {
    pub epoch: u64,
    pub base_key: Zeroizing<[u8; crate::media::BASE_KEY_LEN]>,
    pub members: Vec<RecordedMember>,
}

/// A member of a recorded epoch: its MLS leaf (the KID's sender index), its
/// participant id and the name its credential carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedMember {
    pub leaf: u32,
    pub participant: u64,
    pub name: String,
}

/// The sealed plaintext's JSON (docs/recording.md).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordingEpochWire {
    epoch: u64,
    base_key: String,
    members: Vec<RecordedMember>,
}

impl RecordingEpoch {
    fn to_json(&self) -> Result<Zeroizing<Vec<u8>>, MeetingKeyError> {
        let wire = RecordingEpochWire {
            epoch: self.epoch,
            base_key: STANDARD.encode(self.base_key.as_slice()),
            members: self.members.clone(),
        };
        let json = serde_json::to_vec(&wire).map_err(|e| MeetingKeyError::Seal(e.to_string()));
        // The encoded key is erased like the key itself.
        drop(Zeroizing::new(wire.base_key));
        json.map(Zeroizing::new)
    }

    fn from_json(bytes: &[u8]) -> Result<Self, MeetingKeyError> {
        let wire: RecordingEpochWire = serde_json::from_slice(bytes)
            .map_err(|e| MeetingKeyError::RecordingContents(e.to_string()))?;
        let encoded = Zeroizing::new(wire.base_key);
        let raw =
            Zeroizing::new(STANDARD.decode(encoded.as_bytes()).map_err(|_| {
                MeetingKeyError::RecordingContents("base_key is not base64".into())
            })?);
        let base_key: [u8; crate::media::BASE_KEY_LEN] =
            raw.as_slice().try_into().map_err(|_| {
                MeetingKeyError::RecordingContents("base_key has the wrong length".into())
            })?;
        Ok(Self {
            epoch: wire.epoch,
            base_key: Zeroizing::new(base_key),
            members: wire.members,
        })
    }
}

/// An organisation's own recording key (an archive team holds it, not the
/// meeting's hosts): an HPKE key pair from a 32-byte seed kept in a file.
/// No `Debug`: it holds the private key.
pub struct RecordingKeyPair {
    seed: Zeroizing<[u8; 32]>,
    private: Zeroizing<Vec<u8>>,
    public: Vec<u8>,
}

impl RecordingKeyPair {
    pub fn generate() -> Result<Self, MeetingKeyError> {
        let seed: [u8; 32] = OpenMlsRustCrypto::default()
            .rand()
            .random_array()
            .map_err(|e| MeetingKeyError::Seal(format!("{e:?}")))?;
        Self::from_seed(Zeroizing::new(seed))
    }

    fn from_seed(seed: Zeroizing<[u8; 32]>) -> Result<Self, MeetingKeyError> {
        let pair = OpenMlsRustCrypto::default()
            .crypto()
            .derive_hpke_keypair(HPKE, seed.as_slice())
            .map_err(|e| MeetingKeyError::Seal(format!("{e:?}")))?;
        Ok(Self {
            seed,
            private: Zeroizing::new(pair.private.to_vec()),
            public: pair.public,
        })
    }

    /// The private key file's text: `conclave-recording-key:` and the seed
    /// in base64url.
    pub fn to_private_text(&self) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "{RECORDING_PRIVATE_PREFIX}{}",
            URL_SAFE_NO_PAD.encode(self.seed.as_slice())
        ))
    }

    pub fn from_private_text(text: &str) -> Result<Self, MeetingKeyError> {
        let encoded = text
            .trim()
            .strip_prefix(RECORDING_PRIVATE_PREFIX)
            .ok_or(MeetingKeyError::MalformedKey)?;
        let raw = Zeroizing::new(
            URL_SAFE_NO_PAD
                .decode(encoded)
                .map_err(|_| MeetingKeyError::MalformedKey)?,
        );
        let seed: [u8; 32] = raw
            .as_slice()
            .try_into()
            .map_err(|_| MeetingKeyError::MalformedKey)?;
        Self::from_seed(Zeroizing::new(seed))
    }

    /// The public key (base64url) that clients seal to.
    pub fn public_text(&self) -> String {
        URL_SAFE_NO_PAD.encode(&self.public)
    }
}

/// The prefix of an organisation recording key's private file.
pub const RECORDING_PRIVATE_PREFIX: &str = "conclave-recording-key:";

/// Seals a recorded epoch to a recording public key (a meeting's, from its
/// link, or an organisation's, base64url).
pub fn seal_recording_epoch(
    public: &[u8],
    epoch: &RecordingEpoch,
) -> Result<String, MeetingKeyError> {
    let plaintext = epoch.to_json()?;
    seal(public, RECORDING_SEAL_INFO, &plaintext)
}

/// Whatever can open a recording's sealed epochs.
pub trait RecordingOpener {
    fn open_recording_epoch(&self, sealed: &str) -> Result<RecordingEpoch, MeetingKeyError>;
}

impl RecordingOpener for RecordingKeyPair {
    fn open_recording_epoch(&self, sealed: &str) -> Result<RecordingEpoch, MeetingKeyError> {
        let plaintext = open(&self.private, RECORDING_SEAL_INFO, sealed).map_err(|e| match e {
            MeetingKeyError::KnockDoesNotOpen => MeetingKeyError::RecordingDoesNotOpen,
            e => e,
        })?;
        RecordingEpoch::from_json(&plaintext)
    }
}

impl RecordingOpener for MeetingKey {
    fn open_recording_epoch(&self, sealed: &str) -> Result<RecordingEpoch, MeetingKeyError> {
        let plaintext =
            open(&self.knock_private, RECORDING_SEAL_INFO, sealed).map_err(|e| match e {
                MeetingKeyError::KnockDoesNotOpen => MeetingKeyError::RecordingDoesNotOpen,
                e => e,
            })?;
        RecordingEpoch::from_json(&plaintext)
    }
}

/// HPKE base-mode seal, as `enc || ciphertext` in base64.
fn seal(public: &[u8], info: &str, plaintext: &[u8]) -> Result<String, MeetingKeyError> {
    let sealed = OpenMlsRustCrypto::default()
        .crypto()
        .hpke_seal(HPKE, public, info.as_bytes(), &[], plaintext)
        .map_err(|e| MeetingKeyError::Seal(format!("{e:?}")))?;
    let mut out = sealed.kem_output.as_slice().to_vec();
    out.extend_from_slice(sealed.ciphertext.as_slice());
    Ok(STANDARD.encode(out))
}

fn open(private: &[u8], info: &str, sealed: &str) -> Result<Zeroizing<Vec<u8>>, MeetingKeyError> {
    let bytes = STANDARD
        .decode(sealed)
        .map_err(|_| MeetingKeyError::MalformedKnock)?;
    if bytes.len() <= ENC_LEN {
        return Err(MeetingKeyError::MalformedKnock);
    }
    let (enc, ciphertext) = bytes.split_at(ENC_LEN);
    let input = HpkeCiphertext {
        kem_output: enc.to_vec().into(),
        ciphertext: ciphertext.to_vec().into(),
    };
    OpenMlsRustCrypto::default()
        .crypto()
        .hpke_open(HPKE, &input, private, info.as_bytes(), &[])
        .map(Zeroizing::new)
        .map_err(|_| MeetingKeyError::KnockDoesNotOpen)
}

/// The public half, from a participant link's `pub=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeetingPublicKey {
    signing: [u8; 32],
    knock: [u8; 32],
}

impl MeetingPublicKey {
    pub fn from_link_part(text: &str) -> Result<Self, MeetingKeyError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| MeetingKeyError::MalformedKey)?;
        let (signing, knock) = bytes
            .split_first_chunk::<32>()
            .and_then(|(s, rest)| Some((*s, *<&[u8; 32]>::try_from(rest).ok()?)))
            .ok_or(MeetingKeyError::MalformedKey)?;
        VerifyingKey::from_bytes(&signing).map_err(|_| MeetingKeyError::MalformedKey)?;
        Ok(Self { signing, knock })
    }

    /// The HPKE public key knocks and, by default, recordings are sealed to.
    pub fn recording_public(&self) -> [u8; 32] {
        self.knock
    }

    pub fn to_link_part(&self) -> String {
        let mut bytes = [0u8; 64];
        bytes[..32].copy_from_slice(&self.signing);
        bytes[32..].copy_from_slice(&self.knock);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Seals a knock to this meeting (base64 of `enc || ciphertext`).
    pub fn seal_knock(&self, meeting_id: &str, knock: &Knock) -> Result<String, MeetingKeyError> {
        let plaintext = Zeroizing::new(
            serde_json::to_vec(knock).map_err(|e| MeetingKeyError::Seal(e.to_string()))?,
        );
        seal(
            &self.knock,
            &format!("{KNOCK_SEAL_INFO}{meeting_id}"),
            &plaintext,
        )
    }

    /// Checks that `endorsement` was made with this meeting's key for
    /// `participant` holding the MLS signature key `signature_key`.
    pub fn verifies_host(
        &self,
        participant: u64,
        signature_key: &[u8],
        endorsement: &[u8],
    ) -> bool {
        let Ok(key) = VerifyingKey::from_bytes(&self.signing) else {
            return false;
        };
        let Ok(signature) = Signature::from_slice(endorsement) else {
            return false;
        };
        key.verify(&endorsement_message(participant, signature_key), &signature)
            .is_ok()
    }
}

/// The whole key, from a host link's `key=`. No `Debug`: it is a secret.
pub struct MeetingKey {
    seed: Zeroizing<[u8; 32]>,
    signing: SigningKey,
    knock_private: Zeroizing<Vec<u8>>,
    public: MeetingPublicKey,
}

impl MeetingKey {
    pub fn generate() -> Result<Self, MeetingKeyError> {
        let seed: [u8; 32] = OpenMlsRustCrypto::default()
            .rand()
            .random_array()
            .map_err(|e| MeetingKeyError::Seal(format!("{e:?}")))?;
        Self::from_seed(Zeroizing::new(seed))
    }

    pub fn from_link_part(text: &str) -> Result<Self, MeetingKeyError> {
        let bytes = Zeroizing::new(
            URL_SAFE_NO_PAD
                .decode(text)
                .map_err(|_| MeetingKeyError::MalformedKey)?,
        );
        let seed: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| MeetingKeyError::MalformedKey)?;
        Self::from_seed(Zeroizing::new(seed))
    }

    fn from_seed(seed: Zeroizing<[u8; 32]>) -> Result<Self, MeetingKeyError> {
        let hkdf = Hkdf::<Sha256>::new(None, seed.as_slice());
        let mut signing_seed = Zeroizing::new([0u8; 32]);
        let mut knock_ikm = Zeroizing::new([0u8; 32]);
        hkdf.expand(SIGNING_INFO, signing_seed.as_mut_slice())
            .and_then(|()| hkdf.expand(KNOCK_INFO, knock_ikm.as_mut_slice()))
            .map_err(|_| MeetingKeyError::MalformedKey)?;
        let signing = SigningKey::from_bytes(&signing_seed);
        let pair = OpenMlsRustCrypto::default()
            .crypto()
            .derive_hpke_keypair(HPKE, knock_ikm.as_slice())
            .map_err(|e| MeetingKeyError::Seal(format!("{e:?}")))?;
        let knock: [u8; 32] = pair
            .public
            .as_slice()
            .try_into()
            .map_err(|_| MeetingKeyError::MalformedKey)?;
        Ok(Self {
            public: MeetingPublicKey {
                signing: signing.verifying_key().to_bytes(),
                knock,
            },
            seed,
            signing,
            knock_private: Zeroizing::new(pair.private.to_vec()),
        })
    }

    /// The seed for the host link (a secret: only ever into a fragment).
    pub fn to_link_part(&self) -> Zeroizing<String> {
        Zeroizing::new(URL_SAFE_NO_PAD.encode(self.seed.as_slice()))
    }

    pub fn public(&self) -> MeetingPublicKey {
        self.public
    }

    /// Endorses `participant` with MLS signature key `signature_key` as a host.
    pub fn endorse(&self, participant: u64, signature_key: &[u8]) -> [u8; 64] {
        self.signing
            .sign(&endorsement_message(participant, signature_key))
            .to_bytes()
    }

    /// Opens a sealed knock for `meeting_id`.
    pub fn open_knock(&self, meeting_id: &str, sealed: &str) -> Result<Knock, MeetingKeyError> {
        let plaintext = open(
            &self.knock_private,
            &format!("{KNOCK_SEAL_INFO}{meeting_id}"),
            sealed,
        )?;
        serde_json::from_slice(&plaintext)
            .map_err(|e| MeetingKeyError::KnockContents(e.to_string()))
    }

    /// Seals this key to a co-host's `box_key` (from its knock), so that
    /// only its client can open it.
    pub fn seal_to_cohost(
        &self,
        meeting_id: &str,
        box_key: &str,
    ) -> Result<String, MeetingKeyError> {
        let public = STANDARD
            .decode(box_key)
            .map_err(|_| MeetingKeyError::MalformedKey)?;
        if public.len() != 32 {
            return Err(MeetingKeyError::MalformedKey);
        }
        seal(
            &public,
            &format!("{COHOST_SEAL_INFO}{meeting_id}"),
            self.seed.as_slice(),
        )
    }
}

fn endorsement_message(participant: u64, signature_key: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(ENDORSEMENT_LABEL.len() + 8 + signature_key.len());
    m.extend_from_slice(ENDORSEMENT_LABEL);
    m.extend_from_slice(&participant.to_be_bytes());
    m.extend_from_slice(signature_key);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knock() -> Knock {
        Knock {
            participant: 7,
            name: "Grace".into(),
            key_package: "AAEC".into(),
            box_key: None,
        }
    }

    #[test]
    fn the_meeting_key_sealed_to_a_cohost_opens_only_in_its_box() {
        let key = MeetingKey::generate().unwrap();
        let cohost = BoxKey::generate().unwrap();
        let sealed = key.seal_to_cohost("m", &cohost.public_b64()).unwrap();
        let opened = cohost.open_meeting_key("m", &sealed).unwrap();
        assert_eq!(opened.public(), key.public());
        assert!(cohost.open_meeting_key("other", &sealed).is_err());
        let stranger = BoxKey::generate().unwrap();
        assert!(stranger.open_meeting_key("m", &sealed).is_err());
    }

    #[test]
    fn the_seed_gives_the_same_keys_every_time() {
        let key = MeetingKey::generate().unwrap();
        let again = MeetingKey::from_link_part(&key.to_link_part()).unwrap();
        assert_eq!(key.public(), again.public());
        let public = MeetingPublicKey::from_link_part(&key.public().to_link_part()).unwrap();
        assert_eq!(public, key.public());
        assert_eq!(key.public().to_link_part().len(), 86);
        assert_eq!(key.to_link_part().len(), 43);
    }

    #[test]
    fn a_knock_opens_only_with_its_meetings_key_and_id() {
        let key = MeetingKey::generate().unwrap();
        let sealed = key.public().seal_knock("meeting-a", &knock()).unwrap();
        assert_eq!(key.open_knock("meeting-a", &sealed).unwrap(), knock());
        assert_eq!(
            key.open_knock("meeting-b", &sealed),
            Err(MeetingKeyError::KnockDoesNotOpen),
            "a knock cannot be replayed into another meeting"
        );
        let other = MeetingKey::generate().unwrap();
        assert_eq!(
            other.open_knock("meeting-a", &sealed),
            Err(MeetingKeyError::KnockDoesNotOpen)
        );
        assert_eq!(
            key.open_knock("meeting-a", "AAAA"),
            Err(MeetingKeyError::MalformedKnock)
        );
        assert_eq!(
            key.open_knock("meeting-a", "not base64!"),
            Err(MeetingKeyError::MalformedKnock)
        );
    }

    #[test]
    fn endorsements_verify_only_for_their_participant_and_key() {
        let key = MeetingKey::generate().unwrap();
        let e = key.endorse(1, &[9; 32]);
        let public = key.public();
        assert!(public.verifies_host(1, &[9; 32], &e));
        assert!(!public.verifies_host(2, &[9; 32], &e));
        assert!(!public.verifies_host(1, &[8; 32], &e));
        assert!(!public.verifies_host(1, &[9; 32], &e[..63]));
        let other = MeetingKey::generate().unwrap().public();
        assert!(!other.verifies_host(1, &[9; 32], &e));
    }

    #[test]
    fn malformed_link_parts_are_refused() {
        for bad in ["", "abc", "!!!!", &"A".repeat(85), &"A".repeat(87)] {
            assert!(MeetingPublicKey::from_link_part(bad).is_err(), "{bad}");
            assert!(MeetingKey::from_link_part(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn recorded_epochs_open_with_the_meeting_key_or_an_organisation_key_only() {
        let meeting = MeetingKey::generate().unwrap();
        let org = RecordingKeyPair::generate().unwrap();
        let epoch = RecordingEpoch {
            epoch: 7,
            base_key: Zeroizing::new([5; 16]),
            members: vec![RecordedMember {
                leaf: 1,
                participant: 42,
                name: "Ada".into(),
            }],
        };
        let to_meeting =
            seal_recording_epoch(&meeting.public().recording_public(), &epoch).unwrap();
        let opened = meeting.open_recording_epoch(&to_meeting).unwrap();
        assert_eq!((opened.epoch, *opened.base_key), (7, [5; 16]));
        assert_eq!(opened.members, epoch.members);
        assert!(matches!(
            org.open_recording_epoch(&to_meeting),
            Err(MeetingKeyError::RecordingDoesNotOpen)
        ));
        let other = MeetingKey::generate().unwrap();
        assert!(matches!(
            other.open_recording_epoch(&to_meeting),
            Err(MeetingKeyError::RecordingDoesNotOpen)
        ));

        // The organisation's key survives its file round trip.
        let public = URL_SAFE_NO_PAD.decode(org.public_text()).unwrap();
        let to_org = seal_recording_epoch(&public, &epoch).unwrap();
        let reread = RecordingKeyPair::from_private_text(&org.to_private_text()).unwrap();
        assert_eq!(
            *reread.open_recording_epoch(&to_org).unwrap().base_key,
            [5; 16]
        );
        assert!(RecordingKeyPair::from_private_text("conclave-recording-key:short").is_err());
        assert!(meeting.open_recording_epoch("not base64!").is_err());
    }
}
