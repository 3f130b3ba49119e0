//! Organiser accounts: their names, password hashing (argon2id, a random
//! salt per hash) and sign-in session tokens. Decisions only: the store
//! keeps the rows, `signin.rs` speaks HTTP, `main.rs` runs `conclave user`.
//! Passwords and tokens live in types that are zeroed on drop and have no
//! `Debug`, so they cannot end up in a log by accident.

use std::sync::OnceLock;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::store::UnixTime;

/// How long a sign-in lasts, fixed from the moment of signing in (not
/// renewed by use). 12 h covers a working day of creating meetings; a
/// stolen cookie is worth at most that long, and an organiser signs in
/// about once a day.
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);

/// Shortest password `conclave user add` accepts. Passwords guard who may
/// create meetings, and sign-in is rate-limited, so 8 characters is enough
/// against online guessing; the operator may of course choose longer ones.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Longest password accepted anywhere. Argon2 cost barely depends on the
/// length, but a bound keeps request bodies and memory small; 1,024 bytes
/// fits any passphrase or password-manager output.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Longest organiser name. Names are the operator's labels for accounts;
/// 64 characters fits an e-mail address.
pub const MAX_NAME_CHARS: usize = 64;

/// 128 random bits per session token, as for meeting ids.
const TOKEN_BYTES: usize = 16;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccountError {
    #[error(
        "a user name must be 1 to {MAX_NAME_CHARS} characters, without spaces at either end or control characters"
    )]
    BadName,
    #[error("a password must be at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("a password must be at most {MAX_PASSWORD_BYTES} bytes")]
    PasswordTooLong,
    #[error("hashing the password failed: {0}")]
    Hashing(String),
}

/// A user name as typed, checked: what the store keys users by (ignoring
/// case).
pub fn check_name(name: &str) -> Result<&str, AccountError> {
    let chars = name.chars().count();
    if chars == 0
        || chars > MAX_NAME_CHARS
        || name.trim() != name
        || name.chars().any(char::is_control)
    {
        return Err(AccountError::BadName);
    }
    Ok(name)
}

/// A password (or passcode) in memory: zeroed on drop, never printed.
pub struct Password(Zeroizing<String>);

impl Password {
    /// Takes the string's own buffer, so no copy is left behind.
    pub fn new(text: String) -> Self {
        Self(Zeroizing::new(text))
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// For a new account: length rules apply.
    pub fn check_new(&self) -> Result<(), AccountError> {
        if self.0.chars().count() < MIN_PASSWORD_CHARS {
            return Err(AccountError::PasswordTooShort);
        }
        if self.0.len() > MAX_PASSWORD_BYTES {
            return Err(AccountError::PasswordTooLong);
        }
        Ok(())
    }

    /// Whether two typed passwords are the same (for "type it again").
    pub fn same_as(&self, other: &Password) -> bool {
        use subtle::ConstantTimeEq;
        self.bytes().ct_eq(other.bytes()).into()
    }

    pub fn is_too_long(&self) -> bool {
        self.0.len() > MAX_PASSWORD_BYTES
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text itself, for the one place that must carry it on: a
    /// meeting passcode in the links printed for the organiser.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Argon2id with the crate's defaults (19 MiB, 2 passes, 1 lane: OWASP's
/// recommended minimum): a few tens of ms per check on a server core, which
/// the sign-in rate limits turn into a hard ceiling on guessing work.
fn argon2() -> Argon2<'static> {
    Argon2::default()
}

/// A PHC string (`$argon2id$v=19$m=…$salt$hash`) with a fresh random salt.
pub fn hash_password(password: &Password) -> Result<String, AccountError> {
    let hash: PasswordHash = argon2()
        .hash_password(password.bytes())
        .map_err(|e| AccountError::Hashing(e.to_string()))?;
    Ok(hash.to_string())
}

/// Whether `password` matches a stored PHC string. A string that does not
/// parse matches nothing.
pub fn verify_password(password: &Password, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(hash) => argon2().verify_password(password.bytes(), &hash).is_ok(),
        Err(_) => false,
    }
}

/// A hash of a random password nobody knows, made once: checking a
/// password for a user that does not exist against it costs what checking
/// a real user's costs, so the answer's timing does not tell them apart.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(bytes.as_mut());
        let password = Password::new(URL_SAFE_NO_PAD.encode(bytes.as_ref()));
        // Hashing with default parameters does not fail; should it ever,
        // an unparsable string still makes every check fail (only faster).
        hash_password(&password).unwrap_or_default()
    })
}

