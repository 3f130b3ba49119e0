//! One native participant as a sans-IO core: signaling in and out, two str0m
//! peers (publish and subscribe, as the browser client has), the MLS group
//! and SFrame on every frame. The runner (`runner.rs`) or a test feeds it
//! server messages, datagrams and time, and drains what it wants sent.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use conclave_e2ee::group::Incoming;
use conclave_e2ee::{
    AddRequest, BoxKey, Codec, FrameDecryptor, FrameEncryptor, Group, GroupError, Knock,
    MediaError, MeetingKey, MeetingPublicKey, TrackContext,
};
use conclave_signaling::{
    ClientMessage, ParticipantId, PublishedTrack, ServerMessage, SubscribedTrack, TrackId,
    TrackSource,
};
use str0m::change::{SdpAnswer, SdpOffer, SdpPendingOffer};
use str0m::format::Codec as RtcCodec;
use str0m::media::{
    Direction, Frequency, MediaKind, MediaTime, Mid, Rid, Simulcast, SimulcastLayer,
};
use str0m::net::{Protocol, Receive, TcpType, Transmit};
use str0m::{Candidate, Event, IceConnectionState, Input, Output, Rtc};

use crate::fixtures::{self, Frame, keyframe_height};
use crate::report::{PeerReport, Report};

#[derive(Debug, thiserror::Error)]
pub enum ParticipantError {
    #[error("fixtures: {0}")]
    Fixtures(#[from] fixtures::FixtureError),
    #[error("media: {0}")]
    Media(String),
    #[error("--name: {0}")]
    Name(#[from] conclave_signaling::NameError),
}

/// Numbered messages read before they are acknowledged without waiting for
/// the next ping: a quarter of what the server keeps for a resume (512), so
/// a burst never pushes this member past it; a ping per 128 messages is
/// little beside them.
const ACK_EVERY: u64 = 128;

/// What one remote participant sent us, as decrypted.
#[derive(Debug, Default, Clone)]
struct Received {
    /// Remembered at the first frame, so the report names people who left.
    name: String,
    audio_frames: u64,
    video_frames: u64,
    decrypt_failures: u64,
    /// Frames that could not be opened because they were sent before we
    /// first had the group's keys: no member can open those, by design.
    before_joining: u64,
    markers_seen: u64,
    /// Picture heights of the decrypted key frames, each once, in the
    /// order first seen: which simulcast layers the SFU sent.
    video_heights: Vec<u16>,
}

/// Whether a frame that did not open, and arrived at `arrived`, was sent
/// to the group before we were in it rather than failing: it found no key
/// (a wrong key or a forged frame fails authentication instead), and it
/// came before we had the group's keys (`keys_since`) or within `overlap`
/// after, while senders may still use the epoch before ours.
fn sent_before_joining(
    missing_key: bool,
    keys_since: Option<Instant>,
    arrived: Instant,
    overlap: Duration,
) -> bool {
    missing_key
        && keys_since.is_none_or(|since| {
            arrived < since || arrived.saturating_duration_since(since) < overlap
        })
}

/// What a native client publishes: its microphone and its camera.
fn published_tracks(audio: Mid, video: Mid) -> Vec<PublishedTrack> {
    vec![
        PublishedTrack {
            mid: audio.to_string(),
            source: TrackSource::Microphone,
        },
        PublishedTrack {
            mid: video.to_string(),
            source: TrackSource::Camera,
        },
    ]
}

/// A looping recorded stream: one layer, or a camera's simulcast layers
/// (lowest first, each with its rid), which advance together.
struct Source {
    layers: Vec<(Option<Rid>, Vec<Frame>)>,
    next: usize,
    due: Instant,
    rtp_time: u64,
    clock: u32,
}

impl Source {
    fn new(layers: Vec<(Option<Rid>, Vec<Frame>)>, clock: u32, now: Instant) -> Self {
        Self {
            layers,
            next: 0,
            due: now,
            rtp_time: 0,
            clock,
        }
    }

    /// The next frame's index and RTP time; the clock moves on.
    fn take(&mut self) -> (usize, u64) {
        let index = self.next;
        let time = self.rtp_time;
        let duration = self.layers[0].1[index % self.layers[0].1.len()].duration;
        self.rtp_time += duration.as_micros() as u64 * u64::from(self.clock) / 1_000_000;
        self.due += duration;
        self.next += 1;
        (index, time)
    }

    /// Frame `index` of every layer, with the layer's rid.
    fn frames(&self, index: usize) -> impl Iterator<Item = (Option<Rid>, &[u8])> {
        self.layers
            .iter()
            .map(move |(rid, frames)| (*rid, frames[index % frames.len()].data.as_slice()))
    }

    fn simulcast(&self) -> Option<Simulcast> {
        let rids: Vec<Rid> = self.layers.iter().filter_map(|(rid, _)| *rid).collect();
        (!rids.is_empty()).then(|| {
            let mut simulcast = Simulcast::new();
            for rid in rids {
                simulcast.add_send_layer(SimulcastLayer::new(&rid));
            }
            simulcast
        })
    }
}

/// Whom a host running natively admits (it has no one to click).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdmitPolicy {
    Nobody,
    Everyone,
    /// These display names (as the name rules make them).
    Names(Vec<String>),
}

/// What a meeting link's fragment gives: the meeting key (docs/admission.md).
pub struct Admission {
    pub meeting_id: String,
    pub public: MeetingPublicKey,
    /// The host link's seed (`key=`): this participant is a host.
    pub seed: Option<zeroize::Zeroizing<String>>,
    /// The host link's server secret (`host=`).
    pub host_secret: Option<String>,
    pub admit: AdmitPolicy,
    /// As a host: make these admitted people co-hosts (by display name).
    pub promote: Vec<String>,
    /// Kept for the run: a denied or removed device is refused by it.
    pub device: String,
    /// The link's `rec=`: an organisation's recording key, sealed to
    /// instead of the meeting key.
    pub recording_key: Option<[u8; 32]>,
}

impl Admission {
    fn key(&self) -> Option<MeetingKey> {
        MeetingKey::from_link_part(self.seed.as_deref()?).ok()
    }
}

pub struct Participant {
    name: String,
    admission: Option<Admission>,
    /// Knocks this host admitted: (participant, KeyPackage, name). Kept
    /// here so a fresh group state (after a rejoin) still knows them.
    admitted: Vec<(u64, Vec<u8>, String)>,
    /// Knocks this host saw and did not admit (participant → name).
    knocking: BTreeMap<u64, String>,
    knocked: bool,
    /// This knocker's own key, for a host to seal the meeting key to.
    box_key: Option<BoxKey>,
    /// Made a co-host by a host.
    promoted: bool,
    /// When a host's admission reached this knocker (its `welcome`), and
    /// how long after it the first video frame was decrypted.
    admitted_at: Option<Instant>,
    admission_to_video: Option<Duration>,
    tampered: Option<String>,
    marker: Option<Vec<u8>>,
    /// Each peer has its own socket, as each browser peer connection does:
    /// the SFU tells peers apart by their address.
    publish_addr: SocketAddr,
    subscribe_addr: SocketAddr,
    id: Option<ParticipantId>,
    /// The group's participants at the last epoch we saw, to introduce
    /// ourselves to whoever a commit added (`None`: not in a group yet).
    group_participants: Option<std::collections::BTreeSet<u64>>,
    publisher: Rtc,
    subscriber: Rtc,
    media_transport: MediaTransport,
    pending_publish: Option<SdpPendingOffer>,
    audio_mid: Option<Mid>,
    video_mid: Option<Mid>,
    tracks: HashMap<Mid, SubscribedTrack>,
    group: Option<Group>,
    mic: FrameEncryptor,
    camera: FrameEncryptor,
    decryptor: FrameDecryptor,
    audio: Source,
    video: Source,
    received: BTreeMap<ParticipantId, Received>,
    codes: Vec<String>,
    /// Every epoch this client entered, with the wall-clock time (Unix ms):
    /// runs in several processes compare when a commit reached each member.
    epoch_times: Vec<(u64, u64)>,
    /// When we first had the group's keys: what could not be opened
    /// before then, or within [`SENDER_LAG`] after while senders still use the
    /// epoch before ours, was sent to a group we were not in yet.
    keys_since: Option<Instant>,
    /// Publish nothing (a listener in a large meeting).
    listen_only: bool,
    /// The server's resume offer (`resumable`) and its grace; the times this
    /// client took its place back on a new socket.
    resume_token: Option<zeroize::Zeroizing<String>>,
    /// The last `seen` sent in a ping.
    acknowledged: u64,
    resume_grace: Duration,
    resumes: u32,
    /// The tile height reported for every remote camera, and the tracks
    /// already reported.
    tile_height: Option<u32>,
    sized: HashSet<TrackId>,
    /// The last numbered server message read.
    seen: Option<u64>,
    chat: Vec<(String, String)>,
    errors: Vec<String>,
    outgoing: VecDeque<ClientMessage>,
    transmits: VecDeque<Transmit>,
    frames_sent: u64,
    /// Times this participant discarded its group state and asked back in.
    rejoins: u32,
    /// The publishing and the subscribing connection's ICE, for restarts.
    publish_path: IcePath,
    subscribe_path: IcePath,
    ice_restarts: u32,
    scratch: Vec<u8>,
    finished: bool,
    next_expire: Instant,
    /// The earliest time either peer wants to be woken.
    next_rtc: Instant,
    waiting: VecDeque<Waiting>,
    /// Cameras of this many recent speakers only (`--last-n`).
    last_n: Option<u16>,
    /// The remote cameras the server holds back now, and the most it ever
    /// held back at once.
    video_paused: Vec<TrackId>,
    video_paused_most: usize,
    /// As a host: start a recording once in the group (`--record`).
    record: bool,
    record_asked: bool,
    /// The server says a recording runs.
    recording: bool,
    recording_seen: bool,
    /// The group's own roster said it was recorded, in some epoch.
    recording_in_group: bool,
    /// Epochs whose keys this host sealed to the recording key.
    sealed_epochs: Vec<u64>,
    key_fingerprints: Vec<String>,
}

/// How often superseded epoch keys are checked for erasure.
/// How a member whose credential cannot be read is listed: never dropped,
/// so the member count is exactly the group's.
pub const UNKNOWN_MEMBER: &str = "(unknown member: unreadable credential)";

const EXPIRE_CHECK: Duration = Duration::from_secs(1);

/// How long after we first have the group's keys a frame without a key
/// is taken for one sent on the epoch before ours: a sender keeps using
/// its epoch until it has processed the commit, and receivers keep a past
/// epoch's keys as long for such laggards (docs/e2ee.md "SFrame").
const SENDER_LAG: Duration = Duration::from_secs(10);

/// How long a media connection stays disconnected before this client
/// restarts its ICE: a blip of a second or two recovers by itself, while
/// the server lets go of a path that was quiet for 15 s and will not take
/// it back (the browser waits the same, `web/src/meeting/iceRestart.ts`).
const ICE_RESTART_AFTER: Duration = Duration::from_secs(2);

/// While still disconnected, restart again this often: the last attempt's
/// checks may have been lost with the network.
const ICE_RESTART_RETRY: Duration = Duration::from_secs(10);

/// ICE state of one of the two media connections, for restarts.
#[derive(Debug, Default, Clone, Copy)]
struct IcePath {
    /// Since when it has been disconnected.
    lost_at: Option<Instant>,
    /// When this client last restarted it.
    restarted_at: Option<Instant>,
    /// Since when it has been checking without connecting.
    checking_since: Option<Instant>,
    /// It offers TCP as well as UDP (or TCP alone).
    tcp: bool,
    /// The protocol of the last datagram it took in.
    last_protocol: Option<Protocol>,
}

impl IcePath {
    fn handle_state(&mut self, state: IceConnectionState, now: Instant) {
        match state {
            IceConnectionState::Connected | IceConnectionState::Completed => {
                self.lost_at = None;
                self.restarted_at = None;
                self.checking_since = None;
            }
            IceConnectionState::Disconnected => {
                self.lost_at.get_or_insert(now);
                self.checking_since.get_or_insert(now);
            }
            IceConnectionState::Checking => {
                self.checking_since.get_or_insert(now);
            }
            IceConnectionState::New => {}
        }
    }

