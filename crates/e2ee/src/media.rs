//! SFrame (RFC 9605) on media frames, keyed from MLS (RFC 9605 §5.2).
//!
//! KID = `(context << 20) | (leaf_index << 4) | (epoch mod 16)`: every
//! (sender, track) pair has its own key and counter. VP8 frames keep their
//! first bytes in the clear as authenticated SFrame metadata, because RTP
//! packetizers and the SFU read them (`docs/e2ee.md`).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::cipher::{DecryptionKey, EncryptionKey};
use sframe::CipherSuite;
use sframe::frame::{EncryptedFrameView, MediaFrameView, MonotonicCounter};
use sframe::header::KeyId;
use zeroize::Zeroizing;

/// RFC 9605 `AES_128_GCM_SHA256_128`.
pub const SUITE: CipherSuite = CipherSuite::AesGcm128Sha256;
/// Bytes of `base_key` exported from MLS (the suite's Nk).
pub const BASE_KEY_LEN: usize = 16;

const EPOCH_BITS: u32 = 4;
const INDEX_BITS: u32 = 16;

/// Frames still in flight when the epoch changes decrypt with the old key
/// for this long; after that it is erased, so a later compromise of this
/// device does not expose older media.
pub const OLD_EPOCH_GRACE: Duration = Duration::from_secs(10);

/// VP8's unencrypted prefix: frame tag (3 bytes) plus, on key frames, the
/// start code and dimensions (7 more) — what depacketizers read to classify
/// and size a frame.
const VP8_KEYFRAME_PREFIX: usize = 10;
const VP8_DELTA_PREFIX: usize = 3;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MediaError {
    #[error("no key yet: frames are not sent before the group's first epoch")]
    NoKey,
    #[error("frame is malformed: {0}")]
    Malformed(String),
    #[error("no key for KID {0:#x} (unknown sender or expired epoch)")]
    UnknownKey(u64),
    #[error("frame failed authentication")]
    Authentication,
    #[error("the key could not be derived")]
    KeyDerivation,
}

/// Which of a participant's tracks a frame belongs to (the KID context).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrackContext {
    Microphone = 0,
    Camera = 1,
    Screen = 2,
    ScreenAudio = 3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Opus,
    Vp8,
}

impl TrackContext {
    pub fn codec(self) -> Codec {
        match self {
            TrackContext::Microphone | TrackContext::ScreenAudio => Codec::Opus,
            TrackContext::Camera | TrackContext::Screen => Codec::Vp8,
        }
    }

    fn from_bits(bits: u64) -> Option<Self> {
        Some(match bits {
            0 => TrackContext::Microphone,
            1 => TrackContext::Camera,
            2 => TrackContext::Screen,
            3 => TrackContext::ScreenAudio,
            _ => return None,
        })
    }
}

pub fn kid(context: TrackContext, leaf_index: u32, epoch: u64) -> u64 {
    ((context as u64) << (INDEX_BITS + EPOCH_BITS))
        | (u64::from(leaf_index) << EPOCH_BITS)
        | (epoch % (1 << EPOCH_BITS))
}

fn split_kid(kid: u64) -> (u64, u32, u64) {
    let epoch_bits = kid & ((1 << EPOCH_BITS) - 1);
    let leaf = ((kid >> EPOCH_BITS) & ((1 << INDEX_BITS) - 1)) as u32;
    let context = kid >> (INDEX_BITS + EPOCH_BITS);
    (context, leaf, epoch_bits)
}

