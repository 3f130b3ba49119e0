//! The selective forwarding unit, as a sans-IO core.
//!
//! It owns two str0m peers per participant: a *publisher* peer that only
//! receives (the participant's microphone, camera and screen) and a
//! *subscriber* peer that only sends (everyone else's tracks). Splitting the
//! directions means each side has exactly one offerer, so renegotiation never
//! collides (the client offers on its publisher, the SFU on its subscriber).
//!
//! Driving it: feed datagrams with [`Sfu::handle_datagram`] (or, for ICE-TCP
//! frames, [`Sfu::handle_receive`]), signaling with
//! the `handle_*` methods, time with [`Sfu::handle_timeout`]; drain
//! [`Sfu::poll_transmit`] and [`Sfu::poll_event`]; sleep until
//! [`Sfu::poll_timeout`]. No sockets, threads or clocks live here.
//!
//! **The SFU never reads media.** Routing uses RTP headers and header
//! extensions; key frame detection reads the VP8 payload descriptor and one
//! byte of the frame ([`vp8`]). ARCHITECTURE.md lists exactly which bytes.
//!
//! Where things are: this file holds the participants, rooms, datagrams,
//! timers and peer events; `negotiation` the offers and answers (and ICE
//! restarts); `forwarding` the per-packet path, key-frame requests and
//! layer reviews; `subscription` one receiver's m-lines; [`layers`] the
//! choice of simulcast layer; [`speaker`] the loudest speaker; [`selection`]
//! which cameras and microphones a receiver gets in a large meeting;
//! `timers` every wake-up; `peer` one str0m connection.

mod forwarding;
pub mod layers;
mod negotiation;
mod peer;
mod protection;
pub mod recording;
pub mod rewrite;
pub mod selection;
pub mod speaker;
mod subscription;
mod timers;
pub mod vp8;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use conclave_signaling::{ParticipantId, SubscribedTrack, TrackId, TrackSource};
use str0m::config::DtlsCert;
use str0m::media::Mid;
use str0m::net::{Protocol, Receive, Transmit};
use str0m::rtp::Ssrc;
use str0m::{Event, IceConnectionState, Input};

use crate::layers::{BitrateMeter, LAYER_INACTIVE_AFTER, LayerStatus};
use crate::peer::{Peer, PeerRole};
use crate::selection::{AudioGate, SpeakingOrder, VideoChoice};
use crate::speaker::ActiveSpeaker;
use crate::subscription::{Slot, Subscriptions};
use crate::timers::{Due, Timers};

/// Identifies one meeting inside the SFU. The shell maps meeting ids to these
/// so the SFU never holds (or logs) the secret-ish meeting id itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoomKey(pub u64);

/// A keyframe request to a publisher is sent at most this often per layer.
/// Every receiver that loses a packet asks; forwarding each would make the
/// sender emit key frames back to back and flood everyone. 500 ms bounds a
/// frozen picture to about half a second while capping key frames at 2/s.
const KEYFRAME_REQUEST_INTERVAL: Duration = Duration::from_millis(500);

/// How long a peer whose ICE went quiet is kept for its client to come
/// back. A dropped Wi-Fi link, a network change or a brief outage is back
/// within seconds to tens of seconds; by 30 s a browser's own consent
/// checks (RFC 7675) have failed the connection anyway, so waiting longer
/// keeps nothing alive, while a shorter wait ejects people from meetings
/// over an outage they would have survived.
pub const ICE_RECONNECT_GRACE: Duration = Duration::from_secs(30);

/// How often each receiver's layer choice is revisited. Layer changes need a
/// key frame anyway, so reacting faster than a few times a second buys little.
const LAYER_REVIEW_INTERVAL: Duration = Duration::from_millis(500);

/// Share of a receiver's estimated bandwidth given to video; the rest is
/// headroom for audio, RTCP and retransmissions. Going to 100% makes every
/// key frame burst congest the link.
const VIDEO_BUDGET_SHARE_PERCENT: u64 = 85;

/// Before the first bandwidth estimate arrives, assume this much. Enough for
/// a medium layer of two or three remote cameras, so a new call looks decent
/// at once and climbs from there.
const INITIAL_ESTIMATE_BPS: u64 = 2_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SfuError {
    #[error("no participant {0} in the SFU")]
    UnknownParticipant(ParticipantId),
    #[error("participant {0} is already in the SFU")]
    AlreadyJoined(ParticipantId),
    #[error("the SDP could not be parsed: {0}")]
    BadSdp(String),
    #[error("the session description was refused: {0}")]
    Refused(String),
    #[error("no offer is waiting for an answer")]
    NoPendingOffer,
}