    /// Whether to offer TCP now: checking over UDP alone has gone on for
    /// [`TCP_FALLBACK_AFTER`].
    fn tcp_due(&self, transport: MediaTransport, now: Instant) -> bool {
        transport == MediaTransport::Auto
            && !self.tcp
            && self
                .checking_since
                .is_some_and(|t| now.saturating_duration_since(t) >= TCP_FALLBACK_AFTER)
    }

    /// Whether to restart now.
    fn restart_due(&self, now: Instant) -> bool {
        let Some(lost) = self.lost_at else {
            return false;
        };
        now.saturating_duration_since(lost) >= ICE_RESTART_AFTER
            && self
                .restarted_at
                .is_none_or(|t| now.saturating_duration_since(t) >= ICE_RESTART_RETRY)
    }
}

/// A frame under a key we do not have yet (its sender moved to the next
/// epoch a moment before us) waits this long for the commit to arrive. Long
/// enough for a delivery-service round trip, short enough that nothing
/// stale is ever shown.
const KEY_WAIT: Duration = Duration::from_secs(1);

/// At most this many frames wait for a key (about a second of audio and
/// video from a few senders); more are dropped and counted.
const MAX_WAITING_FRAMES: usize = 256;

/// A received frame waiting for its epoch's key.
struct Waiting {
    since: Instant,
    from: ParticipantId,
    codec: Codec,
    data: Vec<u8>,
}

/// Which transports the media connections try, as `--media-transport`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MediaTransport {
    /// UDP, and TCP to the server's media port when UDP has not connected
    /// within [`TCP_FALLBACK_AFTER`], as a browser falls back to ICE-TCP.
    #[default]
    Auto,
    /// UDP only.
    Udp,
    /// TCP only (RFC 6544, this client connecting): a network known to
    /// drop UDP, without the wait.
    Tcp,
}

/// How long a media connection may be checking over UDP before this client
/// also offers TCP. Checks over a working UDP path succeed within a round
/// trip or two, so a network that drops UDP is the likely cause by then;
/// waiting longer only delays the meeting there, while trying TCP at once
/// would open a TCP connection per peer even where UDP works.
pub const TCP_FALLBACK_AFTER: Duration = Duration::from_secs(2);

fn build_rtc(local: SocketAddr, transport: MediaTransport, now: Instant) -> Rtc {
    let mut rtc = Rtc::builder()
        .clear_codecs()
        .enable_opus(true, false)
        .enable_vp8(true)
        .build(now);
    if transport == MediaTransport::Tcp {
        add_tcp_candidate(&mut rtc, local);
    } else if let Ok(c) = Candidate::host(local, "udp") {
        rtc.add_local_candidate(c);
    }
    rtc
}

/// An active TCP candidate (RFC 6544): this client connects to the
/// server's passive one. Its address is only the name this client gives
/// the connection (the UDP socket's, with the other protocol), so datagrams
/// keep telling the two peers apart; the server learns the real source
/// from the connection, as it does for a browser's.
fn add_tcp_candidate(rtc: &mut Rtc, local: SocketAddr) {
    let candidate = Candidate::builder()
        .tcp()
        .host(local)
        .tcptype(TcpType::Active)
        .build();
    match candidate {
        Ok(c) => {
            rtc.add_local_candidate(c);
        }
        Err(e) => tracing::warn!("no TCP candidate for {local}: {e}"),
    }
}

