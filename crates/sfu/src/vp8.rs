//! The only bytes of a media payload the SFU ever reads: the VP8 RTP payload
//! descriptor (RFC 7741 §4.2, written by the packetizer, outside the encoded
//! frame) and, on the first packet of a frame, the first byte of the VP8
//! frame itself, whose lowest bit says key frame or not (RFC 6386 §9.1).
//!
//! Once frames are end-to-end encrypted, that one byte is the unencrypted,
//! authenticated prefix the sender leaves for us. Nothing else is parsed.

/// Whether this RTP payload starts a VP8 key frame.
///
/// Returns `false` for anything malformed or truncated: a packet we cannot
/// read is simply never a switching point.
pub fn starts_keyframe(payload: &[u8]) -> bool {
    let Some(&first) = payload.first() else {
        return false;
    };
    let extended = first & 0x80 != 0;
    let start_of_partition = first & 0x10 != 0;
    let partition_index = first & 0x07;
    if !start_of_partition || partition_index != 0 {
        return false;
    }
    let mut offset = 1;
    if extended {
        let Some(&ext) = payload.get(1) else {
            return false;
        };
        offset = 2;
        if ext & 0x80 != 0 {
            // PictureID: one byte, or two when its top bit (M) is set.
            let Some(&pid) = payload.get(offset) else {
                return false;
            };
            offset += if pid & 0x80 != 0 { 2 } else { 1 };
        }
        if ext & 0x40 != 0 {
            offset += 1; // TL0PICIDX
        }
        if ext & 0x30 != 0 {
            offset += 1; // TID/Y/KEYIDX share one byte
        }
    }
    // Inverse key frame flag: P = 0 means key frame.
    payload.get(offset).is_some_and(|b| b & 0x01 == 0)
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
        }
    }
}
