//! From recorded RTP packets back to whole (still encrypted) frames: VP8
//! per RFC 7741 (the payload descriptor in front of each packet's share of
//! the frame), Opus one frame per packet. Browsers packetize the SFrame
//! ciphertext like any VP8 frame, so this is the receiver's usual work.

use std::collections::BTreeMap;

use crate::file::MediaRecord;

/// One frame as its packets arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub rtp_time: u64,
    /// When its first packet reached the server (µs from the start).
    pub at_us: u64,
    pub data: Vec<u8>,
}

/// Frames that could not be put back together (a packet never arrived).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Losses {
    pub incomplete_frames: u64,
}

/// The length of a VP8 payload descriptor, and whether the packet starts a
/// frame (S=1, partition 0). `None` when the packet is shorter than it.
fn vp8_descriptor(payload: &[u8]) -> Option<(usize, bool)> {
    let first = *payload.first()?;
    let start = first & 0x10 != 0 && first & 0x07 == 0;
    let mut len = 1;
    if first & 0x80 != 0 {
        let ext = *payload.get(1)?;
        len += 1;
        if ext & 0x80 != 0 {
            // PictureID: 7 bits, or 15 when its M bit is set.
            let pid = *payload.get(len)?;
            len += if pid & 0x80 != 0 { 2 } else { 1 };
        }
        if ext & 0x40 != 0 {
            len += 1; // TL0PICIDX
        }
        if ext & 0x30 != 0 {
            len += 1; // TID/Y/KEYIDX
        }
    }
    (payload.len() > len).then_some((len, start))
}

#[derive(Default)]
struct Parts<'a> {
    at_us: u64,
    packets: BTreeMap<u64, (&'a [u8], bool)>,
}

/// Reassembles one VP8 stream's frames (one sender, track and layer), in
/// the order they began to arrive. Duplicates (retransmissions) count once;
/// a frame missing any packet is left out and counted.
pub fn vp8_frames<'a>(packets: impl IntoIterator<Item = &'a MediaRecord>) -> (Vec<Frame>, Losses) {
    // Packets of one frame share its RTP time. Grouping by it, not by
    // sequence order, survives reordering and a new stream (a republished
    // camera) whose numbers start elsewhere.
    let mut by_time: BTreeMap<u64, Parts<'a>> = BTreeMap::new();
    for p in packets {
        let parts = by_time.entry(p.rtp_time).or_insert_with(|| Parts {
            at_us: p.at_us,
            packets: BTreeMap::new(),
        });
        parts.at_us = parts.at_us.min(p.at_us);
        parts
            .packets
            .entry(p.seq)
            .or_insert((&p.payload[..], p.marker));
    }
    let mut frames = Vec::new();
    let mut losses = Losses::default();
    for (rtp_time, parts) in by_time {
        match assemble(&parts.packets) {
            Some(data) => frames.push(Frame {
                rtp_time,
                at_us: parts.at_us,
                data,
            }),
            None => losses.incomplete_frames += 1,
        }
    }
    frames.sort_by_key(|f| f.at_us);
    (frames, losses)
}

fn assemble(packets: &BTreeMap<u64, (&[u8], bool)>) -> Option<Vec<u8>> {
    let first_seq = *packets.keys().next()?;
    let mut data = Vec::new();
    for (i, (seq, (payload, marker))) in packets.iter().enumerate() {
        if *seq != first_seq + i as u64 {
            return None;
        }
        let (skip, start) = vp8_descriptor(payload)?;
        if (i == 0) != start {
            return None;
        }
        data.extend_from_slice(&payload[skip..]);
        if *marker {
            return (i + 1 == packets.len()).then_some(data);
        }
    }
    None
}

/// Opus: every packet is one frame.
pub fn opus_frames<'a>(packets: impl IntoIterator<Item = &'a MediaRecord>) -> Vec<Frame> {
    let mut seen = std::collections::HashSet::new();
    let mut frames: Vec<Frame> = packets
        .into_iter()
        .filter(|p| !p.payload.is_empty() && seen.insert((p.seq, p.rtp_time)))
        .map(|p| Frame {
            rtp_time: p.rtp_time,
            at_us: p.at_us,
            data: p.payload.clone(),
        })
        .collect();
    frames.sort_by_key(|f| f.at_us);
    frames
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::Source;

    fn packet(seq: u64, time: u64, descriptor: &[u8], body: &[u8], marker: bool) -> MediaRecord {
        let mut payload = descriptor.to_vec();
        payload.extend_from_slice(body);
        MediaRecord {
            participant: 1,
            source: Source::Camera,
            layer: 0,
            seq,
            rtp_time: time,
            marker,
            at_us: seq * 10,
            payload,
        }
    }

    #[test]
    fn vp8_frames_are_rebuilt_across_packets_reordering_and_retransmission() {
        // Extended descriptor with a 15-bit picture id, as browsers send.
        let start = [0x90, 0x80, 0x81, 0x23];
        let cont = [0x80, 0x80, 0x81, 0x23];
        let packets = vec![
            packet(11, 3000, &cont, b"DEF", true),
            packet(10, 3000, &start, b"ABC", false),
            packet(10, 3000, &start, b"ABC", false), // resent
            packet(12, 6000, &[0x10], b"G", true),
            // A frame whose middle packet never came.
            packet(13, 9000, &start, b"H", false),
            packet(15, 9000, &cont, b"J", true),
        ];
        let (frames, losses) = vp8_frames(&packets);
        let got: Vec<&[u8]> = frames.iter().map(|f| &f.data[..]).collect();
        assert_eq!(got, [&b"ABCDEF"[..], b"G"]);
        assert_eq!(frames[0].at_us, 100, "the first arrival dates a frame");
        assert_eq!(losses.incomplete_frames, 1);
    }

    #[test]
    fn truncated_descriptors_and_frames_without_a_start_are_left_out() {
        let packets = vec![
            packet(1, 1, &[0x90, 0x80], b"", true), // descriptor cut short
            packet(2, 2, &[0x00], b"X", true),      // no S bit
            packet(3, 3, &[0x11], b"Y", true),      // partition 1 first
        ];
        let (frames, losses) = vp8_frames(&packets);
        assert!(frames.is_empty());
        assert_eq!(losses.incomplete_frames, 3);
    }
}