impl Participant {
    /// The addresses are those of this participant's two UDP sockets (one
    /// per peer), as the server will see them. `marker` (tests) is appended
    /// to every frame sent.
    pub fn new(
        name: &str,
        publish_addr: SocketAddr,
        subscribe_addr: SocketAddr,
        marker: Option<Vec<u8>>,
        now: Instant,
    ) -> Result<Self, ParticipantError> {
        Ok(Self {
            // As the name rules make it: what every other client checks it
            // against in knocks and introductions.
            name: conclave_signaling::validate_name(name)?,
            admission: None,
            admitted: Vec::new(),
            knocking: BTreeMap::new(),
            knocked: false,
            box_key: None,
            promoted: false,
            admitted_at: None,
            admission_to_video: None,
            tampered: None,
            marker,
            publish_addr,
            subscribe_addr,
            id: None,
            group_participants: None,
            publisher: build_rtc(publish_addr, MediaTransport::Auto, now),
            subscriber: build_rtc(subscribe_addr, MediaTransport::Auto, now),
            media_transport: MediaTransport::Auto,
            pending_publish: None,
            audio_mid: None,
            video_mid: None,
            tracks: HashMap::new(),
            group: None,
            mic: FrameEncryptor::new(TrackContext::Microphone),
            camera: FrameEncryptor::new(TrackContext::Camera),
            decryptor: FrameDecryptor::new(),
            audio: Source::new(vec![(None, fixtures::audio()?)], 48_000, now),
            video: Source::new(
                fixtures::video_layers()?
                    .into_iter()
                    .map(|l| (Some(Rid::from(l.rid)), l.frames))
                    .collect(),
                90_000,
                now,
            ),
            received: BTreeMap::new(),
            codes: Vec::new(),
            epoch_times: Vec::new(),
            keys_since: None,
            listen_only: false,
            tile_height: None,
            sized: HashSet::new(),
            resume_token: None,
            acknowledged: 0,
            resume_grace: Duration::ZERO,
            resumes: 0,
            seen: None,
            chat: Vec::new(),
            errors: Vec::new(),
            outgoing: VecDeque::from([ClientMessage::Join {
                host_secret: None,
                device: None,
            }]),
            transmits: VecDeque::new(),
            frames_sent: 0,
            rejoins: 0,
            publish_path: IcePath::default(),
            subscribe_path: IcePath::default(),
            ice_restarts: 0,
            scratch: Vec::new(),
            finished: false,
            next_expire: now + EXPIRE_CHECK,
            next_rtc: now,
            waiting: VecDeque::new(),
            record: false,
            record_asked: false,
            recording: false,
            recording_seen: false,
            last_n: None,
            video_paused: Vec::new(),
            video_paused_most: 0,
            recording_in_group: false,
            sealed_epochs: Vec::new(),
            key_fingerprints: Vec::new(),
        })
    }

    pub fn id(&self) -> Option<ParticipantId> {
        self.id
    }

    /// Set when the server refused us for good (fatal error).
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    pub fn security_code(&self) -> Option<String> {
        self.group.as_ref().and_then(|g| g.security_code().ok())
    }

    pub fn epoch(&self) -> Option<u64> {
        self.group.as_ref().and_then(|g| g.epoch().ok())
    }

    /// The base key of the current epoch (tests use it to show what a
    /// removed member or a newcomer could decrypt).
    pub fn decryptor(&self) -> &FrameDecryptor {
        &self.decryptor
    }

    pub fn decryptor_mut(&mut self) -> &mut FrameDecryptor {
        &mut self.decryptor
    }

    pub fn send_chat(&mut self, text: &str) {
        let Some(group) = self.group.as_mut() else {
            self.errors.push("chat before joining the group".into());
            return;
        };
        let (Ok(epoch), Ok(ct)) = (group.epoch(), group.encrypt_chat(text)) else {
            self.errors.push("chat could not be encrypted".into());
            return;
        };
        self.chat.push((self.name.clone(), text.to_owned()));
        self.outgoing.push_back(ClientMessage::MlsApplication {
            epoch,
            message: B64.encode(ct),
            to: None,
        });
    }

    pub fn ping(&mut self) {
        // Acknowledged, the server need not keep what we read for a resume.
        self.acknowledged = self.seen.unwrap_or(0);
        self.outgoing
            .push_back(ClientMessage::Ping { seen: self.seen });
    }

    /// What a new signaling socket sends first after the last one was lost
    /// (not closed): take this member's place back, with everything the
    /// server sent after the last message read. `None` before the server
    /// offered a resume (then a lost socket ends the stay).
    pub fn resume_message(&self) -> Option<ClientMessage> {
        let token = self.resume_token.as_ref()?;
        Some(ClientMessage::Resume {
            token: token.as_str().to_owned(),
            seen: self.seen.unwrap_or(0),
        })
    }

    /// Times a new socket took this member's place back.
    pub fn resumes(&self) -> u32 {
        self.resumes
    }

    /// How long the server holds this member's place after its socket is
    /// lost: reconnecting later than this is pointless.
    pub fn resume_grace(&self) -> Duration {
        self.resume_grace
    }

    /// A message that could not be sent (the socket failed under it) goes
    /// first once signaling is back.
    pub fn unsend(&mut self, message: ClientMessage) {
        self.outgoing.push_front(message);
    }

    pub fn leave(&mut self) {
        self.outgoing.push_back(ClientMessage::Leave);
    }