/// What the SFU needs the shell (signaling) to do.
#[derive(Debug, PartialEq, Eq)]
pub enum SfuEvent {
    /// Send this offer for the participant's subscribing connection.
    SubscribeOffer {
        participant: ParticipantId,
        sdp: String,
        tracks: Vec<SubscribedTrack>,
    },
    /// The loudest speaker of a room changed.
    ActiveSpeaker {
        room: RoomKey,
        participant: Option<ParticipantId>,
    },
    /// A participant's media connection died (ICE timed out or DTLS closed):
    /// the tab was probably killed. The shell should remove them.
    MediaFailed { participant: ParticipantId },
    /// The cameras this participant is offered but not sent now (not among
    /// its last N speakers nor pinned; see [`selection`]), whenever that
    /// set changes: its tiles show a name instead of a frozen picture.
    VideoPaused {
        participant: ParticipantId,
        tracks: Vec<TrackId>,
    },
}

/// One incoming simulcast layer (or the only layer of a plain track).
#[derive(Debug)]
struct Layer {
    ssrc: Option<Ssrc>,
    meter: BitrateMeter,
    last_packet_at: Option<Instant>,
    last_keyframe_request: Option<Instant>,
    /// Lines per picture, from the layer's last key frame.
    height: Option<u32>,
}

impl Layer {
    fn status(&self, now: Instant) -> LayerStatus {
        LayerStatus {
            active: self
                .last_packet_at
                .is_some_and(|t| now.saturating_duration_since(t) < LAYER_INACTIVE_AFTER),
            bitrate_bps: self.meter.bps(),
            height: self.height,
        }
    }
}

/// A track some participant publishes.
#[derive(Debug)]
struct Track {
    owner: ParticipantId,
    room: RoomKey,
    source: TrackSource,
    mid: Mid,
    /// Simulcast rids, lowest quality first; empty for a single-layer track.
    rids: Vec<str0m::media::Rid>,
    layers: Vec<Layer>,
}

struct Participant {
    room: RoomKey,
    publisher: Peer,
    subscriber: Peer,
    published: Vec<TrackId>,
    /// Incoming SSRC → (track, layer index), learned from the first packet.
    routes: HashMap<Ssrc, (TrackId, usize)>,
    subscriptions: Subscriptions,
    /// When the last datagram from either of its peers arrived: the room
    /// takes media as a sign of life while signaling is stalled.
    heard_at: Option<Instant>,
    /// Which cameras it asked to get.
    video: VideoChoice,
    /// The paused cameras it was last told of.
    paused_told: Vec<TrackId>,
}

impl Participant {
    fn peer(&self, role: PeerRole) -> &Peer {
        match role {
            PeerRole::Publisher => &self.publisher,
            PeerRole::Subscriber => &self.subscriber,
        }
    }

    fn peer_mut(&mut self, role: PeerRole) -> &mut Peer {
        match role {
            PeerRole::Publisher => &mut self.publisher,
            PeerRole::Subscriber => &mut self.subscriber,
        }
    }
}

/// Where clients reach the media sockets: UDP, and ICE-TCP (passive, RFC
/// 4571 framing) for networks that block UDP. Every peer offers them all;
/// browsers rank UDP above TCP, so TCP carries media only where UDP fails.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    pub udp: Vec<SocketAddr>,
    pub tcp: Vec<SocketAddr>,
}

impl From<Vec<SocketAddr>> for Candidates {
    fn from(udp: Vec<SocketAddr>) -> Self {
        Self {
            udp,
            tcp: Vec::new(),
        }
    }
}