/// A short, one-way fingerprint of an epoch's base key, as native clients'
/// reports and `conclave recording info` show them, so people can see two
/// parties held the same key (or did not) without showing the key: the
/// first 8 bytes of SHA-256 over a label and the key, in hex.
pub fn key_fingerprint(base_key: &[u8]) -> String {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    h.update(b"conclave key fingerprint v1");
    h.update(base_key);
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Length of the unencrypted prefix of a frame, or `None` when the frame is
/// shorter than that: the receiver reads the same length from the first
/// byte, so a shorter prefix would be misread as SFrame header.
fn prefix_len(codec: Codec, frame: &[u8]) -> Option<usize> {
    match codec {
        Codec::Opus => Some(0),
        Codec::Vp8 => {
            let keyframe = frame.first().is_some_and(|b| b & 0x01 == 0);
            let want = if keyframe {
                VP8_KEYFRAME_PREFIX
            } else {
                VP8_DELTA_PREFIX
            };
            (frame.len() >= want).then_some(want)
        }
    }
}

fn short_vp8_frame(len: usize) -> MediaError {
    MediaError::Malformed(format!("a {len}-byte frame is shorter than a VP8 header"))
}

/// One epoch's exported base key.
struct EpochSecret {
    epoch: u64,
    base_key: Zeroizing<[u8; BASE_KEY_LEN]>,
    /// When a newer epoch arrived; erased `OLD_EPOCH_GRACE` later.
    superseded_at: Option<Instant>,
}

/// Encrypts one track of this participant. A new epoch resets the key and
/// the counter (a new KID, so counters never repeat under one key).
pub struct FrameEncryptor {
    context: TrackContext,
    current: Option<(EncryptionKey, MonotonicCounter)>,
}

impl FrameEncryptor {
    pub fn new(context: TrackContext) -> Self {
        Self {
            context,
            current: None,
        }
    }

    pub fn set_epoch(
        &mut self,
        epoch: u64,
        leaf_index: u32,
        base_key: &[u8; BASE_KEY_LEN],
    ) -> Result<(), MediaError> {
        let key = EncryptionKey::derive_from(SUITE, kid(self.context, leaf_index, epoch), base_key)
            .map_err(|_| MediaError::KeyDerivation)?;
        self.current = Some((key, MonotonicCounter::default()));
        Ok(())
    }

    pub fn has_key(&self) -> bool {
        self.current.is_some()
    }

    /// `prefix || sframe_header || ciphertext || tag`.
    pub fn encrypt(&mut self, frame: &[u8], out: &mut Vec<u8>) -> Result<(), MediaError> {
        let (key, counter) = self.current.as_mut().ok_or(MediaError::NoKey)?;
        let split =
            prefix_len(self.context.codec(), frame).ok_or_else(|| short_vp8_frame(frame.len()))?;
        let (prefix, payload) = frame.split_at(split);
        let view = MediaFrameView::try_with_meta_data(counter, payload, prefix)
            .map_err(|e| MediaError::Malformed(e.to_string()))?;
        // No clear(): the buffer is resized to fit, and reusing its length
        // saves zero-filling it on every frame.
        view.encrypt_into(key, out)
            .map_err(|e| MediaError::Malformed(e.to_string()))?;
        Ok(())
    }
}

/// Decrypts every remote track. Keys are derived per KID on first use from
/// the epoch's base key and cached; old epochs are erased after a grace
/// period.
#[derive(Default)]
pub struct FrameDecryptor {
    epochs: Vec<EpochSecret>,
    keys: HashMap<KeyId, DecryptionKey>,
    failures: u64,
}

impl FrameDecryptor {
    pub fn new() -> Self {
        Self::default()
    }

    /// Installs a new epoch's base key; older ones start their grace period.
    pub fn set_epoch(&mut self, epoch: u64, base_key: &[u8; BASE_KEY_LEN], now: Instant) {
        for e in &mut self.epochs {
            if e.superseded_at.is_none() && e.epoch != epoch {
                e.superseded_at = Some(now);
            }
        }
        // An epoch with the same low bits would make KIDs ambiguous: drop it
        // (RFC 9605 §5.2).
        let low = epoch % (1 << EPOCH_BITS);
        self.epochs
            .retain(|e| e.epoch == epoch || e.epoch % (1 << EPOCH_BITS) != low);
        self.keys.retain(|kid, _| kid % (1 << EPOCH_BITS) != low);
        self.epochs.push(EpochSecret {
            epoch,
            base_key: Zeroizing::new(*base_key),
            superseded_at: None,
        });
        self.expire(now);
    }

    /// Erases epochs whose grace period is over, with their derived keys.
    pub fn expire(&mut self, now: Instant) {
        let before = self.epochs.len();
        self.epochs.retain(|e| {
            e.superseded_at
                .is_none_or(|t| now.saturating_duration_since(t) < OLD_EPOCH_GRACE)
        });
        if self.epochs.len() != before {
            let live: Vec<u64> = self
                .epochs
                .iter()
                .map(|e| e.epoch % (1 << EPOCH_BITS))
                .collect();
            self.keys
                .retain(|kid, _| live.contains(&(kid % (1 << EPOCH_BITS))));
        }
    }

    /// Frames that failed to decrypt so far (dropped, never decoded).
    pub fn failures(&self) -> u64 {
        self.failures
    }

    /// Decrypts one frame of the given codec into `out`. Returns the sender's
    /// leaf index and track context.
    pub fn decrypt(
        &mut self,
        codec: Codec,
        data: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<(u32, TrackContext), MediaError> {
        let result = self.try_decrypt(codec, data, out);
        if result.is_err() {
            self.failures += 1;
        }
        result
    }

    fn try_decrypt(
        &mut self,
        codec: Codec,
        data: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<(u32, TrackContext), MediaError> {
        let split = prefix_len(codec, data).ok_or_else(|| short_vp8_frame(data.len()))?;
        let (prefix, sframe) = data.split_at(split);
        let view = EncryptedFrameView::try_with_meta_data(sframe, prefix)
            .map_err(|e| MediaError::Malformed(e.to_string()))?;
        let kid = view.header().key_id();
        let (context_bits, leaf, epoch_bits) = split_kid(kid);
        let context = TrackContext::from_bits(context_bits).ok_or(MediaError::UnknownKey(kid))?;
        if context.codec() != codec {
            return Err(MediaError::UnknownKey(kid));
        }
        if !self.keys.contains_key(&kid) {
            let secret = self
                .epochs
                .iter()
                .find(|e| e.epoch % (1 << EPOCH_BITS) == epoch_bits)
                .ok_or(MediaError::UnknownKey(kid))?;
            let key = DecryptionKey::derive_from(SUITE, kid, secret.base_key.as_ref())
                .map_err(|_| MediaError::KeyDerivation)?;
            self.keys.insert(kid, key);
        }
        // The output is `metadata || plaintext`: the whole frame again.
        view.decrypt_into(&self.keys, out)
            .map_err(|_| MediaError::Authentication)?;
        Ok((leaf, context))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: [u8; 16] = [1; 16];
    const KEY_B: [u8; 16] = [2; 16];

    fn vp8_key_frame() -> Vec<u8> {
        // P=0 (key frame), start code, 320x240, then "pixels".
        let mut f = vec![0x50, 0x2a, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00];
        f.extend(b"SECRET-PICTURE-DATA".iter());
        f
    }

    #[test]
    fn kid_layout_follows_rfc_9605_section_5_2() {
        assert_eq!(kid(TrackContext::Microphone, 3, 14), 0x3e);
        assert_eq!(kid(TrackContext::Microphone, 20, 14), 0x14e);
        assert_eq!(kid(TrackContext::Camera, 2, 16), 1 << 20 | 2 << 4);
        assert_eq!(split_kid(kid(TrackContext::Screen, 513, 35)), (2, 513, 3));
    }

    #[test]
    fn vp8_frames_keep_an_authenticated_clear_prefix() {
        let mut enc = FrameEncryptor::new(TrackContext::Camera);
        enc.set_epoch(1, 5, &KEY_A).unwrap();
        let frame = vp8_key_frame();
        let mut wire = Vec::new();
        enc.encrypt(&frame, &mut wire).unwrap();
        assert_eq!(&wire[..10], &frame[..10], "prefix stays readable");
        assert!(!wire.windows(6).any(|w| w == b"SECRET"));

        let mut dec = FrameDecryptor::new();
        dec.set_epoch(1, &KEY_A, Instant::now());
        let mut out = Vec::new();
        assert_eq!(
            dec.decrypt(Codec::Vp8, &wire, &mut out).unwrap(),
            (5, TrackContext::Camera)
        );
        assert_eq!(out, frame);

        let mut tampered = wire.clone();
        tampered[6] ^= 1;
        assert_eq!(
            dec.decrypt(Codec::Vp8, &tampered, &mut out),
            Err(MediaError::Authentication),
            "a changed prefix fails authentication"
        );
        assert_eq!(dec.failures(), 1);
    }

    #[test]
    fn vp8_frames_shorter_than_their_clear_header_are_refused() {
        // Found by fuzzing: a 1-byte "key frame" was sent with a 1-byte
        // prefix, but the receiver read 10 bytes as prefix and failed.
        let mut enc = FrameEncryptor::new(TrackContext::Camera);
        enc.set_epoch(1, 0, &KEY_A).unwrap();
        let mut wire = Vec::new();
        for short in [&[0x00][..], &[0x01, 0x02], &vp8_key_frame()[..9]] {
            assert!(matches!(
                enc.encrypt(short, &mut wire),
                Err(MediaError::Malformed(_))
            ));
        }
        assert!(enc.encrypt(&[0x01, 0x02, 0x03], &mut wire).is_ok());
        let mut dec = FrameDecryptor::new();
        dec.set_epoch(1, &KEY_A, Instant::now());
        let mut out = Vec::new();
        assert!(dec.decrypt(Codec::Vp8, &wire, &mut out).is_ok());
        assert_eq!(out, [0x01, 0x02, 0x03]);
    }

    #[test]
    fn audio_is_encrypted_whole_and_a_wrong_key_fails() {
        let mut enc = FrameEncryptor::new(TrackContext::Microphone);
        assert_eq!(enc.encrypt(b"x", &mut Vec::new()), Err(MediaError::NoKey));
        enc.set_epoch(3, 0, &KEY_A).unwrap();
        let mut wire = Vec::new();
        enc.encrypt(b"opus-bytes", &mut wire).unwrap();
        let mut dec = FrameDecryptor::new();
        dec.set_epoch(3, &KEY_B, Instant::now());
        let mut out = Vec::new();
        assert_eq!(
            dec.decrypt(Codec::Opus, &wire, &mut out),
            Err(MediaError::Authentication)
        );
        assert!(dec.decrypt(Codec::Opus, &[0xff], &mut out).is_err());
        assert!(dec.decrypt(Codec::Opus, &[], &mut out).is_err());
        assert_eq!(dec.failures(), 3);
    }

    #[test]
    fn old_epochs_decrypt_briefly_then_are_erased() {
        let t0 = Instant::now();
        let mut enc = FrameEncryptor::new(TrackContext::Microphone);
        enc.set_epoch(1, 0, &KEY_A).unwrap();
        let mut old = Vec::new();
        enc.encrypt(b"in flight", &mut old).unwrap();

        let mut dec = FrameDecryptor::new();
        dec.set_epoch(1, &KEY_A, t0);
        dec.set_epoch(2, &KEY_B, t0);
        let mut out = Vec::new();
        assert!(dec.decrypt(Codec::Opus, &old, &mut out).is_ok());
        dec.expire(t0 + OLD_EPOCH_GRACE);
        assert_eq!(
            dec.decrypt(Codec::Opus, &old, &mut out),
            Err(MediaError::UnknownKey(kid(TrackContext::Microphone, 0, 1)))
        );
    }

    #[test]
    fn each_epoch_starts_a_fresh_key_and_counter() {
        let mut enc = FrameEncryptor::new(TrackContext::Microphone);
        enc.set_epoch(1, 0, &KEY_A).unwrap();
        let mut a = Vec::new();
        enc.encrypt(b"a", &mut a).unwrap();
        enc.encrypt(b"a", &mut a).unwrap();
        enc.set_epoch(2, 0, &KEY_B).unwrap();
        let mut b = Vec::new();
        enc.encrypt(b"a", &mut b).unwrap();
        let mut dec = FrameDecryptor::new();
        dec.set_epoch(2, &KEY_B, Instant::now());
        let mut out = Vec::new();
        dec.decrypt(Codec::Opus, &b, &mut out).unwrap();
        assert_eq!(out, b"a");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Arbitrary received bytes are refused with an error, never a
        /// panic, and never "decrypt".
        #[test]
        fn arbitrary_frames_are_refused_cleanly(data in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut dec = FrameDecryptor::new();
            dec.set_epoch(1, &[9; 16], Instant::now());
            let mut out = Vec::new();
            prop_assert!(dec.decrypt(Codec::Vp8, &data, &mut out).is_err());
            prop_assert!(dec.decrypt(Codec::Opus, &data, &mut out).is_err());
        }
    }
}
