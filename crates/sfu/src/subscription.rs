//! What one participant receives: an outgoing m-line ("slot") per remote
//! track on its subscriber peer, the layer each gets, and the SDP offer/answer
//! bookkeeping for them.

use std::time::{Duration, Instant};

use conclave_signaling::{
    MediaKind as WireKind, ParticipantId, SubscribedTrack, TrackId, TrackSource,
};
use str0m::Rtc;
use str0m::change::{DirectApi, SdpPendingOffer};
use str0m::format::Codec;
use str0m::media::{Direction, MediaKind, Mid, Pt};
use str0m::rtp::{ExtensionValues, RtpPacket, RtpWrite, SeqNo, Ssrc, StreamTx, Vp8Descriptor};

use crate::Layer;
use crate::layers::{
    LayerStatus, Link, STEP_UP_LOSS, StepUpCeiling, choose_layer, stepped_down_by_budget,
};
use crate::rewrite::Rewriter;
use crate::vp8::PictureNumbers;

/// Until a receiver reports the size of a tile, assume a medium tile: the
/// picture starts at once at a modest layer and sharpens when the size
/// arrives.
const DEFAULT_TILE_HEIGHT: u32 = 360;

/// After a step down the link forced (its budget or its loss), a track's
/// layer is not stepped up again for this long. A link that just overflowed
/// recovers its estimate within a couple of seconds, long before it can
/// carry the bigger layer's key frame; 10 s
/// stops the up-down-up cycle that froze a slow link's picture most of the
/// time, at the cost of a sharper picture coming back a little later.
const UP_COOLDOWN: Duration = Duration::from_secs(10);

/// How long forwarded video packets are kept for resends, at least. A
/// resend helps only while the receiver's jitter buffer still waits for it,
/// a round trip or two; str0m keeps them three round trips of the
/// receiver's reports (libwebrtc's rule), but never less than this. On the
/// usual round trips of 20-150 ms a NACK and two retries are over within
/// 500 ms, and a round trip that grows between two reports (about one a
/// second) still has this much time before the estimate catches up. Janus
/// keeps 200 ms at least; libwebrtc's sender 1 s, which here would double
/// the payloads every meeting of a few holds (a second of each camera's
/// forwarded layer, the largest item per participant in meetings of four).
const RTX_CACHE_MIN_AGE: Duration = Duration::from_millis(500);
/// And at most this long: three round trips of a 1 s satellite or
/// overloaded mobile link. Each slot costs 80 bytes per receiver (the
/// payload is shared), so only the links that need it pay for it.
const RTX_CACHE_MAX_AGE: Duration = Duration::from_secs(3);
/// At most this many of them: 3 s of the top layer with key frames is a
/// few hundred.
const RTX_CACHE_PACKETS: usize = 512;
/// str0m drops queued resends once resends pass this share of a stream's
/// traffic; its default of 15% cuts the repair exactly on the lossy links
/// that need it (a bad hotel link loses 5-15%). 30% lets NACKs repair those,
/// while a receiver that loses more is stepped down a layer (layers.rs)
/// rather than flooded with resends.
const RTX_RATIO_CAP: f32 = 0.30;

/// Weight of the newest loss report in the smoothed figure. Receiver
/// reports come about once a second per stream; 0.3 follows a real change
/// within a few seconds while one unlucky report does not step a layer.
const LOSS_SMOOTHING: f32 = 0.3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SlotState {
    ToOpen,
    Negotiating {
        remove_after: bool,
    },
    Open,
    /// To be made inactive in the next offer.
    ToStop,
    Stopping,
}

/// An m-line whose track went away. It stays in the session as `inactive`
/// (rejecting it would empty the BUNDLE group when it was the last one, and
/// browsers then tear the whole connection down) and is reused for the next
/// track of the same kind, so the SDP does not grow with every leave/join.
#[derive(Debug)]
struct IdleMid {
    mid: Mid,
    kind: WireKind,
    /// Keeps the outgoing sequence numbers continuous when the m-line (and
    /// with it the SSRC) is reused.
    rewriter: Rewriter,
    pictures: PictureNumbers,
}