pub struct Sfu {
    candidates: Candidates,
    participants: HashMap<ParticipantId, Participant>,
    rooms: HashMap<RoomKey, Room>,
    tracks: HashMap<TrackId, Track>,
    next_track: u64,
    transmits: VecDeque<Transmit>,
    events: VecDeque<SfuEvent>,
    /// Peers written to since they were last polled.
    dirty: Vec<(ParticipantId, PeerRole)>,
    /// Which peer each remote address (per transport) belongs to, learnt
    /// from the first datagram a peer accepted: every later datagram from
    /// there goes straight to it instead of asking every peer in turn.
    routes: HashMap<(Protocol, SocketAddr), (ParticipantId, PeerRole)>,
    next_layer_review: Instant,
    /// Every peer's and room's next wake-up.
    timers: Timers,
    /// One DTLS certificate for every peer, made once: str0m would make one
    /// per peer (an EC key and a signature, two per participant, on the
    /// media task while it forwards). Clients pin its fingerprint per
    /// connection as before; media is end-to-end encrypted either way, so
    /// nothing rests on peers having distinct certificates.
    dtls_cert: Option<DtlsCert>,
    /// Packets of recorded rooms, for the shell to write.
    recorded: recording::RecordedQueue,
    /// Cameras a receiver gets until it asks for another number.
    default_last_n: usize,
    #[cfg(feature = "payload-tap")]
    tap: Option<PayloadTap>,
}

/// Sees every payload the SFU forwards: sender, track source, bytes.
#[cfg(feature = "payload-tap")]
pub type PayloadTap = Box<dyn FnMut(ParticipantId, TrackSource, &[u8]) + Send>;

struct Room {
    members: Vec<ParticipantId>,
    speaker: ActiveSpeaker,
    /// Most recent speaker first: whose cameras the last N are.
    order: SpeakingOrder,
    /// The loudest microphones, the only ones forwarded in a big meeting.
    audio: AudioGate,
    /// A host started a recording: packets also go to `Sfu::recorded`.
    recording: bool,
    /// When to ask the room's cameras for key frames again (a recorded
    /// epoch began, see `recording.rs`).
    recording_keyframes_at: Option<Instant>,
}

impl Sfu {
    /// `candidates` are the media sockets' addresses as clients reach them
    /// (one socket per address and transport, shared by every peer); every
    /// peer advertises them all.
    pub fn new(candidates: impl Into<Candidates>, now: Instant) -> Self {
        Self {
            candidates: candidates.into(),
            participants: HashMap::new(),
            rooms: HashMap::new(),
            tracks: HashMap::new(),
            next_track: 1,
            transmits: VecDeque::new(),
            events: VecDeque::new(),
            dirty: Vec::new(),
            routes: HashMap::new(),
            next_layer_review: now + LAYER_REVIEW_INTERVAL,
            timers: Timers::default(),
            // None only if the crypto provider cannot make certificates;
            // str0m then makes (or refuses) one per peer itself.
            dtls_cert: str0m::crypto::from_feature_flags()
                .dtls_provider
                .generate_certificate(),
            recorded: recording::RecordedQueue::default(),
            default_last_n: selection::DEFAULT_LAST_N,
            #[cfg(feature = "payload-tap")]
            tap: None,
        }
    }

    /// How many recent speakers' cameras a receiver gets until it asks for
    /// another number (the operator's `--last-n`).
    pub fn set_default_last_n(&mut self, n: usize) {
        self.default_last_n = n;
    }

    #[cfg(feature = "payload-tap")]
    pub fn set_payload_tap(&mut self, tap: PayloadTap) {
        self.tap = Some(tap);
    }

    /// The room's current loudest speaker (for someone who just joined).
    pub fn active_speaker(&self, room: RoomKey) -> Option<ParticipantId> {
        self.rooms.get(&room).and_then(|r| r.speaker.current())
    }

    pub fn participant_count(&self) -> usize {
        self.participants.len()
    }

    /// When a datagram from this participant's peers last arrived.
    pub fn media_heard_at(&self, id: ParticipantId) -> Option<Instant> {
        self.participants.get(&id).and_then(|p| p.heard_at)
    }

    /// Remote addresses with a learnt peer (tests: the map is bounded).
    #[doc(hidden)]
    pub fn route_count(&self) -> usize {
        self.routes.len()
    }

