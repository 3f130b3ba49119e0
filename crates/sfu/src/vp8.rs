//! The only bytes of a media payload the SFU ever reads: the VP8 RTP payload
//! descriptor (RFC 7741 §4.2, written by the packetizer, outside the encoded
//! frame) and, on the first packet of a frame, the start of the VP8 frame
//! itself: its first byte, whose lowest bit says key frame or not (RFC 6386
//! §9.1), and on a key frame the start code and picture size that follow
//! (§9.2), which is how the SFU knows each simulcast layer's real height.
//!
//! Once frames are end-to-end encrypted, those bytes (3 on a delta frame, 10
//! on a key frame) are the unencrypted, authenticated prefix the sender
//! leaves for us (docs/e2ee.md). Nothing else is parsed, and the only bytes
//! the SFU changes are the descriptor's running picture numbers
//! ([`PictureNumbers`]), which are outside the frame.

use str0m::rtp::{Vp8Descriptor, Vp8Patch};

/// Where the VP8 frame starts in this RTP payload, if the payload begins a
/// frame (start of partition 0).
fn frame_start(payload: &[u8]) -> Option<usize> {
    let first = *payload.first()?;
    let extended = first & 0x80 != 0;
    let start_of_partition = first & 0x10 != 0;
    let partition_index = first & 0x07;
    if !start_of_partition || partition_index != 0 {
        return None;
    }
    let mut offset = 1;
    if extended {
        let ext = *payload.get(1)?;
        offset = 2;
        if ext & 0x80 != 0 {
            // PictureID: one byte, or two when its top bit (M) is set.
            let pid = *payload.get(offset)?;
            offset += if pid & 0x80 != 0 { 2 } else { 1 };
        }
        if ext & 0x40 != 0 {
            offset += 1; // TL0PICIDX
        }
        if ext & 0x30 != 0 {
            offset += 1; // TID/Y/KEYIDX share one byte
        }
    }
    Some(offset)
}

/// PictureIDs are 15 bits at most (7 in the short form); TL0PICIDX 8;
/// KEYIDX 5.
const PICTURE_ID_MASK: u16 = 0x7fff;
const SHORT_PICTURE_ID_MASK: u16 = 0x7f;
const TL0_MASK: u16 = 0xff;
const KEY_IDX_MASK: u16 = 0x1f;

/// Keeps the descriptor's running numbers (PictureID, TL0PICIDX, KEYIDX)
/// continuous on one outgoing stream across simulcast switches, as the
/// sequence numbers are (`rewrite.rs`). Each layer numbers its pictures
/// from its own start; a receiver's VP8 reference finder that saw them jump
/// back took the new layer's pictures for old ones, and Chrome froze the
/// picture about 3 s at a time (its wait for a decodable frame) after some
/// switches up. The new numbers go out as a str0m [`Vp8Patch`], applied as
/// the packet is serialised: the payload stays the one shared allocation.
#[derive(Clone, Copy, Debug, Default)]
pub struct PictureNumbers {
    picture_id: RunningNumber,
    tl0: RunningNumber,
    key_idx: RunningNumber,
}

/// One of the descriptor's numbers on one outgoing stream.
#[derive(Clone, Copy, Debug, Default)]
struct RunningNumber {
    /// Added to each number of the current layer.
    offset: u16,
    /// The newest number written, which the next layer continues from.
    last: Option<u16>,
}

impl RunningNumber {
    /// The new layer's `first` number is to follow the last one written.
    fn switch(&mut self, first: Option<u16>, mask: u16) {
        self.offset = match (self.last, first) {
            (Some(last), Some(first)) => last.wrapping_add(1).wrapping_sub(first) & mask,
            _ => 0,
        };
    }

    /// `value` in this stream's sequence.
    fn map(&mut self, value: u16, mask: u16) -> u16 {
        let new = value.wrapping_add(self.offset) & mask;
        if self.last.is_none_or(|last| ahead(new, last & mask, mask)) {
            self.last = Some(new);
        }
        new
    }
}

impl PictureNumbers {
    /// `d` describes the key frame where the stream switches to a new
    /// layer: its numbers are made to follow the last ones written.
    pub fn switch(&mut self, d: &Vp8Descriptor) {
        self.picture_id.switch(d.picture_id(), PICTURE_ID_MASK);
        self.tl0.switch(d.tl0_pic_idx().map(u16::from), TL0_MASK);
        self.key_idx
            .switch(d.key_idx().map(u16::from), KEY_IDX_MASK);
    }

