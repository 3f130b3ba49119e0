//! The per-packet path: a publisher's packet to every subscriber that wants
//! its layer, key-frame requests back to publishers (rate-limited), and the
//! layer each receiver gets, from its tiles and its link.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use conclave_signaling::{ParticipantId, TrackId, TrackSource};
use str0m::media::KeyframeRequestKind;
use str0m::rtp::{RtpPacket, Ssrc, Vp8Descriptor};

use crate::peer::PeerRole;
use crate::selection::VideoChoice;
use crate::timers::Due;
use crate::vp8;
use crate::{
    KEYFRAME_REQUEST_INTERVAL, Participant, RoomKey, Sfu, SfuError, SfuEvent, Track,
    VIDEO_BUDGET_SHARE_PERCENT,
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

    /// What cameras a receiver wants: `last_n` recent speakers (`None`: the
    /// server's default) and the participants it pinned.
    pub fn set_video_choice(
        &mut self,
        id: ParticipantId,
        last_n: Option<usize>,
        pinned: Vec<ParticipantId>,
        now: Instant,
    ) -> Result<(), SfuError> {
        let default = self.default_last_n;
        let p = self
            .participants
            .get_mut(&id)
            .ok_or(SfuError::UnknownParticipant(id))?;
        let mut choice = VideoChoice::new(last_n.unwrap_or(default));
        choice.pinned = pinned;
        if p.video != choice {
            p.video = choice;
            let room = p.room;
            self.select_video(room, now);
            self.drive(now);
        }
        Ok(())
    }

    /// Decides again, for every member of a room, which cameras flow to it
    /// (after a speaker change, a join or leave, a new track or a member's
    /// own choice), and tells those whose paused set changed.
    pub(crate) fn select_video(&mut self, key: RoomKey, now: Instant) {
        let Some(room) = self.rooms.get(&key) else {
            return;
        };
        // The room's own members' tracks, not every track on the server: this
        // runs at every speaker change, join, leave and publish.
        let (participants, tracks) = (&self.participants, &self.tracks);
        let cameras: Vec<(ParticipantId, TrackId)> = room
            .order
            .iter()
            .flat_map(|owner| {
                participants
                    .get(&owner)
                    .map(|p| p.published.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .filter(|tid| {
                        tracks
                            .get(tid)
                            .is_some_and(|t| t.source == TrackSource::Camera)
                    })
                    .map(move |tid| (owner, *tid))
            })
            .collect();
        let members = room.members.clone();
        for member in members {
            let Some(p) = self.participants.get_mut(&member) else {
                continue;
            };
            let chosen: HashSet<TrackId> = p.video.chosen(member, &cameras).into_iter().collect();
            let (paused, resumed) = p.subscriptions.pause_cameras(|t| !chosen.contains(&t));
            if paused != p.paused_told {
                p.paused_told = paused.clone();
                self.events.push_back(SfuEvent::VideoPaused {
                    participant: member,
                    tracks: paused,
                });
            }
            if resumed {
                self.review_layers_of(member, now);
            }
        }
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
        let is_audio = track.source.kind() == conclave_signaling::MediaKind::Audio;
        let keyframe = !is_audio && vp8::starts_keyframe(&packet.payload);
        // Read once here, not once per receiver: each switched receiver
        // renumbers its pictures from it (`vp8::PictureNumbers`).
        let descriptor = if is_audio {
            None
        } else {
            Vp8Descriptor::parse(&packet.payload).ok()
        };
        if let Some(layer) = track.layers.get_mut(layer_idx) {
            layer.ssrc = Some(ssrc);
            layer.last_packet_at = Some(now);
            layer.meter.record(packet.payload.len(), now);
            if keyframe && let Some((_, height)) = vp8::keyframe_size(&packet.payload) {
                layer.height = Some(u32::from(height));
            }
        }
        #[cfg(feature = "payload-tap")]
        if let Some(tap) = self.tap.as_mut() {
            tap(from, track.source, &packet.payload);
        }
        let source = track.source;
        let Some(room) = self.rooms.get_mut(&room_key) else {
            return;
        };
        if room.recording {
            self.recorded
                .push(room_key, from, source, layer_idx, &packet);
        }
        if source == TrackSource::Microphone {
            let level = packet.header.ext_vals.audio_level;
            if let Some(level) = level {
                room.speaker.record(from, level);
            }
            // A big meeting's quiet microphones reach nobody: the gate
            // decides once per packet, before any member is walked.
            if !room.audio.admit(from, level, now) {
                return;
            }
        }
        let mut wants_keyframe = false;
        for member in &room.members {
            if *member == from {
                continue;
            }
            let Some(sub) = self.participants.get_mut(member) else {
                continue;
            };
            // Until its DTLS is up a receiver's packets would only queue in
            // str0m (whose queue keeps its grown capacity: about 40 KiB per
            // stream for someone who joined while others talked) and then
            // arrive as a stale burst; its first key frame is asked for
            // once it is connected.
            if !sub.subscriber.rtc.is_connected() {
                continue;
            }
            let Some(slot) = sub.subscriptions.slot_mut(tid) else {
                continue;
            };
            let wrote = slot.forward(
                &mut sub.subscriber.rtc,
                &packet,
                layer_idx,
                keyframe,
                descriptor.as_ref(),
                now,
            );
            wants_keyframe |= slot.waiting_for_keyframe(layer_idx);
            if wrote && sub.subscriber.due_now(now) {
                self.timers
                    .schedule(now, Due::Peer(*member, PeerRole::Subscriber));
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
            if let Some(publisher) = &mut p.publisher
                && let Some(stream) = publisher.rtc.direct_api().stream_rx(&ssrc)
            {
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
        let video = p.subscriptions.forwards_video();
        if video != p.subscriptions.automatic_padding {
            p.subscriptions.automatic_padding = video;
            p.subscriber.rtc.bwe().set_automatic_padding(video);
            self.dirty.push((id, PeerRole::Subscriber));
        }
        if !wanted.is_empty() {
            tracing::debug!(
                participant = %id,
                estimate_bps = p.subscriptions.estimate_bps,
                loss = p.subscriptions.link_loss(),
                ?wanted,
                "waiting for key frames to switch layers"
            );
        }
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
        .as_mut()?
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
