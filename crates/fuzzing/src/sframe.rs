//! SFrame as a receiver meets it: a frame from the SFU, meant to be
//! `prefix || header || ciphertext || tag`, but really any bytes.

use std::time::{Duration, Instant};

use conclave_e2ee::media::BASE_KEY_LEN;
use conclave_e2ee::{Codec, FrameDecryptor, FrameEncryptor, TrackContext};
use sframe::header::SframeHeader;

use crate::input::Input;

const KEYS: [[u8; BASE_KEY_LEN]; 3] = [[1; BASE_KEY_LEN], [2; BASE_KEY_LEN], [3; BASE_KEY_LEN]];
const CONTEXTS: [TrackContext; 4] = [
    TrackContext::Microphone,
    TrackContext::Camera,
    TrackContext::Screen,
    TrackContext::ScreenAudio,
];

/// A decryptor holding three epochs (one of them superseded) receives
/// arbitrary bytes. Nothing forged may decrypt; the header parser's answer
/// must survive a round trip.
pub fn sframe_decrypt(data: &[u8]) {
    let mut input = Input::new(data);
    let codec = if input.bool() {
        Codec::Vp8
    } else {
        Codec::Opus
    };
    let frame = input.rest();

    if let Ok(header) = SframeHeader::deserialize(frame) {
        assert!(header.len() <= frame.len());
        let mut buf = vec![0; header.len()];
        header.serialize(&mut buf).expect("fits its own length");
        let again = SframeHeader::deserialize(&buf).expect("own encoding parses");
        assert_eq!(
            (again.key_id(), again.counter()),
            (header.key_id(), header.counter())
        );
    }

    let t0 = Instant::now();
    let mut dec = FrameDecryptor::new();
    dec.set_epoch(1, &KEYS[0], t0);
    dec.set_epoch(2, &KEYS[1], t0);
    dec.set_epoch(17, &KEYS[2], t0 + Duration::from_secs(1));
    let mut out = Vec::new();
    let result = dec.decrypt(codec, frame, &mut out);
    assert!(result.is_err(), "forged frame decrypted: {result:?}");
    assert_eq!(dec.failures(), 1);
}

/// Frames of any content and length, encrypted by a sender and mangled
/// (or not) on the way: untouched frames come back byte for byte with the
/// right sender; any changed byte fails.
pub fn sframe_roundtrip(data: &[u8]) {
    let mut input = Input::new(data);
    let context = CONTEXTS[input.below(CONTEXTS.len())];
    let leaf = u32::from(input.u16());
    let epoch = u64::from(input.u8());
    let key = KEYS[input.below(KEYS.len())];
    let flip_at = input.u16();
    let flip = input.u8();
    let frames = usize::from(input.u8() % 4) + 1;

    let now = Instant::now();
    let mut enc = FrameEncryptor::new(context);
    enc.set_epoch(epoch, leaf, &key).expect("derive");
    let mut dec = FrameDecryptor::new();
    dec.set_epoch(epoch, &key, now);

    let mut wire = Vec::new();
    let mut out = Vec::new();
    for _ in 0..frames {
        let frame = input.bytes(2048);
        if let Err(e) = enc.encrypt(frame, &mut wire) {
            // Only a VP8 frame too short to hold its own header is refused.
            assert_eq!(context.codec(), Codec::Vp8, "{e}");
            assert!(frame.len() < 10, "{e}");
            continue;
        }
        let leaf_in_kid = leaf & 0xffff;
        if flip == 0 || wire.is_empty() {
            let got = dec.decrypt(context.codec(), &wire, &mut out);
            assert_eq!(got, Ok((leaf_in_kid, context)));
            assert_eq!(out, frame);
        } else {
            let at = usize::from(flip_at) % wire.len();
            wire[at] ^= flip;
            let got = dec.decrypt(context.codec(), &wire, &mut out);
            assert!(got.is_err(), "a changed byte at {at} went unnoticed");
        }
    }
    // A frame of this track read as the other codec is never accepted.
    let other = match context.codec() {
        Codec::Opus => Codec::Vp8,
        Codec::Vp8 => Codec::Opus,
    };
    enc.encrypt(&[0x01; 16], &mut wire).expect("encrypt");
    assert!(dec.decrypt(other, &wire, &mut out).is_err());
}