    pub fn poll_signaling(&mut self) -> Option<ClientMessage> {
        self.outgoing.pop_front()
    }

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop_front()
    }

    /// One signaling message as it came off the socket. A message that does
    /// not decode within the protocol's limits (oversized, malformed, an id
    /// browsers cannot represent) is refused and recorded, never acted on.
    pub fn handle_server_text(&mut self, text: &str, now: Instant) {
        match conclave_signaling::decode_server_numbered(text) {
            Ok((seq, message)) => {
                if seq.is_some() {
                    self.seen = seq;
                    // A burst (a large meeting's joins, each a commit and
                    // introductions for everyone) is acknowledged as it
                    // comes, not only at the next ping: the server keeps
                    // what is unacknowledged for a resume, up to a limit
                    // beyond which this member could no longer resume.
                    if let Some(n) = seq
                        && n >= self.acknowledged + ACK_EVERY
                    {
                        self.ping();
                    }
                }
                self.handle_server(message, now);
            }
            Err(e) => {
                tracing::warn!("refused a server message: {e}");
                self.errors.push(format!("refused a server message: {e}"));
            }
        }
    }

    /// Makes this participant follow the admission rules of a meeting
    /// whose link carried the meeting key (`key=` or `pub=`). Call before
    /// the first message is polled.
    pub fn with_admission(mut self, admission: Admission) -> Self {
        if let Some(ClientMessage::Join {
            host_secret,
            device,
            ..
        }) = self.outgoing.front_mut()
        {
            host_secret.clone_from(&admission.host_secret);
            *device = Some(admission.device.clone());
        }
        self.admission = Some(admission);
        self
    }

    fn is_host(&self) -> bool {
        self.admission.as_ref().is_some_and(|a| a.seed.is_some())
    }

    /// As a host, start a recording as soon as this participant is in the
    /// meeting's group (`conclave join --record`).
    pub fn with_recording(mut self, record: bool) -> Self {
        self.record = record;
        self
    }

    /// Which transports the media connections try (before anything is
    /// negotiated: TCP alone starts both connections afresh).
    pub fn with_media_transport(mut self, transport: MediaTransport, now: Instant) -> Self {
        self.media_transport = transport;
        if transport == MediaTransport::Tcp {
            self.publisher = build_rtc(self.publish_addr, transport, now);
            self.subscriber = build_rtc(self.subscribe_addr, transport, now);
            self.publish_path.tcp = true;
            self.subscribe_path.tcp = true;
        }
        self
    }

    /// Publish no microphone or camera: a listener.
    pub fn with_listen_only(mut self, listen_only: bool) -> Self {
        self.listen_only = listen_only;
        self
    }

    /// Report every remote camera's tile as `height` lines tall (4:3).
    pub fn with_tile_height(mut self, height: Option<u32>) -> Self {
        self.tile_height = height;
        self
    }

    /// Receive the cameras of the `n` most recent speakers only.
    pub fn with_last_n(mut self, n: Option<u16>) -> Self {
        self.last_n = n;
        self
    }

    /// As a host: stop the meeting's recording.
    pub fn stop_recording(&mut self) {
        self.outgoing.push_back(ClientMessage::StopRecording);
    }

    /// The server asks this host's commit to say in the group that it is
    /// being recorded (to the link's recording key), or no longer.
    fn request_recording(&mut self, on: bool) {
        let (Some(group), Some(admission)) = (self.group.as_mut(), self.admission.as_ref()) else {
            return;
        };
        let entry = on.then(|| {
            let to = admission
                .recording_key
                .unwrap_or_else(|| admission.public.recording_public());
            conclave_e2ee::admission::RecordingEntry::new(&to)
        });
        group.request_recording(entry);
    }

    /// While a recording runs, and the group's own roster says so, a host
    /// (or co-host) seals the current epoch's base key and roster to the
    /// key the roster names (docs/recording.md). The server's word alone
    /// seals nothing: a recording every member's client shows is the only
    /// one anyone can open.
    fn seal_for_recording(&mut self) {
        if !self.recording || !(self.is_host() || self.promoted) {
            return;
        }
        let Some(group) = self.group.as_ref() else {
            return;
        };
        let Some(recipient) = group.recording().and_then(|r| r.recipient()) else {
            return;
        };
        let (Ok(epoch), Ok(base_key), Ok(members)) =
            (group.epoch(), group.sframe_base_key(), group.members())
        else {
            self.errors.push("recording: epoch keys unavailable".into());
            return;
        };
        if self.sealed_epochs.contains(&epoch) {
            return;
        }
        let sealed = conclave_e2ee::RecordingEpoch {
            epoch,
            base_key,
            members: members
                .iter()
                .map(|m| conclave_e2ee::RecordedMember {
                    leaf: m.leaf_index,
                    participant: m.participant.unwrap_or(0),
                    name: m.name.clone().unwrap_or_default(),
                })
                .collect(),
        };
        match conclave_e2ee::seal_recording_epoch(&recipient, &sealed) {
            Ok(sealed) => {
                self.sealed_epochs.push(epoch);
                self.outgoing
                    .push_back(ClientMessage::RecordingKey { epoch, sealed });
            }
            Err(e) => self.errors.push(format!("recording: {e}")),
        }
    }

    pub fn handle_server(&mut self, message: ServerMessage, now: Instant) {
        if self.tampered.is_some() {
            // Out of the group for good: nothing more to act on.
            return;
        }
        match message {
            ServerMessage::Lobby { you } => {
                self.id = Some(you);
                self.knock(you);
            }
            ServerMessage::Welcome { you, .. } => {
                self.id = Some(you);
                if self.knocked {
                    self.admitted_at = Some(now);
                }
                // A knocker's KeyPackage went sealed in its knock; the host
                // who admitted it commits that one.
                if !self.knocked
                    && let Some(key_package) = self.fresh_group(you)
                {
                    let host_endorsement = self
                        .group
                        .as_ref()
                        .and_then(Group::host_endorsement)
                        .map(|e| B64.encode(e));
                    self.outgoing.push_back(ClientMessage::MlsKeyPackage {
                        key_package,
                        host_endorsement,
                    });
                }
                if self.last_n.is_some() {
                    self.outgoing.push_back(ClientMessage::VideoSelection {
                        last_n: self.last_n,
                        pinned: Vec::new(),
                    });
                }
                self.publish();
            }
            ServerMessage::Knock {
                participant,
                sealed,
            } => self.consider_knock(participant, &sealed),
            ServerMessage::KnockWithdrawn { participant } => {
                self.knocking.remove(&participant.0);
            }
            ServerMessage::Promoted { sealed_key } => self.on_promoted(&sealed_key),
            // Who is in the meeting matters here only through the group,
            // which also names them.
            ServerMessage::ParticipantJoined { .. }
            | ServerMessage::ParticipantUpdated { .. }
            | ServerMessage::ParticipantLeft { .. } => {}
            ServerMessage::PublishAnswer { sdp } => {
                let answer = SdpAnswer::from_sdp_string(&sdp);
                match (answer, self.pending_publish.take()) {
                    (Ok(answer), Some(pending)) => {
                        if let Err(e) = self.publisher.sdp_api().accept_answer(pending, answer) {
                            self.errors.push(format!("publish answer: {e}"));
                        }
                    }
                    _ => self
                        .errors
                        .push("unexpected or malformed publish answer".into()),
                }
            }
            ServerMessage::SubscribeOffer { sdp, tracks } => {
                let answer = SdpOffer::from_sdp_string(&sdp)
                    .map_err(|e| e.to_string())
                    .and_then(|o| {
                        self.subscriber
                            .sdp_api()
                            .accept_offer(o)
                            .map_err(|e| e.to_string())
                    });
                match answer {
                    Ok(answer) => {
                        self.tracks = tracks
                            .into_iter()
                            .map(|t| (Mid::from(t.mid.as_str()), t))
                            .collect();
                        self.outgoing.push_back(ClientMessage::SubscribeAnswer {
                            sdp: answer.to_sdp_string(),
                        });
                        self.report_tile_sizes();
                    }
                    Err(e) => self.errors.push(format!("subscribe offer: {e}")),
                }
            }
            ServerMessage::MlsCreateGroup => {
                let created = self.group.as_mut().map(|g| g.create());
                match created {
                    Some(Ok(())) => {
                        self.outgoing.push_back(ClientMessage::MlsGroupCreated);
                        self.on_epoch(now);
                    }
                    Some(Err(e)) => self.errors.push(format!("create group: {e}")),
                    None => {}
                }
            }
            ServerMessage::MlsCommitRequest {
                epoch,
                adds,
                removes,
                recording,
                ..
            } => {
                if let Some(on) = recording {
                    self.request_recording(on);
                }
                self.commit(epoch, adds, removes);
            }
            ServerMessage::MlsCommitAccepted { .. } => {
                if let Some(g) = self.group.as_mut() {
                    match g.merge_pending() {
                        Ok(()) => self.on_epoch(now),
                        Err(e) => self.errors.push(format!("merge commit: {e}")),
                    }
                }
            }
            ServerMessage::MlsCommitRejected { .. } => {
                if let Some(g) = self.group.as_mut() {
                    let _ = g.discard_pending();
                }
            }
            ServerMessage::MlsCommit { epoch, commit, .. } => {
                match self.epoch() {
                    // Not in the group yet: our Welcome will bring us in.
                    None => {}
                    Some(ours) if epoch < ours => {}
                    Some(ours) if epoch > ours => {
                        self.rejoin(format!("missed epochs {ours}..{epoch}"), now);
                    }
                    Some(_) => self.process_group_message(&commit, true, now),
                }
            }
            ServerMessage::MlsWelcome { welcome } => {
                if self.group.as_ref().is_some_and(Group::in_group) {
                    return;
                }
                let joined = B64
                    .decode(welcome)
                    .map_err(|e| GroupError::Malformed(e.to_string()))
                    .and_then(|w| {
                        self.group
                            .as_mut()
                            .ok_or(GroupError::NoGroup)
                            .and_then(|g| g.join(&w))
                    });
                match joined {
                    Ok(()) => self.on_epoch(now),
                    Err(GroupError::Tampered(reason)) => self.alarm(reason),
                    Err(e) => {
                        self.errors.push(format!("welcome: {e}"));
                        self.rejoin(format!("could not join from the Welcome: {e}"), now);
                    }
                }
            }
            ServerMessage::MlsReset { reason } => {
                tracing::info!("the delivery service reset our group membership: {reason}");
                self.rejoin(format!("reset by the server: {reason}"), now);
            }
            ServerMessage::MlsApplication { message, .. } => {
                self.process_group_message(&message, false, now)
            }
            ServerMessage::Error { message, fatal, .. } => {
                self.errors.push(message);
                if fatal {
                    self.finished = true;
                }
            }
            ServerMessage::Denied { .. } => {
                self.errors.push("a host denied entry".into());
                self.finished = true;
            }
            ServerMessage::Removed => {
                self.errors.push("a host removed this participant".into());
                self.finished = true;
            }
            ServerMessage::MeetingEnded => {
                self.errors.push("a host ended the meeting".into());
                self.finished = true;
            }
            ServerMessage::Recording { active } => {
                if active {
                    tracing::info!("this meeting is being recorded");
                }
                self.recording = active;
                self.recording_seen |= active;
                self.seal_for_recording();
            }
            ServerMessage::VideoPaused { tracks } => {
                self.video_paused_most = self.video_paused_most.max(tracks.len());
                self.video_paused = tracks;
            }
            ServerMessage::ActiveSpeaker { .. }
            | ServerMessage::Pong
            | ServerMessage::MeetingLocked { .. }
            // Recorded media has no microphone to mute and no screen.
            | ServerMessage::MutedByHost
            | ServerMessage::ScreenSharingAllowed { .. }
            // UDP only: the native client has no TCP or TURN path yet.
            | ServerMessage::IceServers { .. } => {}
            ServerMessage::Resumable { token, grace_s } => {
                self.resume_token = Some(zeroize::Zeroizing::new(token));
                self.resume_grace = Duration::from_secs(u64::from(grace_s));
            }
            ServerMessage::Resumed { .. } => self.resumes += 1,
        }
    }

    /// Tells the SFU the size of every camera tile not yet reported, as a
    /// page does when a tile appears.
    fn report_tile_sizes(&mut self) {
        let Some(height) = self.tile_height else {
            return;
        };
        for t in self.tracks.values() {
            if t.source == TrackSource::Camera && self.sized.insert(t.track) {
                self.outgoing.push_back(ClientMessage::VideoSize {
                    track: t.track,
                    width: height * 4 / 3,
                    height,
                });
            }
        }
    }

    /// Offers TCP on a media connection that has been checking over UDP for
    /// [`TCP_FALLBACK_AFTER`]: a firewall that drops UDP. The server is an
    /// ICE-lite agent that takes checks from any address with the right
    /// credentials, so the new candidate needs no new offer.
    fn fall_back_to_tcp(&mut self, now: Instant) {
        for (rtc, path, local) in [
            (
                &mut self.publisher,
                &mut self.publish_path,
                self.publish_addr,
            ),
            (
                &mut self.subscriber,
                &mut self.subscribe_path,
                self.subscribe_addr,
            ),
        ] {
            if path.tcp_due(self.media_transport, now) {
                path.tcp = true;
                tracing::info!("no media over UDP yet: trying TCP");
                add_tcp_candidate(rtc, local);
            }
        }
    }

    /// Restarts ICE on a media connection that lost its path (a network
    /// change, an outage, or this client too busy to answer its checks):
    /// new credentials and fresh checks, as a browser does. The meeting,
    /// the group and the keys stay as they are. The subscribing connection
    /// is the server's offer, so the server is asked for one; the
    /// publishing connection is ours to offer again.
    fn restart_lost_paths(&mut self, now: Instant) {
        if self.subscribe_path.restart_due(now) {
            self.subscribe_path.restarted_at = Some(now);
            self.ice_restarts += 1;
            tracing::info!("receiving connection lost its path: restarting ICE");
            self.outgoing.push_back(ClientMessage::RestartIce);
        }
        // An offer already out is answered first; its answer may be what
        // brings the path back.
        if self.publish_path.restart_due(now) && self.pending_publish.is_none() {
            self.publish_path.restarted_at = Some(now);
            let (Some(audio), Some(video)) = (self.audio_mid, self.video_mid) else {
                return;
            };
            let mut api = self.publisher.sdp_api();
            api.ice_restart(true);
            let Some((offer, pending)) = api.apply() else {
                return;
            };
            self.ice_restarts += 1;
            tracing::info!("sending connection lost its path: restarting ICE");
            self.pending_publish = Some(pending);
            self.outgoing.push_back(ClientMessage::PublishOffer {
                sdp: offer.to_sdp_string(),
                tracks: published_tracks(audio, video),
            });
        }
    }

    fn publish(&mut self) {
        if self.listen_only {
            return;
        }
        let mut api = self.publisher.sdp_api();
        let audio = api.add_media(MediaKind::Audio, Direction::SendOnly, None, None, None);
        let video = api.add_media(
            MediaKind::Video,
            Direction::SendOnly,
            None,
            None,
            self.video.simulcast(),
        );
        let Some((offer, pending)) = api.apply() else {
            return;
        };
        self.audio_mid = Some(audio);
        self.video_mid = Some(video);
        self.pending_publish = Some(pending);
        self.outgoing.push_back(ClientMessage::PublishOffer {
            sdp: offer.to_sdp_string(),
            tracks: published_tracks(audio, video),
        });
    }

    fn commit(
        &mut self,
        epoch: u64,
        adds: Vec<conclave_signaling::MlsAdd>,
        removes: Vec<ParticipantId>,
    ) {
        let Some(group) = self.group.as_mut() else {
            return;
        };
        if group.epoch().ok() != Some(epoch) {
            self.errors.push(format!(
                "asked to commit on epoch {epoch}, but we are elsewhere"
            ));
            return;
        }
        let adds: Vec<AddRequest> = adds
            .into_iter()
            .map(|a| AddRequest {
                participant: a.participant.0,
                key_package: B64.decode(a.key_package).unwrap_or_default(),
                knock: a.knock == Some(true),
                host_endorsement: a.host_endorsement.and_then(|e| B64.decode(e).ok()),
            })
            .collect();
        let removes: Vec<u64> = removes.into_iter().map(|p| p.0).collect();
        match group.commit_requests(&adds, &removes) {
            Ok(out) => {
                for (participant, reason) in &out.refused {
                    tracing::warn!(participant, "left an Add out of our commit: {reason}");
                }
                self.outgoing.push_back(ClientMessage::MlsCommit {
                    epoch,
                    commit: B64.encode(out.commit),
                    welcome: out.welcome.map(|w| B64.encode(w)),
                    added: out.added.into_iter().map(ParticipantId).collect(),
                    removed: out.removed.into_iter().map(ParticipantId).collect(),
                });
            }
            Err(e) => self.errors.push(format!("commit: {e}")),
        }
    }

    /// New MLS state (no group yet) and its KeyPackage, base64.
    fn fresh_group(&mut self, you: ParticipantId) -> Option<String> {
        self.group_participants = None;
        let group = Group::new(you.0, &self.name).map(|mut g| {
            if let Some(a) = &self.admission {
                g.enforce(a.public, a.key());
                for (p, kp, name) in &self.admitted {
                    g.admit(*p, kp.clone(), name.clone());
                }
            }
            g
        });
        match group.and_then(|g| Ok((g.key_package()?, g))) {
            Ok((kp, group)) => {
                self.group = Some(group);
                Some(B64.encode(kp))
            }
            Err(e) => {
                self.errors.push(format!("MLS setup: {e}"));
                None
            }
        }
    }

    /// Our group state is unusable (or the server says we are out): stop
    /// sending under old keys, start over with a fresh KeyPackage, and ask
    /// to be added again rather than sit on a dead epoch.
    fn rejoin(&mut self, reason: String, _now: Instant) {
        let Some(you) = self.id else {
            return;
        };
        self.rejoins += 1;
        self.mic = FrameEncryptor::new(TrackContext::Microphone);
        self.camera = FrameEncryptor::new(TrackContext::Camera);
        if self.admission.is_some() && !self.is_host() {
            // Back in only through a host's decision, like anyone else.
            self.knock(you);
            return;
        }
        if let Some(key_package) = self.fresh_group(you) {
            let host_endorsement = self
                .group
                .as_ref()
                .and_then(Group::host_endorsement)
                .map(|e| B64.encode(e));
            let reason: String = reason
                .chars()
                .take(conclave_signaling::MAX_REASON_CHARS)
                .collect();
            self.outgoing.push_back(ClientMessage::MlsRejoin {
                key_package,
                reason,
                host_endorsement,
            });
        }
    }

    /// Seals a fresh KeyPackage and the name to the meeting key and knocks.
    fn knock(&mut self, you: ParticipantId) {
        let Some(key_package) = self.fresh_group(you) else {
            return;
        };
        let Some(a) = &self.admission else {
            self.errors.push(
                "this meeting has a lobby, but the link has no meeting key (#pub=…): ask for the full participant link".into(),
            );
            self.finished = true;
            return;
        };
        let name = self.name.clone();
        if self.box_key.is_none() {
            self.box_key = BoxKey::generate().ok();
        }
        let knock = Knock {
            participant: you.0,
            name,
            key_package,
            box_key: self.box_key.as_ref().map(BoxKey::public_b64),
        };
        match a.public.seal_knock(&a.meeting_id, &knock) {
            Ok(sealed) => {
                self.knocked = true;
                self.outgoing.push_back(ClientMessage::Knock { sealed });
            }
            Err(e) => self.errors.push(format!("knock: {e}")),
        }
    }

    /// As a host: opens a knock and admits it if the policy says so. A
    /// knock that does not open, or whose contents disagree with who the
    /// server says is knocking, is dropped with a warning.
    fn consider_knock(&mut self, participant: ParticipantId, sealed: &str) {
        let Some(a) = &self.admission else {
            return;
        };
        let Some(key) = a.key() else {
            return;
        };
        let knock = match key.open_knock(&a.meeting_id, sealed) {
            Ok(k) if k.participant == participant.0 => k,
            Ok(_) => {
                self.errors
                    .push(format!("a knock for {participant} names someone else"));
                return;
            }
            Err(e) => {
                self.errors.push(format!("a knock did not open: {e}"));
                return;
            }
        };
        let admit = match &a.admit {
            AdmitPolicy::Nobody => false,
            AdmitPolicy::Everyone => true,
            AdmitPolicy::Names(names) => names.contains(&knock.name),
        };
        if !admit {
            self.knocking.insert(participant.0, knock.name);
            return;
        }
        let Ok(kp) = B64.decode(&knock.key_package) else {
            self.errors.push(format!(
                "the knock of {participant} has no readable KeyPackage"
            ));
            return;
        };
        if let Some(g) = self.group.as_mut() {
            g.admit(participant.0, kp.clone(), knock.name.clone());
        }
        self.admitted.retain(|(p, _, _)| *p != participant.0);
        self.admitted.push((participant.0, kp, knock.name.clone()));
        self.knocking.remove(&participant.0);
        tracing::info!(%participant, "admitting a knock");
        self.outgoing.push_back(ClientMessage::Admit {
            participant,
            key_package: knock.key_package,
        });
        let promote = a.promote.contains(&knock.name);
        if let (true, Some(box_key)) = (promote, knock.box_key.as_deref()) {
            match key.seal_to_cohost(&a.meeting_id, box_key) {
                Ok(sealed_key) => self.outgoing.push_back(ClientMessage::Promote {
                    participant,
                    sealed_key,
                }),
                Err(e) => self.errors.push(format!("promote: {e}")),
            }
        }
    }

    /// A host made this participant a co-host: from now on it holds the
    /// meeting key, opens knocks and may admit (its next commit writes its
    /// endorsement into the roster).
    fn on_promoted(&mut self, sealed_key: &str) {
        let (Some(box_key), Some(a)) = (&self.box_key, self.admission.as_mut()) else {
            return;
        };
        match box_key.open_meeting_key(&a.meeting_id, sealed_key) {
            Ok(key) if key.public() == a.public => {
                a.seed = Some(key.to_link_part());
                if let Some(g) = self.group.as_mut() {
                    g.become_host(key);
                }
                self.promoted = true;
                tracing::info!("promoted to co-host");
            }
            Ok(_) => self
                .errors
                .push("a promotion carried another meeting's key".into()),
            Err(e) => self.errors.push(format!("promotion: {e}")),
        }
    }

    /// The group broke the admission rules: leave it for good and say so.
    fn alarm(&mut self, reason: String) {
        tracing::error!("leaving the meeting's group: {reason}");
        self.errors.push(format!("ALARM: {reason}"));
        self.tampered = Some(reason);
        self.group = None;
        self.mic = FrameEncryptor::new(TrackContext::Microphone);
        self.camera = FrameEncryptor::new(TrackContext::Camera);
        self.finished = true;
    }

    fn process_group_message(&mut self, b64: &str, is_commit: bool, now: Instant) {
        let Ok(bytes) = B64.decode(b64) else {
            self.errors.push("group message is not base64".into());
            return;
        };
        let Some(group) = self.group.as_mut() else {
            return;
        };
        match group.process(&bytes) {
            Ok(Incoming::NewEpoch) => self.on_epoch(now),
            Ok(Incoming::Chat { sender, text }) => {
                let name = match sender {
                    Some(leaf) => group
                        .members()
                        .ok()
                        .and_then(|m| m.into_iter().find(|m| m.leaf_index == leaf))
                        .and_then(|m| m.name)
                        .unwrap_or_else(|| format!("unknown member at leaf {leaf}")),
                    None => "a member who has left".into(),
                };
                self.chat.push((name, text));
            }
            Ok(Incoming::Introduced { .. }) => self.name_senders(),
            Ok(Incoming::Nothing) => {}
            Err(GroupError::Tampered(reason)) => self.alarm(reason),
            Err(e) => {
                self.errors.push(format!("group message: {e}"));
                if is_commit {
                    self.rejoin(format!("could not process a commit: {e}"), now);
                }
            }
        }
    }

    /// A new epoch: new SFrame keys for sending and receiving, a new code.
    fn on_epoch(&mut self, now: Instant) {
        let Some(group) = self.group.as_ref() else {
            return;
        };
        let (Ok(epoch), Ok(leaf), Ok(key)) =
            (group.epoch(), group.leaf_index(), group.sframe_base_key())
        else {
            self.errors.push("epoch keys unavailable".into());
            return;
        };
        for enc in [&mut self.mic, &mut self.camera] {
            if let Err(e) = enc.set_epoch(epoch, leaf, &key) {
                self.errors.push(format!("sender key: {e}"));
            }
        }
        self.decryptor.set_epoch(epoch, &key, now);
        self.keys_since.get_or_insert(now);
        self.epoch_times.push((epoch, crate::report::unix_ms()));
        self.key_fingerprints
            .push(conclave_e2ee::media::key_fingerprint(&key[..]));
        if group.recording().is_some() {
            self.recording_in_group = true;
        }
        if let Ok(code) = group.security_code() {
            self.codes.push(code);
        }
        self.introduce();
        self.name_senders();
        if self.record && !self.record_asked && self.is_host() {
            self.record_asked = true;
            self.outgoing.push_back(ClientMessage::StartRecording);
        }
        self.seal_for_recording();
        self.retry_waiting(now);
    }

    /// Tells the group our name (docs/e2ee.md "Names") if it cannot learn
    /// it from the roster: everyone on our first epoch, then whoever each
    /// commit added.
    fn introduce(&mut self) {
        let Some(group) = self.group.as_mut() else {
            return;
        };
        let now_in = group.participants();
        let to = match &self.group_participants {
            None => None,
            Some(before) => {
                let added: Vec<ParticipantId> = now_in
                    .difference(before)
                    .map(|p| ParticipantId(*p))
                    .collect();
                if added.is_empty() {
                    self.group_participants = Some(now_in);
                    return;
                }
                Some(added)
            }
        };
        self.group_participants = Some(now_in);
        if !group.needs_introduction() {
            return;
        }
        match (group.epoch(), group.encrypt_introduction()) {
            (Ok(epoch), Ok(ct)) => {
                for to in match to {
                    // One commit adds at most this many; more is several.
                    Some(to) => to
                        .chunks(conclave_signaling::MAX_APPLICATION_RECIPIENTS)
                        .map(|c| Some(c.to_vec()))
                        .collect(),
                    None => vec![None],
                } {
                    self.outgoing.push_back(ClientMessage::MlsApplication {
                        epoch,
                        message: B64.encode(&ct),
                        to,
                    });
                }
            }
            (_, Err(e)) | (Err(e), _) => self.errors.push(format!("introduction: {e}")),
        }
    }

    /// A datagram that arrived on the socket bound to `destination`.
    pub fn handle_datagram(
        &mut self,
        now: Instant,
        source: SocketAddr,
        destination: SocketAddr,
        data: &[u8],
    ) -> bool {
        self.handle_receive(now, Protocol::Udp, source, destination, data)
    }

    /// A datagram over `proto`: for TCP one RFC 4571 frame, its length
    /// prefix removed, from the connection opened for the transmits whose
    /// source was `destination`.
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
        let (rtc, path) = if destination == self.publish_addr {
            (&mut self.publisher, &mut self.publish_path)
        } else if destination == self.subscribe_addr {
            (&mut self.subscriber, &mut self.subscribe_path)
        } else {
            return false;
        };
        if !rtc.accepts(&input) {
            return false;
        }
        path.last_protocol = Some(proto);
        if let Err(e) = rtc.handle_input(input) {
            self.errors.push(format!("media input: {e}"));
        }
        self.drain(now);
        true
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        self.fall_back_to_tcp(now);
        for rtc in [&mut self.publisher, &mut self.subscriber] {
            if let Err(e) = rtc.handle_input(Input::Timeout(now)) {
                self.errors.push(format!("media timeout: {e}"));
            }
        }
        self.restart_lost_paths(now);
        if now >= self.next_expire {
            self.retry_waiting(now);
            if let Some(group) = self.group.as_mut().filter(|g| g.in_group())
                && let Err(e) = group.forget_past_epochs(std::time::SystemTime::now())
            {
                self.errors.push(format!("forgetting past epochs: {e}"));
            }
            self.next_expire = now + EXPIRE_CHECK;
        }
        self.send_media(now);
        self.drain(now);
    }

    pub fn poll_timeout(&mut self) -> Instant {
        // A source with no m-line (a listener, or before the publish offer)
        // has nothing to send: its frames are skipped whenever the
        // participant wakes for something else. Waking for each of them
        // cost a thousand-listener load generator a core of timer
        // wake-ups that did nothing.
        let mut at = self.next_expire.min(self.next_rtc);
        if self.audio_mid.is_some() {
            at = at.min(self.audio.due);
        }
        if self.video_mid.is_some() {
            at = at.min(self.video.due);
        }
        at
    }

    /// Sends every frame that is due, encrypted. Nothing goes out before the
    /// first epoch's key exists (and media would be undecryptable anyway).
    fn send_media(&mut self, now: Instant) {
        let connected = self.publisher.is_connected();
        for video in [false, true] {
            let (source, mid, enc, codec) = if video {
                (
                    &mut self.video,
                    self.video_mid,
                    &mut self.camera,
                    RtcCodec::Vp8,
                )
            } else {
                (
                    &mut self.audio,
                    self.audio_mid,
                    &mut self.mic,
                    RtcCodec::Opus,
                )
            };
            while source.due <= now {
                let (index, rtp_time) = source.take();
                let (Some(mid), true, true) = (mid, connected, enc.has_key()) else {
                    continue;
                };
                let Some(freq) = Frequency::new(source.clock) else {
                    continue;
                };
                let time = MediaTime::new(rtp_time, freq);
                let mut sent = false;
                // Every layer is its own frame under the one sender key (the
                // SFrame counter never repeats across layers).
                for (rid, frame) in source.frames(index) {
                    let mut plain = frame.to_vec();
                    if let Some(marker) = &self.marker {
                        plain.extend_from_slice(marker);
                    }
                    if enc.encrypt(&plain, &mut self.scratch).is_err() {
                        continue;
                    }
                    let Some(mut writer) = self.publisher.writer(mid) else {
                        continue;
                    };
                    if let Some(rid) = rid {
                        writer = writer.rid(rid);
                    }
                    let Some(pt) = writer
                        .payload_params()
                        .find(|p| p.spec().codec == codec)
                        .map(|p| p.pt())
                    else {
                        continue;
                    };
                    sent |= writer.write(pt, now, time, self.scratch.clone()).is_ok();
                }
                if sent {
                    self.frames_sent += 1;
                }
            }
        }
    }

    fn drain(&mut self, now: Instant) {
        let mut next = now + Duration::from_secs(1);
        for publisher in [true, false] {
            loop {
                let rtc = if publisher {
                    &mut self.publisher
                } else {
                    &mut self.subscriber
                };
                match rtc.poll_output() {
                    Ok(Output::Timeout(t)) => {
                        next = next.min(t);
                        break;
                    }
                    Ok(Output::Transmit(t)) => self.transmits.push_back(t),
                    Ok(Output::Event(Event::IceConnectionStateChange(state))) => {
                        let path = if publisher {
                            &mut self.publish_path
                        } else {
                            &mut self.subscribe_path
                        };
                        path.handle_state(state, now);
                    }
                    Ok(Output::Event(e)) => self.handle_event(e, now),
                    Err(e) => {
                        self.errors.push(format!("media: {e}"));
                        break;
                    }
                }
            }
        }
        self.next_rtc = next;
    }

    /// Remembers the group's name of each sender we have media from and no
    /// name for yet, so the report names people who have left since. Run
    /// when a sender or a name may be new, not per frame: listing the
    /// members of a large group costs as much as a frame's decryption
    /// many times over.
    fn name_senders(&mut self) {
        if self.received.values().all(|r| !r.name.is_empty()) {
            return;
        }
        let Some(members) = self.group.as_ref().and_then(|g| g.members().ok()) else {
            return;
        };
        for (from, r) in self.received.iter_mut().filter(|(_, r)| r.name.is_empty()) {
            if let Some(name) = members
                .iter()
                .find(|m| m.participant == Some(from.0))
                .and_then(|m| m.name.clone())
            {
                r.name = name;
            }
        }
    }

    fn handle_event(&mut self, event: Event, now: Instant) {
        let Event::MediaData(data) = event else {
            return;
        };
        let Some(track) = self.tracks.get(&data.mid) else {
            return;
        };
        let from = track.participant;
        let codec = match track.source {
            TrackSource::Microphone | TrackSource::ScreenAudio => Codec::Opus,
            TrackSource::Camera | TrackSource::Screen => Codec::Vp8,
        };
        if let std::collections::btree_map::Entry::Vacant(v) = self.received.entry(from) {
            v.insert(Received::default());
            self.name_senders();
        }
        self.open_frame(from, codec, &data.data, now);
    }

    /// Decrypts one received frame and records it. A frame of the next
    /// epoch (its sender merged the commit a moment before we did) waits
    /// for the key instead of being dropped.
    fn open_frame(&mut self, from: ParticipantId, codec: Codec, data: &[u8], now: Instant) {
        let result = self.decryptor.decrypt(codec, data, &mut self.scratch);
        // Before our Welcome is processed any epoch may be the one we will
        // join; after, only the next one can still arrive ahead of its key.
        let epoch = self.epoch();
        let may_wait = |kid: u64| epoch.is_none_or(|e| kid % 16 == (e + 1) % 16);
        let entry = self.received.entry(from).or_default();
        match result {
            Ok(_) => {
                match codec {
                    Codec::Opus => entry.audio_frames += 1,
                    Codec::Vp8 => {
                        entry.video_frames += 1;
                        if let Some(height) = keyframe_height(&self.scratch)
                            && !entry.video_heights.contains(&height)
                        {
                            entry.video_heights.push(height);
                        }
                        if let (Some(at), None) = (self.admitted_at, self.admission_to_video) {
                            self.admission_to_video = Some(now.saturating_duration_since(at));
                        }
                    }
                }
                if let Some(marker) = &self.marker
                    && self.scratch.ends_with(marker)
                {
                    entry.markers_seen += 1;
                }
            }
            Err(MediaError::UnknownKey(kid))
                if may_wait(kid) && self.waiting.len() < MAX_WAITING_FRAMES =>
            {
                self.waiting.push_back(Waiting {
                    since: now,
                    from,
                    codec,
                    data: data.to_vec(),
                });
            }
            Err(e) => {
                let missing_key = matches!(e, MediaError::UnknownKey(_) | MediaError::NoKey);
                if sent_before_joining(missing_key, self.keys_since, now, SENDER_LAG) {
                    entry.before_joining += 1;
                } else {
                    entry.decrypt_failures += 1;
                }
            }
        }
    }

    /// Retries frames that waited for this epoch; drops those that waited
    /// too long.
    fn retry_waiting(&mut self, now: Instant) {
        let waiting = std::mem::take(&mut self.waiting);
        for w in waiting {
            if now.saturating_duration_since(w.since) >= KEY_WAIT {
                let entry = self.received.entry(w.from).or_default();
                // It waited for the epoch we were about to join or the
                // next one: only one that came before our keys was sent to
                // a group we were not in.
                if sent_before_joining(true, self.keys_since, w.since, Duration::ZERO) {
                    entry.before_joining += 1;
                } else {
                    entry.decrypt_failures += 1;
                }
            } else {
                self.open_frame(w.from, w.codec, &w.data, w.since);
            }
        }
    }

    /// Whether at least `n` other participants' audio and video decrypted.
    pub fn peers_satisfied(&self, n: usize) -> bool {
        self.received
            .values()
            .filter(|r| r.audio_frames > 0 && r.video_frames > 0)
            .count()
            >= n
    }

    pub fn report(&self) -> Report {
        let members = self
            .group
            .as_ref()
            .and_then(|g| g.members().ok())
            .unwrap_or_default();
        let name_of = |p: ParticipantId| {
            members
                .iter()
                .find(|m| m.participant == Some(p.0))
                .and_then(|m| m.name.clone())
                .unwrap_or_default()
        };
        Report {
            participant: self.id.map_or(0, |p| p.0),
            name: self.name.clone(),
            security_code: self.security_code(),
            security_codes_seen: self.codes.clone(),
            epoch_times: self.epoch_times.clone(),
            // The shell knows when the socket opened and closed.
            started_at_ms: 0,
            left_at_ms: 0,
            epoch: self.epoch(),
            members: members
                .iter()
                .map(|m| match (&m.name, m.participant) {
                    (Some(name), _) => name.clone(),
                    // Readable, just not introduced (yet).
                    (None, Some(p)) => format!("Participant {p}"),
                    (None, None) => UNKNOWN_MEMBER.into(),
                })
                .collect(),
            unknown_members: members.iter().filter(|m| m.participant.is_none()).count(),
            rejoins: self.rejoins,
            resumes: self.resumes,
            ice_restarts: self.ice_restarts,
            publish_over: self.publish_path.last_protocol.map(|p| p.to_string()),
            subscribe_over: self.subscribe_path.last_protocol.map(|p| p.to_string()),
            frames_sent: self.frames_sent,
            received: self
                .received
                .iter()
                .map(|(p, r)| PeerReport {
                    participant: p.0,
                    // The group's name now; for someone who left, the one
                    // it had when their media arrived.
                    name: Some(name_of(*p))
                        .filter(|n| !n.is_empty())
                        .unwrap_or_else(|| r.name.clone()),
                    audio_frames: r.audio_frames,
                    video_frames: r.video_frames,
                    decrypt_failures: r.decrypt_failures,
                    before_joining: r.before_joining,
                    markers_seen: r.markers_seen,
                    video_heights: r.video_heights.clone(),
                })
                .collect(),
            knocked: self.knocked,
            promoted: self.promoted,
            admission_to_first_video_ms: self
                .admission_to_video
                .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            admitted: self.admitted.iter().map(|(_, _, n)| n.clone()).collect(),
            knocking: self.knocking.values().cloned().collect(),
            tampered: self.tampered.clone(),
            recording_seen: self.recording_seen,
            video_paused: self.video_paused.len(),
            video_paused_most: self.video_paused_most,
            recording_in_group: self.recording_in_group,
            recording_epochs_sealed: self.sealed_epochs.clone(),
            key_fingerprints: self.key_fingerprints.clone(),
            chat: self
                .chat
                .iter()
                .map(|(from, text)| crate::report::ChatLine {
                    from: from.clone(),
                    text: text.clone(),
                })
                .collect(),
            errors: self.errors.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcp_is_offered_after_two_seconds_of_checking_over_udp_alone() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let auto = MediaTransport::Auto;
        let mut path = IcePath::default();
        assert!(!path.tcp_due(auto, t0 + ms(10_000)), "nothing to check yet");
        path.handle_state(IceConnectionState::Checking, t0);
        assert!(!path.tcp_due(auto, t0 + ms(1_999)));
        assert!(path.tcp_due(auto, t0 + TCP_FALLBACK_AFTER));
        assert!(
            !path.tcp_due(MediaTransport::Udp, t0 + ms(60_000)),
            "UDP only"
        );
        // Connected over UDP in time: no TCP, even when checks resume.
        path.handle_state(IceConnectionState::Connected, t0 + ms(500));
        assert!(!path.tcp_due(auto, t0 + ms(60_000)));
        // A path lost later (a firewall that starts dropping UDP) gets TCP
        // two seconds after, once.
        path.handle_state(IceConnectionState::Disconnected, t0 + ms(10_000));
        assert!(!path.tcp_due(auto, t0 + ms(11_000)));
        assert!(path.tcp_due(auto, t0 + ms(12_000)));
        path.tcp = true;
        assert!(!path.tcp_due(auto, t0 + ms(60_000)), "offered already");
    }

    /// Frames no member could open because they were sent before we were
    /// in the group are told apart from real failures in the report.
    #[test]
    fn frames_sent_before_joining_are_not_counted_as_failures() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        // No keys yet: any frame without a key was sent to a group we are
        // not in.
        assert!(sent_before_joining(true, None, t0, SENDER_LAG));
        // Keys since t0: a keyless frame while senders may still lag is from
        // the epoch before ours; later it is a failure.
        assert!(sent_before_joining(
            true,
            Some(t0),
            t0 + ms(300),
            SENDER_LAG
        ));
        assert!(!sent_before_joining(
            true,
            Some(t0),
            t0 + SENDER_LAG,
            SENDER_LAG
        ));
        // A frame that waited for a key counts as before joining only if it
        // arrived before our keys did.
        assert!(sent_before_joining(
            true,
            Some(t0 + ms(500)),
            t0,
            Duration::ZERO
        ));
        assert!(!sent_before_joining(
            true,
            Some(t0),
            t0 + ms(1),
            Duration::ZERO
        ));
        // A frame that fails authentication is a failure whenever it came.
        assert!(!sent_before_joining(false, None, t0, SENDER_LAG));
        assert!(!sent_before_joining(false, Some(t0), t0, SENDER_LAG));
    }

    #[test]
    fn a_lost_socket_resumes_with_the_offered_token_and_the_last_message_read() {
        let now = Instant::now();
        let addr = |port| SocketAddr::from(([127, 0, 0, 1], port));
        let mut p = Participant::new("Ada", addr(40001), addr(40002), None, now).unwrap();
        assert_eq!(p.resume_message(), None, "no offer yet: nothing to resume");
        p.handle_server_text(
            r#"{"v":1,"seq":2,"type":"resumable","token":"t0ken","grace_s":30}"#,
            now,
        );
        p.handle_server_text(r#"{"v":1,"seq":5,"type":"pong"}"#, now);
        assert_eq!(
            p.resume_message(),
            Some(ClientMessage::Resume {
                token: "t0ken".into(),
                seen: 5
            })
        );
        assert_eq!(p.resume_grace(), Duration::from_secs(30));
        // A message the failed socket did not take goes first on the next.
        while p.poll_signaling().is_some() {}
        p.ping();
        p.unsend(ClientMessage::Leave);
        assert_eq!(p.poll_signaling(), Some(ClientMessage::Leave));
        assert_eq!(p.resumes(), 0);
        p.handle_server_text(r#"{"v":1,"type":"resumed","you":3}"#, now);
        assert_eq!(p.resumes(), 1);
        assert_eq!(p.report().resumes, 1);
    }

    #[test]
    fn a_listener_does_not_wake_for_frames_it_never_sends() {
        let start = Instant::now();
        let addr = |port| SocketAddr::from(([127, 0, 0, 1], port));
        let mut p = Participant::new("Ada", addr(40001), addr(40002), None, start)
            .unwrap()
            .with_listen_only(true);
        let mut wakes = 0;
        loop {
            let at = p.poll_timeout();
            if at > start + Duration::from_secs(2) {
                break;
            }
            p.handle_timeout(at.max(start));
            wakes += 1;
            assert!(wakes < 1000, "woken without moving on");
        }
        // Its microphone's and camera's clocks alone would be 160 wake-ups.
        assert!(wakes <= 20, "{wakes} wake-ups in 2 s");
    }

    #[test]
    fn pings_acknowledge_the_last_numbered_message_read() {
        let now = Instant::now();
        let addr = |port| SocketAddr::from(([127, 0, 0, 1], port));
        let mut p = Participant::new("Ada", addr(40001), addr(40002), None, now).unwrap();
        while p.poll_signaling().is_some() {}
        p.ping();
        assert_eq!(p.poll_signaling(), Some(ClientMessage::Ping { seen: None }));
        p.handle_server_text(r#"{"v":1,"seq":7,"type":"pong"}"#, now);
        p.handle_server_text(r#"{"v":1,"type":"pong"}"#, now);
        p.ping();
        assert_eq!(
            p.poll_signaling(),
            Some(ClientMessage::Ping { seen: Some(7) })
        );
        // A burst is acknowledged as it comes, every ACK_EVERY messages.
        for seq in 8..8 + ACK_EVERY {
            p.handle_server_text(&format!(r#"{{"v":1,"seq":{seq},"type":"pong"}}"#), now);
        }
        assert_eq!(
            p.poll_signaling(),
            Some(ClientMessage::Ping {
                seen: Some(7 + ACK_EVERY)
            })
        );
        assert_eq!(p.poll_signaling(), None, "once, not per message");
    }
}