#[derive(Debug)]
pub(crate) struct Slot {
    pub track: TrackId,
    source: TrackSource,
    mid: Option<Mid>,
    /// The m-line's send stream as last found: a map lookup per copy
    /// instead of a walk over the receiver's streams for the mid.
    tx_ssrc: Option<Ssrc>,
    state: SlotState,
    pt: Option<Pt>,
    height: u32,
    pub current_layer: Option<usize>,
    target_layer: Option<usize>,
    /// When this track last stepped down (no step up until UP_COOLDOWN on).
    stepped_down_at: Option<Instant>,
    /// Smoothed fraction of this m-line's packets the receiver reports lost.
    loss: f32,
    /// A camera not among this receiver's last N speakers nor pinned: its
    /// m-line stays, its packets do not flow.
    paused: bool,
    rewriter: Rewriter,
    /// VP8's picture numbers, continuous across layers like the sequence.
    pictures: PictureNumbers,
}

/// `mid`'s send stream, by the SSRC it had last time (`cached`) when that
/// stream is still there and still `mid`'s (a renegotiation may give the
/// m-line a new SSRC), otherwise by walking the streams for the mid.
fn send_stream<'a>(
    direct: &'a mut DirectApi<'_>,
    cached: &mut Option<Ssrc>,
    mid: Mid,
) -> Option<&'a mut StreamTx> {
    let ssrc = match *cached {
        Some(ssrc) if direct.stream_tx(&ssrc).is_some_and(|s| s.mid() == mid) => ssrc,
        _ => {
            let ssrc = direct.stream_tx_by_mid(mid, None)?.ssrc();
            *cached = Some(ssrc);
            ssrc
        }
    };
    direct.stream_tx(&ssrc)
}

impl Slot {
    fn is_video(&self) -> bool {
        self.source.kind() == WireKind::Video
    }

    pub fn waiting_for_keyframe(&self, layer: usize) -> bool {
        self.state == SlotState::Open
            && self.target_layer == Some(layer)
            && self.current_layer != self.target_layer
    }

    /// Writes one packet to the receiver if this slot forwards `layer` now.
    /// Returns whether anything was written.
    pub fn forward(
        &mut self,
        rtc: &mut Rtc,
        packet: &RtpPacket,
        layer: usize,
        keyframe: bool,
        descriptor: Option<&Vp8Descriptor>,
        now: Instant,
    ) -> bool {
        if self.state != SlotState::Open {
            return false;
        }
        let (Some(mid), Some(pt)) = (self.mid, self.pt) else {
            return false;
        };
        let in_seq = *packet.seq_no;
        let in_ts = packet.header.timestamp;
        if self.is_video() {
            if self.target_layer == Some(layer) && self.current_layer != Some(layer) {
                if !keyframe {
                    return false;
                }
                self.rewriter.switch(in_seq, in_ts, now);
                if let Some(d) = descriptor {
                    self.pictures.switch(d);
                }
                self.current_layer = Some(layer);
            }
            if self.current_layer != Some(layer) {
                return false;
            }
        } else if self.current_layer.is_none() {
            self.rewriter.switch(in_seq, in_ts, now);
            self.current_layer = Some(0);
        }
        let Some((out_seq, out_ts)) = self.rewriter.rewrite(in_seq, in_ts, now) else {
            return false;
        };
        let mut direct = rtc.direct_api();
        let Some(stream) = send_stream(&mut direct, &mut self.tx_ssrc, mid) else {
            return false;
        };
        let vp8_patch = descriptor.and_then(|d| self.pictures.patch(d));
        let src = &packet.header.ext_vals;
        let ext_vals = ExtensionValues {
            audio_level: src.audio_level,
            voice_activity: src.voice_activity,
            video_orientation: src.video_orientation,
            ..Default::default()
        };
        let mut write = RtpWrite::new(
            pt,
            SeqNo::from(out_seq),
            out_ts,
            packet.timestamp,
            packet.payload.clone(),
        )
        .marker(packet.header.marker)
        .ext_vals(ext_vals)
        // Video packets are kept for retransmission on NACK; a late
        // audio packet is useless, so audio is not.
        .nackable(self.is_video());
        if let Some(patch) = vp8_patch {
            write = write.vp8_patch(patch);
        }
        stream.write_rtp(write);
        true
    }
}

