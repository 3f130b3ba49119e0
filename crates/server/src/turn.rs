//! TURN relays for participants behind firewalls that let out nothing but
//! TLS on 443: the operator runs its own TURN server (Debian's `coturn`,
//! docs/turn.md) with a secret it shares with this server, and each
//! admitted participant gets credentials for it that expire by themselves
//! (the TURN REST convention coturn's `use-auth-secret` implements): the
//! username is `EXPIRY:NAME`, the password the base64 HMAC-SHA1 of the
//! username under the shared secret. The TURN server checks them without
//! asking us; nobody keeps a list of them.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use base64::Engine as _;
use conclave_signaling::{IceServer, ParticipantId};
use hmac::{Hmac, Mac};
use zeroize::Zeroizing;

/// How long minted credentials last. A relay allocation made with them
/// lives on with refreshes, so this bounds only how long after leaving a
/// meeting someone could open a new allocation with what they were given:
/// short enough to be worth little, long enough for a long meeting's ICE
/// restarts to reuse them.
const CREDENTIAL_LIFETIME: Duration = Duration::from_secs(12 * 3600);

/// Longest shared secret read from its file: coturn's secrets are short
/// strings; anything bigger is the wrong file.
const MAX_SECRET_BYTES: u64 = 4096;

/// The relays and the secret shared with them.
pub struct Turn {
    urls: Vec<String>,
    secret: Zeroizing<Vec<u8>>,
}

impl Turn {
    /// `urls` as clients use them (`turns:turn.example.org:443?transport=tcp`);
    /// the secret is the first line of `secret_file`, as coturn's
    /// `static-auth-secret`.
    pub fn load(urls: Vec<String>, secret_file: &Path) -> anyhow::Result<Self> {
        for url in &urls {
            if !(url.starts_with("turn:") || url.starts_with("turns:")) {
                bail!("--turn-url {url:?}: expected turn:HOST:PORT or turns:HOST:PORT");
            }
        }
        let len = std::fs::metadata(secret_file)
            .with_context(|| format!("reading the TURN secret {}", secret_file.display()))?
            .len();
        if len > MAX_SECRET_BYTES {
            bail!(
                "the TURN secret {} is {len} bytes: expected one short line",
                secret_file.display()
            );
        }
        let text = Zeroizing::new(
            std::fs::read_to_string(secret_file)
                .with_context(|| format!("reading the TURN secret {}", secret_file.display()))?,
        );
        let line = text.lines().next().unwrap_or("").trim();
        if line.is_empty() {
            bail!("the TURN secret file {} is empty", secret_file.display());
        }
        Ok(Self {
            urls,
            secret: Zeroizing::new(line.as_bytes().to_vec()),
        })
    }

    /// Credentials for one participant, valid from `now` for
    /// [`CREDENTIAL_LIFETIME`]. The name part is the participant's number,
    /// which tells the TURN server's log nothing about the meeting.
    pub fn credentials(&self, who: ParticipantId, now: SystemTime) -> IceServer {
        let expiry = now
            .checked_add(CREDENTIAL_LIFETIME)
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        let username = format!("{expiry}:p{}", who.0);
        IceServer {
            urls: self.urls.clone(),
            credential: password(&self.secret, &username),
            username,
        }
    }
}

/// base64(HMAC-SHA1(secret, username)): what coturn computes to check them.
fn password(secret: &[u8], username: &str) -> String {
    // HMAC takes a key of any length; the error branch cannot happen.
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(username.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn(secret: &str) -> (tempfile::TempDir, Turn) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::fs::write(&path, format!("{secret}\n")).unwrap();
        let t = Turn::load(
            vec!["turns:turn.example.org:443?transport=tcp".into()],
            &path,
        )
        .unwrap();
        (dir, t)
    }

    #[test]
    fn credentials_follow_the_turn_rest_convention() {
        let (_dir, t) = turn("north");
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let c = t.credentials(ParticipantId(7), now);
        assert_eq!(c.username, "1700043200:p7", "expiry 12 h on, then the name");
        assert_eq!(c.credential.len(), 28, "an HMAC-SHA1 (20 bytes) in base64");
        assert_ne!(
            c.credential,
            turn("south")
                .1
                .credentials(ParticipantId(7), now)
                .credential,
            "another secret, another password"
        );
        assert_eq!(c.urls, ["turns:turn.example.org:443?transport=tcp"]);
    }

    #[test]
    fn hmac_sha1_matches_rfc_2202() {
        // RFC 2202 test case 2: key "Jefe", "what do ya want for nothing?".
        let expected = base64::engine::general_purpose::STANDARD
            .encode(hex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
        assert_eq!(password(b"Jefe", "what do ya want for nothing?"), expected);
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn bad_urls_and_secret_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::fs::write(&path, "s\n").unwrap();
        assert!(Turn::load(vec!["https://turn.example.org".into()], &path).is_err());
        std::fs::write(&path, "\n").unwrap();
        assert!(Turn::load(vec!["turn:a:3478".into()], &path).is_err());
        assert!(Turn::load(vec!["turn:a:3478".into()], &dir.path().join("none")).is_err());
        std::fs::write(&path, "x".repeat(5000)).unwrap();
        assert!(Turn::load(vec!["turn:a:3478".into()], &path).is_err());
    }
}
