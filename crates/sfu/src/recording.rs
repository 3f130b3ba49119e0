//! Recording taps the per-packet path: for a room being recorded, every
//! packet a publisher sends is also handed to the shell as it arrived —
//! still SFrame-encrypted, since the SFU never holds a key. The shell
//! writes it to disk off the media task (`conclave-recording`).

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

use conclave_signaling::{ParticipantId, TrackSource};
use str0m::media::KeyframeRequestKind;
use str0m::rtp::RtpPacket;

use crate::{RoomKey, Sfu};

/// Recorded packets waiting for the shell. The shell drains them after
/// every input, so this fills only if it stops draining; past it packets
/// are dropped (and counted) rather than growing the media task's memory.
/// 8192 packets is about two seconds of a 20-person meeting's uplinks.
pub const MAX_RECORDED_BACKLOG: usize = 8192;

/// When a recorded epoch begins, the room's cameras are asked for key
/// frames at once and again this much later: browsers keep sending under
/// the previous epoch for 1.5 s after a commit that removed nobody
/// (docs/e2ee.md), so the first key frame may still be under a key nobody
/// sealed, and the recording could show that sender's video only from its
/// next periodic key frame. A second request lands in the new epoch. Costs
/// two key frames per camera per epoch while recording (epochs change on
/// joins, leaves and the periodic rekey).
pub const RECORDED_EPOCH_KEYFRAME_DELAY: std::time::Duration = std::time::Duration::from_secs(2);

/// One publisher packet of a recorded room, as received (RTP payload still
/// encrypted end to end).
#[derive(Debug, Clone)]
pub struct RecordedPacket {
    pub room: RoomKey,
    pub from: ParticipantId,
    pub source: TrackSource,
    /// Simulcast layer, lowest quality first (0 for a single-layer track).
    pub layer: u8,
    /// Extended RTP sequence number and timestamp (no wrap-around).
    pub seq: u64,
    pub rtp_time: u64,
    pub marker: bool,
    pub payload: Arc<[u8]>,
    pub at: Instant,
}

impl Sfu {
    /// Starts or stops handing a room's packets to [`Sfu::poll_recorded`].
    /// On start every video layer in the room is asked for a key frame, so
    /// the recording opens with pictures a decoder can start from.
    pub fn set_recording(&mut self, room: RoomKey, on: bool, now: Instant) {
        let Some(r) = self.rooms.get_mut(&room) else {
            return;
        };
        r.recording = on;
        if !on {
            r.recording_keyframes_at = None;
            return;
        }
        self.request_room_keyframes(room, now);
        self.drive(now);
    }

    /// A host sealed a new epoch of a recorded room: its pictures must
    /// start there (see [`RECORDED_EPOCH_KEYFRAME_DELAY`]).
    pub fn handle_recorded_epoch(&mut self, room: RoomKey, now: Instant) {
        let Some(r) = self.rooms.get_mut(&room) else {
            return;
        };
        if !r.recording {
            return;
        }
        let at = now + RECORDED_EPOCH_KEYFRAME_DELAY;
        r.recording_keyframes_at = Some(at);
        self.timers
            .schedule(at, crate::timers::Due::RecordingKeyframes(room));
        self.request_room_keyframes(room, now);
        self.drive(now);
    }

    /// Asks every video layer published in `room` for a key frame (each
    /// layer at most once per `KEYFRAME_REQUEST_INTERVAL`).
    pub(crate) fn request_room_keyframes(&mut self, room: RoomKey, now: Instant) {
        let video: Vec<(conclave_signaling::TrackId, usize)> = self
            .tracks
            .iter()
            .filter(|(_, t)| {
                t.room == room && t.source.kind() == conclave_signaling::MediaKind::Video
            })
            .flat_map(|(id, t)| (0..t.layers.len()).map(move |l| (*id, l)))
            .collect();
        for (track, layer) in video {
            self.request_keyframe(track, layer, KeyframeRequestKind::Pli, now);
        }
    }

    pub fn poll_recorded(&mut self) -> Option<RecordedPacket> {
        self.recorded.packets.pop_front()
    }

    /// Packets dropped because the shell did not drain them in time.
    pub fn recorded_dropped(&self) -> u64 {
        self.recorded.dropped
    }
}

/// Packets of recorded rooms waiting for the shell, bounded.
#[derive(Default)]
pub(crate) struct RecordedQueue {
    packets: VecDeque<RecordedPacket>,
    dropped: u64,
}

impl RecordedQueue {
    pub(crate) fn push(
        &mut self,
        room: RoomKey,
        from: ParticipantId,
        source: TrackSource,
        layer: usize,
        packet: &RtpPacket,
    ) {
        if self.packets.len() >= MAX_RECORDED_BACKLOG {
            self.dropped += 1;
            return;
        }
        self.packets.push_back(RecordedPacket {
            room,
            from,
            source,
            layer: u8::try_from(layer).unwrap_or(u8::MAX),
            seq: *packet.seq_no,
            rtp_time: packet.time.numer(),
            marker: packet.header.marker,
            payload: Arc::clone(&packet.payload),
            at: packet.timestamp,
        });
    }
}