    /// The patch that moves the numbers `d` describes into this stream's
    /// sequence, or `None` when the packet goes out as it came.
    pub fn patch(&mut self, d: &Vp8Descriptor) -> Option<Vp8Patch> {
        let mut patch = d.patch();
        let mut changed = false;
        if let Some(id) = d.picture_id() {
            // The short form stays short: str0m refuses a value it cannot hold.
            let long = d.patch().picture_id(PICTURE_ID_MASK).build().is_ok();
            let mask = if long {
                PICTURE_ID_MASK
            } else {
                SHORT_PICTURE_ID_MASK
            };
            let new = self.picture_id.map(id, mask);
            if new != id {
                patch = patch.picture_id(new);
                changed = true;
            }
        }
        if let Some(idx) = d.tl0_pic_idx() {
            let new = self.tl0.map(u16::from(idx), TL0_MASK) as u8;
            if new != idx {
                patch = patch.tl0_pic_idx(new);
                changed = true;
            }
        }
        if let Some(idx) = d.key_idx() {
            let new = self.key_idx.map(u16::from(idx), KEY_IDX_MASK) as u8;
            if new != idx {
                patch = patch.key_idx(new);
                changed = true;
            }
        }
        if !changed {
            return None;
        }
        patch.build().ok()
    }
}

/// Whether `a` comes after `b` in a sequence that wraps at `mask` + 1
/// (equal counts: several packets share one picture's numbers).
fn ahead(a: u16, b: u16, mask: u16) -> bool {
    let diff = a.wrapping_sub(b) & mask;
    diff <= mask / 2
}

/// Whether this RTP payload starts a VP8 key frame.
///
/// Returns `false` for anything malformed or truncated: a packet we cannot
/// read is simply never a switching point.
pub fn starts_keyframe(payload: &[u8]) -> bool {
    // Inverse key frame flag: P = 0 means key frame.
    frame_start(payload)
        .and_then(|at| payload.get(at))
        .is_some_and(|b| b & 0x01 == 0)
}