/// A session token as it travels in the cookie. Zeroed on drop; no Debug.
pub struct SessionToken(Zeroizing<String>);

impl SessionToken {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; TOKEN_BYTES]);
        rand::rng().fill_bytes(bytes.as_mut());
        Self(Zeroizing::new(URL_SAFE_NO_PAD.encode(bytes.as_ref())))
    }

    /// A token as a client presented it.
    pub fn from_cookie(value: &str) -> Self {
        Self(Zeroizing::new(value.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the store keeps: a leaked database hands out no sessions. A
    /// fast hash suffices for 128 random bits (nothing to brute-force).
    pub fn hash(&self) -> [u8; 32] {
        Sha256::digest(self.0.as_bytes()).into()
    }
}

/// When a session begun at `now` stops being valid.
pub fn session_expires_at(now: UnixTime) -> UnixTime {
    now.saturating_add(i64::try_from(SESSION_TTL.as_secs()).unwrap_or(i64::MAX))
}

/// Whether a session that expires at `expires_at` is valid at `now` (the
/// store applies the same rule in its query).
pub fn session_valid(expires_at: UnixTime, now: UnixTime) -> bool {
    now < expires_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2id_round_trip_with_a_salt_per_hash() {
        let pw = Password::new("correct horse".into());
        let a = hash_password(&pw).unwrap();
        let b = hash_password(&pw).unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "a fresh salt each time");
        assert!(verify_password(&pw, &a));
        assert!(verify_password(&pw, &b));
        assert!(!verify_password(&Password::new("correct horsE".into()), &a));
        assert!(!verify_password(&pw, "not a hash"));
        assert!(!verify_password(&pw, dummy_hash()));
        assert!(dummy_hash().starts_with("$argon2id$"));
    }

    #[test]
    fn new_passwords_and_names_are_checked() {
        assert_eq!(
            Password::new("short".into()).check_new(),
            Err(AccountError::PasswordTooShort)
        );
        assert_eq!(
            Password::new("x".repeat(MAX_PASSWORD_BYTES + 1)).check_new(),
            Err(AccountError::PasswordTooLong)
        );
        assert_eq!(Password::new("long enough".into()).check_new(), Ok(()));
        assert_eq!(check_name("ada@example.org"), Ok("ada@example.org"));
        for bad in ["", " ada", "ada ", "a\nb", &"a".repeat(MAX_NAME_CHARS + 1)] {
            assert_eq!(check_name(bad), Err(AccountError::BadName), "{bad:?}");
        }
    }

    #[test]
    fn sessions_last_twelve_hours_from_sign_in() {
        let start = 1_000_000;
        let end = session_expires_at(start);
        assert_eq!(end - start, 12 * 3600);
        assert!(session_valid(end, start));
        assert!(session_valid(end, end - 1));
        assert!(!session_valid(end, end));
        assert_eq!(session_expires_at(i64::MAX), i64::MAX);
    }

    #[test]
    fn tokens_are_random_and_stored_only_hashed() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert_ne!(a.expose(), b.expose());
        assert_eq!(a.expose().len(), 22);
        assert_eq!(SessionToken::from_cookie(a.expose()).hash(), a.hash());
        assert_ne!(a.hash(), b.hash());
    }
}