    /// Adds a participant to a room. Everything already published there is
    /// offered to them at once.
    pub fn add_participant(
        &mut self,
        room: RoomKey,
        id: ParticipantId,
        now: Instant,
    ) -> Result<(), SfuError> {
        if self.participants.contains_key(&id) {
            return Err(SfuError::AlreadyJoined(id));
        }
        let participant = Participant {
            room,
            publisher: Peer::new(
                PeerRole::Publisher,
                &self.candidates,
                self.dtls_cert.as_ref(),
                now,
            )?,
            subscriber: Peer::new(
                PeerRole::Subscriber,
                &self.candidates,
                self.dtls_cert.as_ref(),
                now,
            )?,
            published: Vec::new(),
            routes: HashMap::new(),
            subscriptions: Subscriptions::new(INITIAL_ESTIMATE_BPS),
            heard_at: None,
            video: VideoChoice::new(self.default_last_n),
            paused_told: Vec::new(),
        };
        self.participants.insert(id, participant);
        self.arm(id, PeerRole::Publisher);
        self.arm(id, PeerRole::Subscriber);
        let timers = &mut self.timers;
        let room_state = self.rooms.entry(room).or_insert_with(|| {
            let speaker = ActiveSpeaker::new(now);
            timers.schedule(speaker.next_evaluation(), Due::Speaker(room));
            Room {
                members: Vec::new(),
                speaker,
                order: SpeakingOrder::default(),
                audio: AudioGate::default(),
                recording: false,
                recording_keyframes_at: None,
            }
        });
        room_state.members.push(id);
        room_state.order.join(id);
        let existing: Vec<(TrackId, TrackSource)> = self
            .tracks
            .iter()
            .filter(|(_, t)| t.room == room && t.owner != id)
            .map(|(tid, t)| (*tid, t.source))
            .collect();
        if let Some(p) = self.participants.get_mut(&id) {
            for (track, source) in existing {
                p.subscriptions.add(track, source);
            }
        }
        self.negotiate(id);
        // After the offer: a client hears of its tracks before which of
        // them are paused.
        self.select_video(room, now);
        Ok(())
    }

    /// Removes a participant and everything they published.
    pub fn remove_participant(&mut self, id: ParticipantId, now: Instant) {
        let Some(mut p) = self.participants.remove(&id) else {
            return;
        };
        p.publisher.rtc.disconnect();
        p.subscriber.rtc.disconnect();
        for track in p.published.drain(..) {
            self.unpublish(track);
        }
        if let Some(room) = self.rooms.get_mut(&p.room) {
            room.members.retain(|m| *m != id);
            room.order.leave(id);
            room.audio.forget(id);
            if let Some(change) = room.speaker.forget(id) {
                self.events.push_back(SfuEvent::ActiveSpeaker {
                    room: p.room,
                    participant: change,
                });
            }
            if room.members.is_empty() {
                self.rooms.remove(&p.room);
            }
        }
        self.select_video(p.room, now);
        self.dirty.retain(|(pid, _)| *pid != id);
        self.routes.retain(|_, (pid, _)| *pid != id);
        self.drive(now);
    }

    /// Feeds one datagram from the shared UDP socket. Returns whether any
    /// peer claimed it.
    pub fn handle_datagram(
        &mut self,
        now: Instant,
        source: SocketAddr,
        destination: SocketAddr,
        data: &[u8],
    ) -> bool {
        self.handle_receive(now, Protocol::Udp, source, destination, data)
    }

    /// A datagram over `proto`: for TCP, one RFC 4571 frame, its length
    /// prefix removed, with the connection's remote and local addresses.
    pub fn handle_receive(
        &mut self,
        now: Instant,
        proto: Protocol,
        source: SocketAddr,
        destination: SocketAddr,
        data: &[u8],
    ) -> bool {
        let Ok(contents) = data.try_into() else {
            return false;
        };
        let input = Input::Receive(
            now,
            Receive {
                proto,
                source,
                destination,
                contents,
            },
        );
        // The learnt route first; the peer still checks the datagram is
        // its own (`accepts`: ICE credentials, its remote address). Only an
        // address not seen before (a new peer, a changed network) costs a
        // scan of every peer, str0m's own way to demultiplex.
        let routed = self
            .routes
            .get(&(proto, source))
            .copied()
            .filter(|&(pid, role)| {
                self.participants
                    .get(&pid)
                    .is_some_and(|p| p.peer(role).rtc.accepts(&input))
            });
        let owner = routed.or_else(|| {
            self.participants.iter().find_map(|(pid, p)| {
                if p.publisher.rtc.accepts(&input) {
                    Some((*pid, PeerRole::Publisher))
                } else if p.subscriber.rtc.accepts(&input) {
                    Some((*pid, PeerRole::Subscriber))
                } else {
                    None
                }
            })
        });
        let Some((pid, role)) = owner else {
            return false;
        };
        if routed.is_none() {
            // One remote address per peer at a time (ICE-lite keeps the
            // pair the client nominated), so the map stays two entries per
            // participant however often a network changes.
            self.routes.retain(|_, owner| *owner != (pid, role));
            self.routes.insert((proto, source), (pid, role));
        }
        if let Some(p) = self.participants.get_mut(&pid) {
            p.heard_at = Some(now);
            let peer = p.peer_mut(role);
            if let Err(e) = peer.rtc.handle_input(input) {
                tracing::debug!(participant = %pid, ?role, "peer input failed: {e}");
                peer.rtc.disconnect();
            }
        }
        self.dirty.push((pid, role));
        self.drive(now);
        true
    }

