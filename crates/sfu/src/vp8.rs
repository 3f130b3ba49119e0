//! The only bytes of a media payload the SFU ever reads: the VP8 RTP payload
//! descriptor (RFC 7741 §4.2, written by the packetizer, outside the encoded
//! frame) and, on the first packet of a frame, the start of the VP8 frame
//! itself: its first byte, whose lowest bit says key frame or not (RFC 6386
//! §9.1), and on a key frame the start code and picture size that follow
//! (§9.2), which is how the SFU knows each simulcast layer's real height.
//!
//! Once frames are end-to-end encrypted, those bytes (3 on a delta frame, 10
//! on a key frame) are the unencrypted, authenticated prefix the sender
//! leaves for us (docs/e2ee.md). Nothing else is parsed.

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