pub(crate) struct Subscriptions {
    slots: Vec<Slot>,
    idle: Vec<IdleMid>,
    pub pending: Option<SdpPendingOffer>,
    pub estimate_bps: u64,
    /// The next offer restarts ICE (the client asked: its path was lost).
    pub restart_ice: bool,
    /// Smoothed share of this link's packets lost on the way, before any
    /// resend, from transport-wide feedback (see `record_transport_loss`).
    transport_loss: f32,
    /// The video budget at this link's last congestion, for a while.
    ceiling: StepUpCeiling,
    /// Whether str0m's pacer pads this link up to 50 kbit/s (its automatic
    /// target) between packets: only while it carries video, whose layer
    /// choice is what the estimate is for. A receiver of audio only (a
    /// listener, or `last_n` 0) would otherwise get 30 padding packets a
    /// second beside 50 of audio, which its decryption and the server's
    /// sending pay for and nothing reads; the lowest video layer is above
    /// the target, so a receiver of video gets padding only in its gaps.
    pub automatic_padding: bool,
}

impl Subscriptions {
    pub fn new(estimate_bps: u64) -> Self {
        Self {
            slots: Vec::new(),
            idle: Vec::new(),
            pending: None,
            estimate_bps,
            restart_ice: false,
            transport_loss: 0.0,
            ceiling: StepUpCeiling::default(),
            automatic_padding: false,
        }
    }

    /// Whether any video is forwarded on this link (a layer chosen).
    pub fn forwards_video(&self) -> bool {
        self.slots.iter().any(|s| {
            s.state == SlotState::Open && s.is_video() && !s.paused && s.target_layer.is_some()
        })
    }

    /// The link's loss over the last second from transport-wide feedback
    /// (TWCC: every packet, reported within 100 ms). Receiver reports count a
    /// video packet that a resend repaired as received, and come only every
    /// 5 s for audio, so they told of a lossy downlink 8 s late and far
    /// below what its audio, which nothing resends, was losing.
    pub fn record_transport_loss(&mut self, fraction: f32) {
        let fraction = fraction.clamp(0.0, 1.0);
        self.transport_loss =
            LOSS_SMOOTHING * fraction + (1.0 - LOSS_SMOOTHING) * self.transport_loss;
    }

    /// What audio on this link loses: nothing repairs it, so the worse of
    /// the transport's loss before resends and the receiver's reports.
    pub(crate) fn audio_loss(&self) -> f32 {
        self.transport_loss.max(self.link_loss())
    }

    /// Folds in one receiver report's fraction lost (0.0 to 1.0) for the
    /// m-line `mid`.
    pub fn record_loss(&mut self, mid: Mid, fraction: f32) {
        if let Some(slot) = self.slots.iter_mut().find(|s| s.mid == Some(mid)) {
            let fraction = fraction.clamp(0.0, 1.0);
            slot.loss = LOSS_SMOOTHING * fraction + (1.0 - LOSS_SMOOTHING) * slot.loss;
        }
    }

    /// The link's loss: the worst of its open m-lines' (an m-line that
    /// carries little reports little, so an average would hide the loss).
    pub(crate) fn link_loss(&self) -> f32 {
        self.slots
            .iter()
            .filter(|s| s.state == SlotState::Open)
            .map(|s| s.loss)
            .fold(0.0, f32::max)
    }