/// The picture size (width, height) a key frame announces, if this payload
/// starts one and carries its start code. `None` for delta frames and for
/// anything malformed: the SFU then falls back to nominal layer heights.
pub fn keyframe_size(payload: &[u8]) -> Option<(u16, u16)> {
    if !starts_keyframe(payload) {
        return None;
    }
    let at = frame_start(payload)?;
    // 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height,
    // little-endian, each under a 2-bit scaling field.
    let header = payload.get(at..at + 10)?;
    if header[3..6] != [0x9d, 0x01, 0x2a] {
        return None;
    }
    let width = u16::from_le_bytes([header[6], header[7]]) & 0x3fff;
    let height = u16::from_le_bytes([header[8], header[9]]) & 0x3fff;
    (width > 0 && height > 0).then_some((width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A descriptor with a 15-bit PictureID, TL0PICIDX and TID/KEYIDX,
    /// then `rest`.
    fn described(picture_id: u16, tl0: u8, key_idx: u8, rest: &[u8]) -> Vec<u8> {
        let [high, low] = picture_id.to_be_bytes();
        let mut p = vec![0x90, 0xf0, 0x80 | high, low, tl0, 0x40 | key_idx];
        p.extend_from_slice(rest);
        p
    }

    /// The SFU's two calls on a payload, through str0m's parser as
    /// forwarding does: what it cannot parse is never patched.
    fn switch(n: &mut PictureNumbers, payload: &[u8]) {
        if let Ok(d) = Vp8Descriptor::parse(payload) {
            n.switch(&d);
        }
    }

    fn patch(n: &mut PictureNumbers, payload: &[u8]) -> Option<Vp8Patch> {
        n.patch(&Vp8Descriptor::parse(payload).ok()?)
    }

    /// The patch that gives `payload` these numbers.
    fn renumbered(payload: &[u8], picture_id: u16, tl0: u8, key_idx: u8) -> Option<Vp8Patch> {
        Vp8Descriptor::parse(payload)
            .unwrap()
            .patch()
            .picture_id(picture_id)
            .tl0_pic_idx(tl0)
            .key_idx(key_idx)
            .build()
            .ok()
    }

    #[test]
    fn a_switched_layer_continues_the_picture_numbers() {
        let mut n = PictureNumbers::default();
        let key = [0x00, 0x01, 0x02];
        // The first layer goes out untouched.
        let first = described(30_000, 200, 3, &key);
        switch(&mut n, &first);
        assert_eq!(patch(&mut n, &first), None);
        assert_eq!(patch(&mut n, &described(30_001, 200, 3, &[0x01])), None);
        assert_eq!(patch(&mut n, &described(30_002, 201, 3, &[0x01])), None);
        // The next layer numbers from elsewhere, behind and wrapping.
        let other = described(12, 7, 30, &key);
        switch(&mut n, &other);
        assert_eq!(patch(&mut n, &other), renumbered(&other, 30_003, 202, 4));
        let next = described(13, 7, 30, &[0x01]);
        assert_eq!(patch(&mut n, &next), renumbered(&next, 30_004, 202, 4));
        // And back: continues again, across the 15-bit wrap.
        n.picture_id.last = Some(0x7fff);
        let back = described(30_500, 90, 0, &key);
        switch(&mut n, &back);
        assert_eq!(patch(&mut n, &back), renumbered(&back, 0, 203, 5));
    }

    #[test]
    fn descriptors_without_numbers_or_cut_short_go_out_as_they_came() {
        let mut n = PictureNumbers::default();
        switch(&mut n, &described(5, 5, 5, &[0]));
        patch(&mut n, &described(5, 5, 5, &[0]));
        switch(&mut n, &described(900, 1, 1, &[0]));
        assert_eq!(patch(&mut n, &[0x10, 0x00]), None, "no extension");
        assert_eq!(patch(&mut n, &[0x90, 0x80, 0x81]), None, "cut short");
        assert_eq!(patch(&mut n, &[]), None);
        // A 7-bit PictureID stays 7 bits: the layer's offset (900 became 6)
        // taken modulo 128.
        let short = [0x90, 0x80, 0x05, 0x00];
        let patch = patch(&mut n, &short).expect("renumbered");
        let expected = Vp8Descriptor::parse(&short)
            .unwrap()
            .patch()
            .picture_id(7)
            .build()
            .unwrap();
        assert_eq!(patch, expected);
    }

    #[test]
    fn plain_descriptor_keyframe_and_delta() {
        // S=1, PID=0, frame byte with P=0 (key) / P=1 (delta).
        assert!(starts_keyframe(&[0x10, 0x50, 0x00]));
        assert!(!starts_keyframe(&[0x10, 0x51, 0x00]));
    }

    #[test]
    fn extended_descriptor_as_chrome_sends_it() {
        // X=1,S=1; I=1,L=1,T=1; 15-bit picture id; tl0picidx; tid byte; frame.
        let key = [0x90, 0xe0, 0x80 | 0x12, 0x34, 0x05, 0x20, 0x10];
        assert!(starts_keyframe(&key));
        let delta = [0x90, 0xe0, 0x80 | 0x12, 0x34, 0x05, 0x20, 0x11];
        assert!(!starts_keyframe(&delta));
        // 7-bit picture id.
        assert!(starts_keyframe(&[0x90, 0x80, 0x12, 0x00]));
    }

    #[test]
    fn continuation_packets_are_never_keyframe_starts() {
        assert!(!starts_keyframe(&[0x00, 0x00]));
        assert!(!starts_keyframe(&[0x11, 0x00]));
    }

    #[test]
    fn key_frames_announce_their_picture_size() {
        // Plain descriptor, frame tag of a key frame, start code, 640x480
        // with scaling bits set (they are not part of the size).
        let key = [
            0x10, 0x50, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x42, 0xe0, 0x41,
        ];
        assert_eq!(keyframe_size(&key), Some((640, 480)));
        // Extended descriptor (as Chrome sends it) before the same frame.
        let mut chrome = vec![0x90, 0xe0, 0x80 | 0x12, 0x34, 0x05, 0x20];
        chrome.extend_from_slice(&key[1..]);
        assert_eq!(keyframe_size(&chrome), Some((640, 480)));
    }

    #[test]
    fn no_size_from_delta_frames_truncated_headers_or_a_wrong_start_code() {
        let mut delta = [
            0x10, 0x51, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01,
        ];
        assert_eq!(keyframe_size(&delta), None);
        delta[1] = 0x50;
        assert_eq!(keyframe_size(&delta[..10]), None, "truncated");
        delta[5] = 0x00;
        assert_eq!(keyframe_size(&delta), None, "not the start code");
        // Zero sizes are no size.
        let zero = [
            0x10, 0x50, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x00, 0x00, 0x00, 0x00,
        ];
        assert_eq!(keyframe_size(&zero), None);
    }

    #[test]
    fn truncated_or_empty_payloads_are_not_keyframes() {
        assert!(!starts_keyframe(&[]));
        assert!(!starts_keyframe(&[0x90]));
        assert!(!starts_keyframe(&[0x90, 0x80]));
        assert!(!starts_keyframe(&[0x90, 0x80, 0x92]));
        assert!(!starts_keyframe(&[0x10]));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any bytes a sender (or an attacker) puts in a payload are read
        /// without panicking or reading past the end.
        #[test]
        fn arbitrary_payloads_never_panic(payload in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = starts_keyframe(&payload);
            let _ = keyframe_size(&payload);
        }
    }
}