    /// Advances time: only the peers and rooms whose deadline has come.
    pub fn handle_timeout(&mut self, now: Instant) {
        while let Some((at, due)) = self.timers.pop_due(now) {
            match due {
                Due::Peer(pid, role) => {
                    let Some(peer) = self.peer_mut(pid, role) else {
                        continue; // gone since
                    };
                    if !peer.armed || peer.next_timeout != at {
                        continue; // superseded by a later deadline
                    }
                    peer.armed = false;
                    if let Err(e) = peer.rtc.handle_input(Input::Timeout(now)) {
                        tracing::debug!(participant = %pid, ?role, "timeout failed: {e}");
                        peer.rtc.disconnect();
                    }
                    self.dirty.push((pid, role));
                }
                Due::IceGrace(pid, role) => {
                    let Some(peer) = self.peer_mut(pid, role) else {
                        continue;
                    };
                    if peer.ice_lost_at.is_some_and(|lost| {
                        now.saturating_duration_since(lost) >= ICE_RECONNECT_GRACE
                    }) {
                        tracing::debug!(participant = %pid, ?role, "ice quiet too long: peer given up");
                        peer.rtc.disconnect();
                        self.dirty.push((pid, role));
                    }
                }
                Due::RecordingKeyframes(key) => {
                    let Some(room) = self.rooms.get_mut(&key) else {
                        continue;
                    };
                    if room.recording_keyframes_at != Some(at) {
                        continue;
                    }
                    room.recording_keyframes_at = None;
                    if room.recording {
                        self.request_room_keyframes(key, now);
                    }
                }
                Due::Speaker(key) => {
                    let Some(room) = self.rooms.get_mut(&key) else {
                        continue;
                    };
                    if room.speaker.next_evaluation() != at {
                        continue;
                    }
                    let change = room.speaker.evaluate(now);
                    self.timers
                        .schedule(room.speaker.next_evaluation(), Due::Speaker(key));
                    if let Some(participant) = change {
                        if let Some(speaker) = participant
                            && room.order.spoke(speaker)
                        {
                            self.select_video(key, now);
                        }
                        self.events.push_back(SfuEvent::ActiveSpeaker {
                            room: key,
                            participant,
                        });
                    }
                }
            }
        }
        if now >= self.next_layer_review {
            self.next_layer_review = now + LAYER_REVIEW_INTERVAL;
            let ids: Vec<ParticipantId> = self.participants.keys().copied().collect();
            for id in ids {
                self.review_layers_of(id, now);
            }
            self.protect_audio();
        }
        self.drive(now);
        let live = 2 * self.participants.len() + self.rooms.len();
        if self.timers.needs_rebuild(live) {
            self.rebuild_timers();
        }
    }

    /// When [`Sfu::handle_timeout`] wants to be called next.
    pub fn poll_timeout(&self) -> Instant {
        self.timers
            .earliest()
            .map_or(self.next_layer_review, |t| t.min(self.next_layer_review))
    }

    /// Puts a peer's current deadline in the timers.
    fn arm(&mut self, id: ParticipantId, role: PeerRole) {
        if let Some(peer) = self.peer_mut(id, role) {
            peer.armed = true;
            let at = peer.next_timeout;
            self.timers.schedule(at, Due::Peer(id, role));
        }
    }

