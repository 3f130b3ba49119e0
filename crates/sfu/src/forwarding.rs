//! The per-packet path: a publisher's packet to every subscriber that wants
//! its layer, key-frame requests back to publishers (rate-limited), and the
//! layer each receiver gets, from its tiles and its link.

use std::collections::HashMap;
use std::time::Instant;

use conclave_signaling::{ParticipantId, TrackId, TrackSource};
use str0m::media::KeyframeRequestKind;
use str0m::rtp::{RtpPacket, Ssrc};

use crate::peer::PeerRole;
use crate::vp8;
use crate::{
    KEYFRAME_REQUEST_INTERVAL, Participant, Sfu, SfuError, Track, VIDEO_BUDGET_SHARE_PERCENT,
};

impl Sfu {
    /// Records the size a receiver shows a remote video at.
    pub fn set_video_size(
        &mut self,
        id: ParticipantId,
        track: TrackId,
        width: u32,
        height: u32,
        now: Instant,
    ) -> Result<(), SfuError> {
        let p = self
            .participants
            .get_mut(&id)
            .ok_or(SfuError::UnknownParticipant(id))?;
        p.subscriptions.set_size(track, width, height);
        self.review_layers_of(id, now);
        self.drive(now);
        Ok(())
    }

    /// The per-packet path: one publisher packet to every subscriber that
    /// wants it. The payload is shared (`Arc`), never copied or parsed beyond
    /// the VP8 descriptor.
    pub(crate) fn forward(&mut self, from: ParticipantId, packet: RtpPacket, now: Instant) {
        let ssrc = packet.header.ssrc;
        let Some(p) = self.participants.get_mut(&from) else {
            return;
        };
        let route = match p.routes.get(&ssrc) {
            Some(r) => Some(*r),
            None => {
                let learned = learn_route(p, &self.tracks, ssrc);
                if let Some(r) = learned {
                    p.routes.insert(ssrc, r);
                }
                learned
            }
        };
        let Some((tid, layer_idx)) = route else {
            return;
        };
        let room_key = p.room;
        let Some(track) = self.tracks.get_mut(&tid) else {
            return;
        };
        if let Some(layer) = track.layers.get_mut(layer_idx) {
            layer.ssrc = Some(ssrc);
            layer.last_packet_at = Some(now);
            layer.meter.record(packet.payload.len(), now);
        }
        #[cfg(feature = "payload-tap")]
        if let Some(tap) = self.tap.as_mut() {
            tap(from, track.source, &packet.payload);
        }
        let is_audio = track.source.kind() == conclave_signaling::MediaKind::Audio;
        if is_audio
            && track.source == TrackSource::Microphone
            && let Some(level) = packet.header.ext_vals.audio_level
            && let Some(room) = self.rooms.get_mut(&room_key)
        {
            room.speaker.record(from, level);
        }
        let keyframe = !is_audio && vp8::starts_keyframe(&packet.payload);
        let source = track.source;
        let Some(room) = self.rooms.get(&room_key) else {
            return;
        };
        if room.recording {
            self.recorded
                .push(room_key, from, source, layer_idx, &packet);
        }
        let mut wants_keyframe = false;
        for member in &room.members {
            if *member == from {
                continue;
            }
            let Some(sub) = self.participants.get_mut(member) else {
                continue;
            };
            let Some(slot) = sub.subscriptions.slot_mut(tid) else {
                continue;
            };
            let wrote = slot.forward(&mut sub.subscriber.rtc, &packet, layer_idx, keyframe, now);
            wants_keyframe |= slot.waiting_for_keyframe(layer_idx);
            if wrote {
                self.dirty.push((*member, PeerRole::Subscriber));
            }
        }
        if wants_keyframe {
            self.request_keyframe(tid, layer_idx, KeyframeRequestKind::Pli, now);
        }
    }

    /// Asks a publisher for a key frame on one layer, at most once per
    /// [`KEYFRAME_REQUEST_INTERVAL`].
    pub(crate) fn request_keyframe(
        &mut self,
        track: TrackId,
        layer: usize,
        kind: KeyframeRequestKind,
        now: Instant,
    ) {
        let Some(t) = self.tracks.get_mut(&track) else {
            return;
        };
        let Some(l) = t.layers.get_mut(layer) else {
            return;
        };
        if l.last_keyframe_request
            .is_some_and(|at| now.saturating_duration_since(at) < KEYFRAME_REQUEST_INTERVAL)
        {
            return;
        }
        let Some(ssrc) = l.ssrc else {
            return;
        };
        l.last_keyframe_request = Some(now);
        let owner = t.owner;
        if let Some(p) = self.participants.get_mut(&owner) {
            if let Some(stream) = p.publisher.rtc.direct_api().stream_rx(&ssrc) {
                stream.request_keyframe(kind);
            }
            self.dirty.push((owner, PeerRole::Publisher));
        }
    }

    /// Re-chooses the layer of every video a receiver gets.
    pub(crate) fn review_layers_of(&mut self, id: ParticipantId, now: Instant) {
        let Some(p) = self.participants.get_mut(&id) else {
            return;
        };
        let budget = p.subscriptions.estimate_bps * VIDEO_BUDGET_SHARE_PERCENT / 100;
        let tracks = &self.tracks;
        let wanted = p.subscriptions.choose_layers(
            budget,
            |tid| tracks.get(&tid).map(|t| &t.layers[..]),
            now,
        );
        for (track, layer) in wanted {
            self.request_keyframe(track, layer, KeyframeRequestKind::Pli, now);
        }
    }
}

/// Finds which track and layer an unknown incoming SSRC belongs to, from the
/// MID/RID str0m associated with it.
fn learn_route(
    p: &mut Participant,
    tracks: &HashMap<TrackId, Track>,
    ssrc: Ssrc,
) -> Option<(TrackId, usize)> {
    let stream = p
        .publisher
        .rtc
        .direct_api()
        .stream_rx(&ssrc)
        .map(|s| (s.mid(), s.rid()))?;
    let (mid, rid) = stream;
    p.published.iter().find_map(|tid| {
        let t = tracks.get(tid)?;
        if t.mid != mid {
            return None;
        }
        let layer = match rid {
            Some(rid) => t.rids.iter().position(|r| *r == rid)?,
            None => 0,
        };
        Some((*tid, layer))
    })
}