    pub fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter()
    }

    pub fn slot_mut(&mut self, track: TrackId) -> Option<&mut Slot> {
        self.slots.iter_mut().find(|s| s.track == track)
    }

    pub fn by_mid(&self, mid: Mid) -> Option<&Slot> {
        self.slots.iter().find(|s| s.mid == Some(mid))
    }

    pub fn add(&mut self, track: TrackId, source: TrackSource) {
        if self.slots.iter().any(|s| s.track == track) {
            return;
        }
        let clock_rate = match source.kind() {
            WireKind::Audio => 48_000,
            WireKind::Video => 90_000,
        };
        self.slots.push(Slot {
            track,
            source,
            mid: None,
            tx_ssrc: None,
            state: SlotState::ToOpen,
            pt: None,
            height: DEFAULT_TILE_HEIGHT,
            current_layer: None,
            target_layer: None,
            stepped_down_at: None,
            loss: 0.0,
            paused: false,
            rewriter: Rewriter::new(clock_rate),
            pictures: PictureNumbers::default(),
        });
    }

    pub fn remove(&mut self, track: TrackId) {
        let Some(i) = self.slots.iter().position(|s| s.track == track) else {
            return;
        };
        let slot = &mut self.slots[i];
        match slot.state {
            SlotState::ToOpen => {
                self.slots.remove(i);
            }
            SlotState::Negotiating { .. } => {
                slot.state = SlotState::Negotiating { remove_after: true };
            }
            SlotState::Open => slot.state = SlotState::ToStop,
            SlotState::ToStop | SlotState::Stopping => {}
        }
    }

    pub fn set_size(&mut self, track: TrackId, _width: u32, height: u32) {
        if let Some(slot) = self.slot_mut(track) {
            slot.height = height;
        }
    }

    /// Pauses the cameras `pause` picks and resumes the others. Returns the
    /// paused cameras the receiver knows of (sorted) and whether any camera
    /// resumed (its layer must be chosen again).
    pub fn pause_cameras(&mut self, pause: impl Fn(TrackId) -> bool) -> (Vec<TrackId>, bool) {
        let mut resumed = false;
        let mut paused = Vec::new();
        for slot in &mut self.slots {
            if slot.source != TrackSource::Camera {
                continue;
            }
            let now_paused = pause(slot.track);
            if now_paused != slot.paused {
                slot.paused = now_paused;
                if now_paused {
                    slot.target_layer = None;
                    slot.current_layer = None;
                } else {
                    resumed = true;
                }
            }
            if now_paused && !matches!(slot.state, SlotState::ToStop | SlotState::Stopping) {
                paused.push(slot.track);
            }
        }
        paused.sort_unstable();
        (paused, resumed)
    }

    /// Builds the next offer if anything changed and no offer is outstanding.
    pub fn negotiate(
        &mut self,
        rtc: &mut Rtc,
        owner_of: impl Fn(TrackId) -> Option<ParticipantId>,
    ) -> Option<(String, Vec<SubscribedTrack>)> {
        if self.pending.is_some()
            || !(self.restart_ice
                || self
                    .slots
                    .iter()
                    .any(|s| matches!(s.state, SlotState::ToOpen | SlotState::ToStop)))
        {
            return None;
        }
        let mut api = rtc.sdp_api();
        if std::mem::take(&mut self.restart_ice) {
            // Same server addresses, new credentials: the client's checks
            // under them nominate a fresh pair.
            api.ice_restart(true);
        }
        for slot in &mut self.slots {
            match slot.state {
                SlotState::ToOpen => {
                    let reuse = self.idle.iter().position(|i| i.kind == slot.source.kind());
                    if let Some(i) = reuse {
                        let idle = self.idle.swap_remove(i);
                        api.set_direction(idle.mid, Direction::SendOnly);
                        slot.mid = Some(idle.mid);
                        slot.rewriter = idle.rewriter;
                        slot.pictures = idle.pictures;
                        slot.state = SlotState::Negotiating {
                            remove_after: false,
                        };
                        continue;
                    }
                    let kind = match slot.source.kind() {
                        WireKind::Audio => MediaKind::Audio,
                        WireKind::Video => MediaKind::Video,
                    };
                    let owner = owner_of(slot.track).map_or(0, |p| p.0);
                    let mid = api.add_media(
                        kind,
                        Direction::SendOnly,
                        Some(format!("p{owner}")),
                        Some(format!("t{}", slot.track.0)),
                        None,
                    );
                    slot.mid = Some(mid);
                    slot.state = SlotState::Negotiating {
                        remove_after: false,
                    };
                }
                SlotState::ToStop => {
                    if let Some(mid) = slot.mid {
                        api.set_direction(mid, Direction::Inactive);
                    }
                    slot.state = SlotState::Stopping;
                }
                _ => {}
            }
        }
        let (offer, pending) = api.apply()?;
        self.pending = Some(pending);
        let tracks = self
            .slots
            .iter()
            .filter(|s| {
                matches!(
                    s.state,
                    SlotState::Negotiating {
                        remove_after: false
                    } | SlotState::Open
                )
            })
            .filter_map(|s| {
                Some(SubscribedTrack {
                    mid: s.mid?.to_string(),
                    track: s.track,
                    participant: owner_of(s.track)?,
                    source: s.source,
                })
            })
            .collect();
        Some((offer.to_sdp_string(), tracks))
    }

    /// The answer to our offer was applied.
    pub fn answered(&mut self, rtc: &mut Rtc) {
        let idle = &mut self.idle;
        self.slots.retain_mut(|s| {
            if s.state != SlotState::Stopping {
                return true;
            }
            if let Some(mid) = s.mid {
                let clock_rate = s.rewriter.clock_rate();
                idle.push(IdleMid {
                    mid,
                    kind: s.source.kind(),
                    rewriter: std::mem::replace(&mut s.rewriter, Rewriter::new(clock_rate)),
                    pictures: s.pictures,
                });
            }
            false
        });
        for slot in &mut self.slots {
            if let SlotState::Negotiating { remove_after } = slot.state {
                slot.pt = slot
                    .mid
                    .and_then(|mid| negotiated_pt(rtc, mid, slot.source.kind()));
                slot.state = if remove_after {
                    SlotState::ToStop
                } else {
                    SlotState::Open
                };
                if slot.source.kind() == WireKind::Audio {
                    slot.target_layer = Some(0);
                }
                if let Some(mid) = slot.mid
                    && let Some(stream) = rtc.direct_api().stream_tx_by_mid(mid, None)
                {
                    if slot.is_video() {
                        stream.set_rtx_cache(
                            RTX_CACHE_PACKETS,
                            RTX_CACHE_MAX_AGE,
                            Some(RTX_RATIO_CAP),
                        );
                        stream.set_rtx_cache_rtt_floor(RTX_CACHE_MIN_AGE);
                    } else {
                        // Audio is never resent (not nackable): no cache, and
                        // no resend-ratio history (a second of sends, kept
                        // per listener per microphone).
                        stream.set_rtx_cache(0, Duration::ZERO, None);
                    }
                }
            }
        }
    }

    /// Chooses layers for every open video slot, biggest tile first, within
    /// `budget_bps`. Returns the (track, layer) pairs that need a key frame.
    pub fn choose_layers<'a>(
        &mut self,
        budget_bps: u64,
        layers_of: impl Fn(TrackId) -> Option<&'a [Layer]>,
        now: Instant,
    ) -> Vec<(TrackId, usize)> {
        let mut order: Vec<usize> = (0..self.slots.len())
            .filter(|&i| {
                let s = &self.slots[i];
                s.state == SlotState::Open && s.is_video() && !s.paused
            })
            .collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.slots[i].height));
        let mut remaining = budget_bps;
        let mut up_remaining = self
            .ceiling
            .limit(now)
            .map_or(budget_bps, |cap| cap.min(budget_bps));
        let mut congested = false;
        let mut keyframes = Vec::new();
        let loss = self.link_loss();
        for i in order {
            let slot = &mut self.slots[i];
            let Some(layers) = layers_of(slot.track) else {
                continue;
            };
            let mut status = [LayerStatus::default(); 4];
            let n = layers.len().min(status.len());
            for (s, l) in status.iter_mut().zip(layers) {
                *s = l.status(now);
            }
            let current = slot.target_layer;
            let link = Link {
                budget_bps: remaining,
                step_up_budget_bps: up_remaining,
                current,
                loss,
                may_step_up: slot
                    .stepped_down_at
                    .is_none_or(|at| now.saturating_duration_since(at) >= UP_COOLDOWN),
            };
            let choice = choose_layer(&status[..n], slot.height, link);
            if let Some(c) = choice {
                remaining = remaining.saturating_sub(status[c].bitrate_bps);
                up_remaining = up_remaining.saturating_sub(status[c].bitrate_bps);
            }
            if let (Some(c), Some(was)) = (choice, current)
                && c < was
            {
                let by_budget = stepped_down_by_budget(&status[..n], slot.height, link, choice);
                congested |= by_budget;
                // A smaller tile is not the link's doing: growing it again
                // need not wait.
                if by_budget || loss >= STEP_UP_LOSS {
                    slot.stepped_down_at = Some(now);
                }
            }
            if choice != slot.target_layer {
                slot.target_layer = choice;
            }
            match choice {
                None => slot.current_layer = None,
                Some(c) if slot.current_layer != Some(c) => keyframes.push((slot.track, c)),
                Some(_) => {}
            }
        }
        if congested {
            tracing::debug!(budget_bps, "link congested: step ups capped");
            self.ceiling.congested(budget_bps, now);
        }
        keyframes
    }
}

fn negotiated_pt(rtc: &Rtc, mid: Mid, kind: WireKind) -> Option<Pt> {
    let media = rtc.media(mid)?;
    let wanted = match kind {
        WireKind::Audio => Codec::Opus,
        WireKind::Video => Codec::Vp8,
    };
    let config = rtc.codec_config();
    media.remote_pts().iter().copied().find(|pt| {
        config
            .params()
            .iter()
            .any(|p| p.pt() == *pt && p.spec().codec == wanted)
    })
}
