//! The selective forwarding unit, as a sans-IO core.
//!
//! It owns up to two str0m peers per participant: a *publisher* peer that
//! only receives (the participant's microphone, camera and screen), made by
//! its first publish offer, and a *subscriber* peer that only sends
//! (everyone else's tracks). Splitting the
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
//! Where things are: this file holds the SFU's state (participants, rooms,
//! tracks); `membership` arrivals and departures; `driving` datagrams,
//! time, timers and str0m's events; `negotiation` the offers and answers
//! (and ICE restarts); `forwarding` the per-packet path, key-frame requests and
//! layer reviews; `subscription` one receiver's m-lines; [`layers`] the
//! choice of simulcast layer; [`speaker`] the loudest speaker; [`selection`]
//! which cameras and microphones a receiver gets in a large meeting;
//! `protection` the loss microphones' senders are told of; `timers` every
//! wake-up; `peer` one str0m connection.

mod driving;
mod forwarding;
pub mod layers;
mod membership;
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
use str0m::net::{Protocol, Transmit};
use str0m::rtp::Ssrc;

use crate::layers::{BitrateMeter, LAYER_INACTIVE_AFTER, LayerStatus};
use crate::peer::{Peer, PeerRole};
use crate::selection::{AudioGate, SpeakingOrder, VideoChoice};
use crate::speaker::ActiveSpeaker;
use crate::subscription::{Slot, Subscriptions};
use crate::timers::Timers;

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
    /// Made by the participant's first publish offer: a listener who never
    /// publishes has no publishing connection to keep (str0m's state for
    /// one is 20-30 KiB) nor to wake for its timeouts.
    publisher: Option<Peer>,
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
    fn peer(&self, role: PeerRole) -> Option<&Peer> {
        match role {
            PeerRole::Publisher => self.publisher.as_ref(),
            PeerRole::Subscriber => Some(&self.subscriber),
        }
    }

    fn peer_mut(&mut self, role: PeerRole) -> Option<&mut Peer> {
        match role {
            PeerRole::Publisher => self.publisher.as_mut(),
            PeerRole::Subscriber => Some(&mut self.subscriber),
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
    /// The deadlines one `handle_timeout` serves, kept for its allocation.
    due_scratch: Vec<(Instant, timers::Due)>,
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
            due_scratch: Vec::new(),
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

    /// WebRTC connections held: one per participant, two for those who
    /// publish.
    pub fn peer_count(&self) -> usize {
        self.participants
            .values()
            .map(|p| 1 + usize::from(p.publisher.is_some()))
            .sum()
    }

    /// When a datagram from this participant's peers last arrived.
    pub fn media_heard_at(&self, id: ParticipantId) -> Option<Instant> {
        self.participants.get(&id).and_then(|p| p.heard_at)
    }

    /// Peers whose DTLS engine was dropped after the handshake (tests: see
    /// `Peer::new`).
    #[doc(hidden)]
    pub fn dtls_released_count(&self) -> usize {
        self.participants
            .values()
            .flat_map(|p| p.publisher.iter().chain(std::iter::once(&p.subscriber)))
            .filter(|peer| peer.rtc.is_dtls_released())
            .count()
    }

    /// Remote addresses with a learnt peer (tests: the map is bounded).
    #[doc(hidden)]
    pub fn route_count(&self) -> usize {
        self.routes.len()
    }
}

/// Whether str0m pads `id`'s receiving link to its automatic target (tests:
/// only while video is forwarded to it).
#[doc(hidden)]
pub fn pads_link_of(sfu: &Sfu, id: ParticipantId) -> bool {
    sfu.participants
        .get(&id)
        .is_some_and(|p| p.subscriptions.automatic_padding)
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