    /// Drops every stale timer entry: the live deadlines only.
    fn rebuild_timers(&mut self) {
        let peers = self.participants.iter().flat_map(|(id, p)| {
            [PeerRole::Publisher, PeerRole::Subscriber]
                .into_iter()
                .filter(|&role| p.peer(role).armed)
                .map(|role| (p.peer(role).next_timeout, Due::Peer(*id, role)))
        });
        let rooms = self
            .rooms
            .iter()
            .map(|(key, room)| (room.speaker.next_evaluation(), Due::Speaker(*key)));
        let recordings = self.rooms.iter().filter_map(|(key, room)| {
            room.recording_keyframes_at
                .map(|at| (at, Due::RecordingKeyframes(*key)))
        });
        let live: Vec<(Instant, Due)> = peers.chain(rooms).chain(recordings).collect();
        self.timers.rebuild(live);
    }

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop_front()
    }

    /// Whether [`Sfu::poll_event`] has something (without taking it).
    pub fn has_events(&self) -> bool {
        !self.events.is_empty()
    }

    pub fn poll_event(&mut self) -> Option<SfuEvent> {
        self.events.pop_front()
    }

    fn peer_mut(&mut self, id: ParticipantId, role: PeerRole) -> Option<&mut Peer> {
        Some(self.participants.get_mut(&id)?.peer_mut(role))
    }

    /// Polls every dirty peer until it has nothing more to say, acting on its
    /// events (which may dirty other peers).
    fn drive(&mut self, now: Instant) {
        while let Some((id, role)) = self.dirty.pop() {
            while let Some(p) = self.participants.get_mut(&id) {
                let peer = p.peer_mut(role);
                if !peer.rtc.is_alive() {
                    if !peer.failed_reported {
                        peer.failed_reported = true;
                        self.events
                            .push_back(SfuEvent::MediaFailed { participant: id });
                    }
                    // A dead peer has nothing to time out; the shell removes it.
                    peer.armed = false;
                    break;
                }
                match peer.rtc.poll_output() {
                    Ok(str0m::Output::Timeout(t)) => {
                        if !peer.armed || peer.next_timeout != t {
                            peer.next_timeout = t;
                            peer.armed = true;
                            self.timers.schedule(t, Due::Peer(id, role));
                        }
                        break;
                    }
                    Ok(str0m::Output::Transmit(t)) => self.transmits.push_back(t),
                    Ok(str0m::Output::Event(e)) => self.handle_event(id, role, e, now),
                    Err(e) => {
                        tracing::debug!(participant = %id, ?role, "peer failed: {e}");
                        peer.rtc.disconnect();
                    }
                }
            }
        }
    }

    fn handle_event(&mut self, id: ParticipantId, role: PeerRole, event: Event, now: Instant) {
        match event {
            Event::RtpPacket(packet) if role == PeerRole::Publisher => {
                self.forward(id, packet, now);
            }
            Event::KeyframeRequest(req) if role == PeerRole::Subscriber => {
                let track = self
                    .participants
                    .get(&id)
                    .and_then(|p| p.subscriptions.by_mid(req.mid))
                    .and_then(|s| s.current_layer.map(|l| (s.track, l)));
                if let Some((track, layer)) = track {
                    self.request_keyframe(track, layer, req.kind, now);
                }
            }
            Event::EgressBitrateEstimate(str0m::bwe::BweKind::Twcc { estimate, .. })
                if role == PeerRole::Subscriber =>
            {
                if let Some(p) = self.participants.get_mut(&id) {
                    p.subscriptions.estimate_bps = estimate.as_u64();
                }
            }
            Event::MediaEgressStats(stats) if role == PeerRole::Subscriber => {
                if let (Some(loss), Some(p)) = (stats.loss, self.participants.get_mut(&id)) {
                    p.subscriptions.record_loss(stats.mid, loss);
                }
            }
            // Quiet ICE is not yet a lost peer: a dropped Wi-Fi link or a
            // network change comes back within seconds, and the client's
            // checks then revive the same peer, keys and all.
            Event::IceConnectionStateChange(IceConnectionState::Disconnected) => {
                if let Some(peer) = self.peer_mut(id, role) {
                    peer.ice_lost_at = Some(now);
                    self.timers
                        .schedule(now + ICE_RECONNECT_GRACE, Due::IceGrace(id, role));
                }
            }
            Event::IceConnectionStateChange(
                IceConnectionState::Connected | IceConnectionState::Completed,
            ) => {
                if let Some(peer) = self.peer_mut(id, role) {
                    peer.ice_lost_at = None;
                }
            }
            _ => {}
        }
    }
}

/// Used by tests and the load harness to look at a slot.
#[doc(hidden)]
pub fn slot_summary(sfu: &Sfu, id: ParticipantId) -> Vec<(TrackId, Option<usize>)> {
    sfu.participants
        .get(&id)
        .map(|p| {
            p.subscriptions
                .slots()
                .map(|s: &Slot| (s.track, s.current_layer))
                .collect()
        })
        .unwrap_or_default()
}
