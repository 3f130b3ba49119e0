//! Meeting ids and host secrets: unguessable values that travel in links.
//! Neither is ever logged in full (Debug/Display show a short prefix).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// 128 random bits: with a million live meetings, a guesser making a billion
/// attempts a second would need about 10^13 years per hit on average.
const ID_BYTES: usize = 16;
/// 22 characters of unpadded base64url.
const ID_CHARS: usize = 22;

/// A meeting's public identifier (the `/m/<id>` part of its link).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MeetingId(String);

impl MeetingId {
    pub fn generate() -> Self {
        let mut bytes = [0u8; ID_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accepts only strings that could have been generated: everything else
    /// is rejected before it reaches the database.
    pub fn parse(s: &str) -> Option<Self> {
        if s.len() != ID_CHARS {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(s).ok()?;
        (bytes.len() == ID_BYTES).then(|| Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for MeetingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self}")
    }
}

impl std::fmt::Display for MeetingId {
    /// Four characters (24 bits) tell meetings apart in logs without letting
    /// a log reader join one.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "m:{}…", &self.0[..4])
    }
}

/// The secret in a host link. Zeroed on drop; no Debug.
pub struct HostSecret(Zeroizing<String>);

impl HostSecret {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; ID_BYTES]);
        rand::rng().fill_bytes(bytes.as_mut());
        Self(Zeroizing::new(URL_SAFE_NO_PAD.encode(bytes.as_ref())))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the store keeps: a hash, so a leaked database does not hand out
    /// host links. A fast hash suffices because the secret has 128 random
    /// bits (nothing to brute-force, unlike a password).
    pub fn hash(secret: &str) -> [u8; 32] {
        Sha256::digest(secret.as_bytes()).into()
    }

    pub fn matches(candidate: &str, stored_hash: &[u8]) -> bool {
        Self::hash(candidate).ct_eq(stored_hash).into()
    }
}

/// The `?passcode=…` a meeting's links carry (form-encoded), or nothing.
/// Zeroed on drop: it holds the passcode.
pub fn passcode_query(passcode: Option<&str>) -> zeroize::Zeroizing<String> {
    zeroize::Zeroizing::new(passcode.map_or_else(String::new, |p| {
        format!(
            "?passcode={}",
            url::form_urlencoded::byte_serialize(p.as_bytes()).collect::<String>()
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_parse_and_are_distinct() {
        let a = MeetingId::generate();
        let b = MeetingId::generate();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), ID_CHARS);
        assert_eq!(MeetingId::parse(a.as_str()), Some(a));
    }

    #[test]
    fn malformed_ids_are_rejected() {
        assert_eq!(MeetingId::parse(""), None);
        assert_eq!(MeetingId::parse("short"), None);
        assert_eq!(MeetingId::parse(&"a".repeat(23)), None);
        assert_eq!(MeetingId::parse("!!!!!!!!!!!!!!!!!!!!!!"), None);
        assert_eq!(MeetingId::parse("../../../../etc/passwd"), None);
    }

    #[test]
    fn logs_never_show_the_whole_id() {
        let id = MeetingId::generate();
        let shown = format!("{id} {id:?}");
        assert!(!shown.contains(id.as_str()));
        assert!(shown.contains(&id.as_str()[..4]));
    }

    #[test]
    fn host_secret_checks_against_its_hash_only() {
        let s = HostSecret::generate();
        let stored = HostSecret::hash(s.expose());
        assert!(HostSecret::matches(s.expose(), &stored));
        assert!(!HostSecret::matches("guess", &stored));
        assert!(!HostSecret::matches(s.expose(), &stored[..16]));
    }
}
