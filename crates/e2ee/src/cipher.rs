//! The AES-128-GCM backend Conclave plugs into the `sframe` crate.
//!
//! The crate's stock RustCrypto backend keeps raw key bytes and builds the
//! cipher (AES key schedule and GHASH key) again for every frame, which costs
//! as much as encrypting a small audio frame. This backend builds it once per
//! KID, when the key is derived, and keeps it. The primitives are RustCrypto's
//! (`aes-gcm`, `hkdf`, `sha2`); what is written here is only the RFC 9605
//! glue: the §4.4.2 key schedule and the §4.4.3 nonce. The official test
//! vectors run through it (`tests/sframe_vectors.rs`).

use aes_gcm::aead::{AeadCore, AeadInOut, KeyInit};
use aes_gcm::{Aes128Gcm, Tag};
use hkdf::Hkdf;
use sframe::CipherSuite;
use sframe::crypto::{
    AeadDecrypt, AeadEncrypt, DecryptionBufferView, EncryptionBufferView, KeyDerivation,
    get_hkdf_key_expand_label, get_hkdf_salt_expand_label,
};
use sframe::error::{Result, SframeError};
use sframe::header::{Counter, KeyId};
use sha2::Sha256;
use zeroize::Zeroizing;

const KEY_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// A derived SFrame key: the ready cipher and the salt. No `Debug`.
pub struct GcmSecret {
    cipher: Aes128Gcm,
    salt: Zeroizing<[u8; NONCE_LEN]>,
}

impl GcmSecret {
    /// RFC 9605 §4.4.3: the counter, big-endian and left-padded, XOR the salt.
    fn nonce(&self, counter: Counter) -> aes_gcm::Nonce<<Aes128Gcm as AeadCore>::NonceSize> {
        let mut iv = *self.salt;
        for (b, c) in iv[NONCE_LEN - 8..].iter_mut().zip(counter.to_be_bytes()) {
            *b ^= c;
        }
        iv.into()
    }
}

/// RFC 9605 §4.4.2 key schedule with HKDF-SHA256, producing a [`GcmSecret`].
pub struct Hkdf128;

impl KeyDerivation for Hkdf128 {
    type Secret = GcmSecret;

    fn expand_from<M, K>(cipher_suite: CipherSuite, key_material: M, key_id: K) -> Result<GcmSecret>
    where
        M: AsRef<[u8]>,
        K: Into<KeyId>,
    {
        if cipher_suite != CipherSuite::AesGcm128Sha256 {
            return Err(SframeError::KeyDerivationFailure);
        }
        let key_id = key_id.into();
        let hkdf = Hkdf::<Sha256>::new(Some(&[]), key_material.as_ref());
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        let mut salt = Zeroizing::new([0u8; NONCE_LEN]);
        hkdf.expand(
            &get_hkdf_key_expand_label(key_id, cipher_suite),
            key.as_mut(),
        )
        .map_err(|_| SframeError::KeyDerivationFailure)?;
        hkdf.expand(
            &get_hkdf_salt_expand_label(key_id, cipher_suite),
            salt.as_mut(),
        )
        .map_err(|_| SframeError::KeyDerivationFailure)?;
        let cipher = Aes128Gcm::new_from_slice(key.as_ref())
            .map_err(|_| SframeError::KeyDerivationFailure)?;
        Ok(GcmSecret { cipher, salt })
    }
}

/// AES-128-GCM with the cipher kept in the secret.
pub struct CachedAes128Gcm;

impl TryFrom<CipherSuite> for CachedAes128Gcm {
    type Error = SframeError;

    fn try_from(suite: CipherSuite) -> Result<Self> {
        match suite {
            CipherSuite::AesGcm128Sha256 => Ok(Self),
            _ => Err(SframeError::KeyDerivationFailure),
        }
    }
}

impl AeadEncrypt for CachedAes128Gcm {
    type Secret = GcmSecret;

    fn encrypt<'a, B>(&self, secret: &GcmSecret, buffer: B, counter: Counter) -> Result<()>
    where
        B: Into<EncryptionBufferView<'a>>,
    {
        let view = buffer.into();
        let tag = secret
            .cipher
            .encrypt_inout_detached(&secret.nonce(counter), view.aad, view.data.into())
            .map_err(|_| SframeError::EncryptionFailure)?;
        if view.tag.len() != TAG_LEN {
            return Err(SframeError::EncryptionFailure);
        }
        view.tag.copy_from_slice(tag.as_slice());
        Ok(())
    }
}

impl AeadDecrypt for CachedAes128Gcm {
    type Secret = GcmSecret;

    fn decrypt<'a, B>(&self, secret: &GcmSecret, buffer: B, counter: Counter) -> Result<()>
    where
        B: Into<DecryptionBufferView<'a>>,
    {
        let view = buffer.into();
        let Some(split) = view.data.len().checked_sub(TAG_LEN) else {
            return Err(SframeError::DecryptionFailure);
        };
        let (encrypted, tag) = view.data.split_at_mut(split);
        let tag = Tag::try_from(&*tag).map_err(|_| SframeError::DecryptionFailure)?;
        secret
            .cipher
            .decrypt_inout_detached(&secret.nonce(counter), view.aad, encrypted.into(), &tag)
            .map_err(|_| SframeError::DecryptionFailure)
    }
}

/// The key types Conclave's media path uses.
pub type EncryptionKey = sframe::key::GenericEncryptionKey<CachedAes128Gcm, Hkdf128>;
pub type DecryptionKey = sframe::key::GenericDecryptionKey<CachedAes128Gcm, Hkdf128>;
