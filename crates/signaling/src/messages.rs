//! The messages themselves. `ClientMessage` flows client → server,
//! `ServerMessage` server → client.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits::{
    MAX_ADDS_PER_COMMIT, MAX_APPLICATION_RECIPIENTS, MAX_COMMIT_BYTES, MAX_COMMIT_CHANGES,
    MAX_DEVICE_BYTES, MAX_ENDORSEMENT_BYTES, MAX_KEY_PACKAGE_BYTES, MAX_KNOCK_BYTES, MAX_LAST_N,
    MAX_MESSAGE_BYTES, MAX_MID_CHARS, MAX_MLS_APPLICATION_BYTES, MAX_PINNED, MAX_REASON_CHARS,
    MAX_RECORDING_KEY_BYTES, MAX_SDP_BYTES, MAX_TRACKS_PER_OFFER, MAX_WELCOME_BYTES,
};
use crate::{DecodeError, PROTOCOL_VERSION, ParticipantId, TrackId};

/// Text the server relays unchanged to many members (a commit, an
/// application message): each recipient's message points at one copy, and
/// telling two such messages apart compares pointers before bytes.
pub type Shared = std::sync::Arc<str>;

/// Audio or video, as in an SDP m-line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub enum MediaKind {
    Audio,
    Video,
}

/// What a published track carries. The web client lays out tiles by it
/// (camera and screen get separate tiles).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub enum TrackSource {
    Microphone,
    Camera,
    Screen,
    ScreenAudio,
}

impl TrackSource {
    pub fn kind(self) -> MediaKind {
        match self {
            TrackSource::Microphone | TrackSource::ScreenAudio => MediaKind::Audio,
            TrackSource::Camera | TrackSource::Screen => MediaKind::Video,
        }
    }
}

/// One transceiver of the client's publishing connection, as announced with
/// its offer: which m-line (mid) carries which source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub struct PublishedTrack {
    pub mid: String,
    pub source: TrackSource,
}

/// One m-line of the client's subscribing connection: whose track it carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub struct SubscribedTrack {
    pub mid: String,
    pub track: TrackId,
    pub participant: ParticipantId,
    pub source: TrackSource,
}

/// A participant waiting to be added to the MLS group, with its KeyPackage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub struct MlsAdd {
    pub participant: ParticipantId,
    pub key_package: String,
    /// The joiner knocked and a host admitted it: only the admitting host
    /// is asked to commit this Add, and its client checks the KeyPackage is
    /// the one from the knock it opened (see docs/admission.md).
    #[serde(default)]
    #[ts(optional)]
    pub knock: Option<bool>,
    /// The joiner is a host (it holds the meeting key): its endorsement, to
    /// be written into the roster extension. Any member may commit the Add.
    #[serde(default)]
    #[ts(optional)]
    pub host_endorsement: Option<String>,
}

/// A relay (TURN, RFC 8656) a client may use to reach the media port, with
/// short-lived credentials minted for it (the TURN REST convention), in the
/// shape of WebRTC's `RTCIceServer`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub struct IceServer {
    pub urls: Vec<String>,
    pub username: String,
    pub credential: String,
}

/// What every participant knows about every other one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub struct ParticipantInfo {
    pub id: ParticipantId,
    pub host: bool,
    pub audio_muted: bool,
    pub video_muted: bool,
    pub screen_sharing: bool,
    /// Nothing heard from them for a while (an outage, a network change):
    /// still in the meeting and the group, shown as reconnecting.
    pub reconnecting: bool,
}

/// Client → server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub enum ClientMessage {
    /// First message on a new socket. `host_secret` comes from the host link.
    /// It carries no name: display names travel only inside the MLS group
    /// (docs/e2ee.md, "Names"), so the server never learns them.
    Join {
        #[serde(default)]
        #[ts(optional)]
        host_secret: Option<String>,
        /// A random token this browser keeps per meeting: a knocker denied
        /// twice, or removed, is refused again by it. Only its hash is kept.
        #[serde(default)]
        #[ts(optional)]
        device: Option<String>,
    },
    /// Answer to `lobby`: the knock, sealed to the meeting's public key
    /// (HPKE), which only hosts' clients can open. See docs/admission.md.
    Knock { sealed: String },
    /// A host admits the knocker `participant` with the KeyPackage it
    /// opened from the knock.
    Admit {
        participant: ParticipantId,
        key_package: String,
    },
    /// A host turns a knocker away. The second deny for the same device
    /// blocks it for the meeting.
    Deny { participant: ParticipantId },
    /// A host locks or unlocks the meeting: while locked nobody may knock.
    Lock { locked: bool },
    /// A host removes a participant: out of the media at once, out of the
    /// MLS group with the next commit, and its device may not knock again.
    Remove { participant: ParticipantId },
    /// A host ends the meeting for everyone; its links open nothing after.
    EndMeeting,
    /// A host mutes a participant's microphone (the participant may unmute
    /// itself again; nobody can unmute someone else).
    MuteParticipant { participant: ParticipantId },
    /// A host allows or forbids screen sharing by participants who are not
    /// hosts.
    ScreenSharing { allowed: bool },
    /// A host makes a participant a co-host: `sealed_key` is the meeting key
    /// sealed (HPKE) to the `box_key` from that participant's knock, which
    /// only its client can open.
    Promote {
        participant: ParticipantId,
        sealed_key: String,
    },
    /// A host starts recording (docs/recording.md): the server stores the
    /// meeting's media as the encrypted frames it forwards, and every
    /// member and knocker is told. Only what hosts' clients seal with
    /// `recording_key` can ever open it.
    StartRecording,
    /// A host stops the recording.
    StopRecording,
    /// From a host's client while a recording runs, at its start and at
    /// every epoch: that epoch's SFrame base key and roster, sealed (HPKE)
    /// to the recording key. The server stores it beside the media; it
    /// cannot open it.
    RecordingKey {
        #[ts(type = "number")]
        epoch: u64,
        sealed: String,
    },
    /// Offer for the client's publishing peer connection (client → SFU media).
    /// Sent at join and again whenever the client adds or removes a track.
    PublishOffer {
        sdp: String,
        tracks: Vec<PublishedTrack>,
    },
    /// Answer to a [`ServerMessage::SubscribeOffer`].
    SubscribeAnswer { sdp: String },
    /// The receiving connection lost its path (an outage, a new network):
    /// please send a `subscribe_offer` with fresh ICE credentials (an ICE
    /// restart). The sending connection restarts with its own offer.
    RestartIce,
    /// The size at which the client shows a remote video track; 0×0 means not
    /// shown. The SFU picks the simulcast layer from it.
    VideoSize {
        track: TrackId,
        width: u32,
        height: u32,
    },
    /// Which cameras the client wants in a meeting bigger than its grid:
    /// those of the `last_n` most recent speakers (`None`: the server's
    /// default; at most [`crate::MAX_LAST_N`]) and of the participants it
    /// pinned, whoever speaks. The others' m-lines stay, without packets.
    VideoSelection {
        #[serde(default)]
        last_n: Option<u16>,
        #[serde(default)]
        pinned: Vec<ParticipantId>,
    },
    /// Mute state as shown to others (the media itself stops client-side).
    MediaState {
        audio_muted: bool,
        video_muted: bool,
    },
    /// Keepalive. The server drops a client it has not heard from for a while.
    /// `seen` acknowledges every numbered server message up to that `seq`,
    /// so the server stops keeping them for a resume.
    Ping {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional, type = "number")]
        seen: Option<u64>,
    },
    /// Instead of `join`, as the first message of a new socket: carry on as
    /// the member whose `resumable` token this is (the old socket stalled or
    /// the network changed), and resend the numbered messages after `seen`.
    /// Answered with `resumed`, or an error `cannot_resume` (join anew).
    Resume {
        token: String,
        #[ts(type = "number")]
        seen: u64,
    },
    /// Leaving on purpose (closing the socket means the same).
    Leave,
    /// This client's MLS KeyPackage (base64 of the MLSMessage), sent once
    /// after `welcome`. The delivery service passes it to the member that
    /// will commit the Add.
    MlsKeyPackage {
        key_package: String,
        /// A host's proof that it holds the meeting key (the endorsement of
        /// its own leaf signature key), so any member may commit its Add.
        #[serde(default)]
        #[ts(optional)]
        host_endorsement: Option<String>,
    },
    /// Answer to `mls_create_group`: this client created the group (epoch 0).
    MlsGroupCreated,
    /// A commit (base64 MLSMessage) built on `epoch`, answering an
    /// `mls_commit_request`; `welcome` (base64) when it adds members.
    /// `added` and `removed` say exactly which of the requested changes the
    /// commit carries: the server counts as members only those, and tells
    /// every requested joiner left out that its KeyPackage was refused.
    MlsCommit {
        epoch: u64,
        commit: String,
        #[serde(default)]
        #[ts(optional)]
        welcome: Option<String>,
        added: Vec<ParticipantId>,
        removed: Vec<ParticipantId>,
    },
    /// This client cannot go on with its group state (a commit or Welcome it
    /// could not process, or the server's `mls_reset`): it has discarded it
    /// and asks to be added again with a fresh KeyPackage. `reason` is for
    /// the server's log only.
    MlsRejoin {
        key_package: String,
        reason: String,
        #[serde(default)]
        #[ts(optional)]
        host_endorsement: Option<String>,
    },
    /// An MLS application message (chat or an introduction), base64, sent
    /// in `epoch`. `to`, when present, limits it to those members (an
    /// introduction for people who just joined); otherwise every other
    /// member gets it.
    MlsApplication {
        epoch: u64,
        message: String,
        #[serde(default)]
        #[ts(optional)]
        to: Option<Vec<ParticipantId>>,
    },
}

/// Why the server refused something.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub enum ErrorCode {
    BadMessage,
    TooLarge,
    UnsupportedVersion,
    InvalidName,
    NoSuchMeeting,
    MeetingFull,
    RateLimited,
    NotJoined,
    AlreadyJoined,
    Negotiation,
    ServerBusy,
    /// The meeting is locked: no new knocks.
    MeetingLocked,
    /// Too many people are waiting in this meeting's lobby already.
    LobbyFull,
    /// The resume token is unknown or expired, or messages it needs are
    /// gone: join anew.
    CannotResume,
    /// Only a host may do that.
    NotHost,
    /// This device was denied twice or removed: it may not knock again.
    Blocked,
    /// A host's setting forbids it (screen sharing by non-hosts).
    NotAllowed,
    /// Recording keys while no recording runs (it stopped, or no host
    /// started one).
    NotRecording,
}

/// Server → client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export, export_to = "../../../web/src/protocol/")]
pub enum ServerMessage {
    /// Answer to `join`: who you are and who is already here (you included).
    Welcome {
        you: ParticipantId,
        participants: Vec<ParticipantInfo>,
    },
    ParticipantJoined {
        participant: ParticipantInfo,
    },
    ParticipantUpdated {
        participant: ParticipantInfo,
    },
    ParticipantLeft {
        id: ParticipantId,
    },
    /// Answer to the client's `publish_offer`.
    PublishAnswer {
        sdp: String,
    },
    /// Offer for the client's subscribing peer connection, with the full map
    /// of its m-lines to remote tracks. M-lines not listed carry nothing.
    SubscribeOffer {
        sdp: String,
        tracks: Vec<SubscribedTrack>,
    },
    /// The loudest participant right now, if anyone is speaking.
    ActiveSpeaker {
        participant: Option<ParticipantId>,
    },
    /// The remote cameras the server offers this client but does not send
    /// now (not among its last N speakers, not pinned), whenever that set
    /// changes; an empty list means every camera flows.
    VideoPaused {
        tracks: Vec<TrackId>,
    },
    Pong,
    /// You are the only one here: create the MLS group, then answer
    /// `mls_group_created`.
    MlsCreateGroup,
    /// Please commit these changes on top of `epoch` (your current one) and
    /// send `mls_commit`. `update` asks for a plain key update (periodic
    /// rekey) when there is nothing to add or remove.
    MlsCommitRequest {
        epoch: u64,
        adds: Vec<MlsAdd>,
        removes: Vec<ParticipantId>,
        update: bool,
        /// A host started (`true`) or a recording stopped (`false`): set or
        /// clear the roster's recording entry in this commit
        /// (docs/recording.md). Sent to the host who started it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        recording: Option<bool>,
    },
    /// Your commit for `epoch` was accepted and sent to everyone: merge it.
    MlsCommitAccepted {
        epoch: u64,
    },
    /// Your commit for `epoch` was refused (another won, or nobody asked):
    /// discard it.
    MlsCommitRejected {
        epoch: u64,
        reason: String,
    },
    /// Another member's commit on `epoch`: process it.
    MlsCommit {
        epoch: u64,
        from: ParticipantId,
        // Shared: one commit goes to every member, and a thousand copies
        // of a roster commit were 70 MB for a moment.
        commit: Shared,
    },
    /// You were added: join the group from this Welcome (ratchet tree
    /// included as an extension).
    MlsWelcome {
        welcome: String,
    },
    /// A member's application message (chat).
    MlsApplication {
        epoch: u64,
        from: ParticipantId,
        // Shared, as a commit's: one message goes to many members.
        message: Shared,
    },
    /// You are not (or no longer) in the group as far as the delivery
    /// service knows: your KeyPackage was refused by the committer, or you
    /// did not answer a commit request in time and were removed. Discard any
    /// group state and send `mls_rejoin` with a fresh KeyPackage.
    MlsReset {
        reason: String,
    },
    /// You are in the lobby as `you`: seal your knock and send `knock`.
    /// Until a host admits you, you get nothing else of the meeting.
    Lobby {
        you: ParticipantId,
    },
    /// To hosts: someone knocks. Only a host's client can open `sealed`.
    Knock {
        participant: ParticipantId,
        sealed: String,
    },
    /// To hosts: this knock was decided (by any host) or its knocker left.
    KnockWithdrawn {
        participant: ParticipantId,
    },
    /// To a knocker: a host said no. `blocked` when this device may not
    /// knock again. The socket closes after it.
    Denied {
        blocked: bool,
    },
    /// To a removed participant; the socket closes after it.
    Removed,
    /// The meeting's lock changed (and to a joiner, whether it is locked).
    MeetingLocked {
        locked: bool,
    },
    /// A host ended the meeting; the socket closes after it.
    MeetingEnded,
    /// A host muted your microphone: stop sending audio (you may unmute).
    MutedByHost,
    /// A host made you a co-host: open `sealed_key` with your box key.
    Promoted {
        sealed_key: String,
    },
    /// Whether participants who are not hosts may share a screen (sent at
    /// join and whenever a host changes it). When not, stop sharing.
    ScreenSharingAllowed {
        allowed: bool,
    },
    /// Whether the meeting is being recorded: to every member and to every
    /// knocker (before it knocks), at arrival and at each change. While
    /// `active`, a host's client sends `recording_key` at every epoch.
    Recording {
        active: bool,
    },
    /// Relays for media where UDP and ICE-TCP are blocked, with credentials
    /// for this participant alone. Sent just before `welcome` when the
    /// server has TURN configured; never to someone in the lobby.
    IceServers {
        servers: Vec<IceServer>,
    },
    /// Sent just after `welcome`: the secret a new socket shows in `resume`
    /// to take this member's place after a network change or a stall,
    /// within the server's grace period, without leaving the MLS group.
    Resumable {
        token: String,
        /// How long the server keeps the place of a member whose socket
        /// closed, in seconds.
        grace_s: u32,
    },
    /// Answer to `resume`: the numbered messages after `seen` follow.
    Resumed {
        you: ParticipantId,
    },
    /// A refused message. When `fatal` is set the server closes the socket.
    Error {
        code: ErrorCode,
        message: String,
        fatal: bool,
    },
}

impl ServerMessage {
    /// Every `type` a server message can have, for clients that check what
    /// they receive (the web client's list is generated from this one).
    pub const TYPES: &'static [&'static str] = &[
        "welcome",
        "participant_joined",
        "participant_updated",
        "participant_left",
        "publish_answer",
        "subscribe_offer",
        "active_speaker",
        "video_paused",
        "pong",
        "mls_create_group",
        "mls_commit_request",
        "mls_commit_accepted",
        "mls_commit_rejected",
        "mls_commit",
        "mls_welcome",
        "mls_application",
        "mls_reset",
        "lobby",
        "knock",
        "knock_withdrawn",
        "denied",
        "removed",
        "meeting_locked",
        "meeting_ended",
        "muted_by_host",
        "promoted",
        "screen_sharing_allowed",
        "recording",
        "ice_servers",
        "resumable",
        "resumed",
        "error",
    ];

    /// This message's `type` on the wire. The match is exhaustive, so a new
    /// variant cannot be forgotten here; a test checks it against serde and
    /// [`ServerMessage::TYPES`].
    pub fn type_name(&self) -> &'static str {
        match self {
            ServerMessage::Welcome { .. } => "welcome",
            ServerMessage::ParticipantJoined { .. } => "participant_joined",
            ServerMessage::ParticipantUpdated { .. } => "participant_updated",
            ServerMessage::ParticipantLeft { .. } => "participant_left",
            ServerMessage::PublishAnswer { .. } => "publish_answer",
            ServerMessage::SubscribeOffer { .. } => "subscribe_offer",
            ServerMessage::ActiveSpeaker { .. } => "active_speaker",
            ServerMessage::VideoPaused { .. } => "video_paused",
            ServerMessage::Pong => "pong",
            ServerMessage::MlsCreateGroup => "mls_create_group",
            ServerMessage::MlsCommitRequest { .. } => "mls_commit_request",
            ServerMessage::MlsCommitAccepted { .. } => "mls_commit_accepted",
            ServerMessage::MlsCommitRejected { .. } => "mls_commit_rejected",
            ServerMessage::MlsCommit { .. } => "mls_commit",
            ServerMessage::MlsWelcome { .. } => "mls_welcome",
            ServerMessage::MlsApplication { .. } => "mls_application",
            ServerMessage::MlsReset { .. } => "mls_reset",
            ServerMessage::Lobby { .. } => "lobby",
            ServerMessage::Knock { .. } => "knock",
            ServerMessage::KnockWithdrawn { .. } => "knock_withdrawn",
            ServerMessage::Denied { .. } => "denied",
            ServerMessage::Removed => "removed",
            ServerMessage::MeetingLocked { .. } => "meeting_locked",
            ServerMessage::MeetingEnded => "meeting_ended",
            ServerMessage::MutedByHost => "muted_by_host",
            ServerMessage::Promoted { .. } => "promoted",
            ServerMessage::ScreenSharingAllowed { .. } => "screen_sharing_allowed",
            ServerMessage::Recording { .. } => "recording",
            ServerMessage::IceServers { .. } => "ice_servers",
            ServerMessage::Resumable { .. } => "resumable",
            ServerMessage::Resumed { .. } => "resumed",
            ServerMessage::Error { .. } => "error",
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a, T> {
    v: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    seq: Option<u64>,
    #[serde(flatten)]
    msg: &'a T,
}

/// Serialises any message with the version field.
pub fn encode<T: Serialize>(msg: &T) -> String {
    // Serialising plain structs of strings and numbers cannot fail; if it ever
    // did, an empty object makes the client report a protocol error rather
    // than the server panicking.
    encode_numbered(None, msg)
}

/// Serialises a server message with its place in the stream to one member
/// (`seq`, counted from 1), which the client acknowledges in `ping` and
/// names in `resume`.
pub fn encode_numbered<T: Serialize>(seq: Option<u64>, msg: &T) -> String {
    serde_json::to_string(&Envelope {
        v: PROTOCOL_VERSION,
        seq,
        msg,
    })
    .unwrap_or_else(|_| "{}".to_owned())
}

/// A server message's own JSON, without the envelope: what a message for
/// many recipients (an MLS commit to every member) is serialised to once,
/// each recipient's envelope then added by [`frame_numbered`].
pub fn encode_body(msg: &ServerMessage) -> String {
    serde_json::to_string(msg).unwrap_or_else(|_| "{}".to_owned())
}

/// What [`encode_numbered`] makes of a message, from its
/// [`encode_body`]: the envelope's fields put in front of the message's
/// own, without serialising the message again.
pub fn frame_numbered(seq: Option<u64>, body: &str) -> String {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(body.len() + 32);
    // Writing to a String cannot fail.
    let _ = write!(text, "{{\"v\":{PROTOCOL_VERSION}");
    if let Some(seq) = seq {
        let _ = write!(text, ",\"seq\":{seq}");
    }
    match body.strip_prefix('{').filter(|fields| *fields != "}") {
        Some(fields) => {
            text.push(',');
            text.push_str(fields);
        }
        None => text.push('}'),
    }
    text
}

/// The fields every message carries besides its own. Read in a pass of
/// their own that skips the rest, so the message itself is parsed straight
/// into its type: going through a `serde_json::Value` first copied every
/// base64 commit and Welcome, which was a seventh of a large meeting's
/// client CPU.
#[derive(Deserialize)]
struct EnvelopeIn {
    v: Option<serde_json::Value>,
    seq: Option<serde_json::Value>,
}

/// Checks the size and version of a message; returns its stream position
/// (`seq`), if it has one.
fn decode_envelope(text: &str) -> Result<Option<u64>, DecodeError> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(DecodeError::TooLarge {
            size: text.len(),
            limit: MAX_MESSAGE_BYTES,
        });
    }
    let envelope: EnvelopeIn =
        serde_json::from_str(text).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    match envelope.v.and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(PROTOCOL_VERSION) => {
            Ok(envelope.seq.and_then(|seq| seq.as_u64()))
        }
        Some(v) => Err(DecodeError::UnsupportedVersion(v)),
        None => Err(DecodeError::Malformed(
            "missing numeric version field \"v\"".into(),
        )),
    }
}

/// Parses and bounds a client message.
pub fn decode_client(text: &str) -> Result<ClientMessage, DecodeError> {
    decode_envelope(text)?;
    let msg: ClientMessage =
        serde_json::from_str(text).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    match &msg {
        ClientMessage::PublishOffer { sdp, tracks } => {
            check_size(sdp, MAX_SDP_BYTES)?;
            check_count(tracks.len(), MAX_TRACKS_PER_OFFER, "published tracks")?;
            for t in tracks {
                check_mid(&t.mid)?;
            }
        }
        ClientMessage::SubscribeAnswer { sdp } => check_size(sdp, MAX_SDP_BYTES)?,
        ClientMessage::MlsApplication { message, to, .. } => {
            check_size(message, MAX_MLS_APPLICATION_BYTES)?;
            if let Some(to) = to {
                check_count(to.len(), MAX_APPLICATION_RECIPIENTS, "recipients")?;
            }
        }
        ClientMessage::MlsKeyPackage {
            key_package,
            host_endorsement,
        } => {
            check_size(key_package, MAX_KEY_PACKAGE_BYTES)?;
            if let Some(e) = host_endorsement {
                check_size(e, MAX_ENDORSEMENT_BYTES)?;
            }
        }
        ClientMessage::Join {
            device: Some(d), ..
        } => check_size(d, MAX_DEVICE_BYTES)?,
        ClientMessage::Knock { sealed } => check_size(sealed, MAX_KNOCK_BYTES)?,
        ClientMessage::RecordingKey { sealed, .. } => check_size(sealed, MAX_RECORDING_KEY_BYTES)?,
        ClientMessage::Resume { token, .. } => check_size(token, MAX_DEVICE_BYTES)?,
        ClientMessage::VideoSelection { last_n, pinned } => {
            check_count(pinned.len(), MAX_PINNED, "pinned participants")?;
            if let Some(n) = last_n {
                check_count(usize::from(*n), MAX_LAST_N, "last_n")?;
            }
        }
        ClientMessage::Promote { sealed_key, .. } => {
            check_size(sealed_key, MAX_ENDORSEMENT_BYTES)?;
        }
        ClientMessage::Admit { key_package, .. } => {
            check_size(key_package, MAX_KEY_PACKAGE_BYTES)?;
        }
        ClientMessage::MlsRejoin {
            key_package,
            reason,
            host_endorsement,
        } => {
            check_size(key_package, MAX_KEY_PACKAGE_BYTES)?;
            if let Some(e) = host_endorsement {
                check_size(e, MAX_ENDORSEMENT_BYTES)?;
            }
            check_count(
                reason.chars().count(),
                MAX_REASON_CHARS,
                "reason characters",
            )?;
        }
        ClientMessage::MlsCommit {
            commit,
            welcome,
            added,
            removed,
            ..
        } => {
            check_size(commit, MAX_COMMIT_BYTES)?;
            if let Some(w) = welcome {
                check_size(w, MAX_WELCOME_BYTES)?;
            }
            check_count(added.len(), MAX_ADDS_PER_COMMIT, "added participants")?;
            check_count(removed.len(), MAX_COMMIT_CHANGES, "removed participants")?;
        }
        _ => {}
    }
    Ok(msg)
}

/// Parses and bounds a server message (native clients and tests). A client
/// holds a server to the same limits the server holds clients to: a
/// malicious or broken server cannot make it parse or store more.
pub fn decode_server(text: &str) -> Result<ServerMessage, DecodeError> {
    decode_server_numbered(text).map(|(_, msg)| msg)
}

/// [`decode_server`], with the message's stream position (`seq`) when the
/// server numbered it: a client acknowledges it in its pings, so the server
/// stops keeping the message for a resume.
pub fn decode_server_numbered(text: &str) -> Result<(Option<u64>, ServerMessage), DecodeError> {
    // The stream position is for clients that resume; it is not part of
    // the message (whose parse ignores it, as it ignores `v`).
    let seq = decode_envelope(text)?;
    let msg: ServerMessage =
        serde_json::from_str(text).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    // The server's SDP grows with the meeting (one m-line per remote track),
    // so only the whole message's bound applies to it.
    match &msg {
        ServerMessage::SubscribeOffer { tracks, .. } => {
            for t in tracks {
                check_mid(&t.mid)?;
            }
        }
        ServerMessage::MlsCommitRequest { adds, removes, .. } => {
            check_count(adds.len(), MAX_ADDS_PER_COMMIT, "adds")?;
            check_count(removes.len(), MAX_COMMIT_CHANGES, "removes")?;
            for a in adds {
                check_size(&a.key_package, MAX_KEY_PACKAGE_BYTES)?;
                if let Some(e) = &a.host_endorsement {
                    check_size(e, MAX_ENDORSEMENT_BYTES)?;
                }
            }
        }
        ServerMessage::MlsCommit { commit, .. } => check_size(commit, MAX_COMMIT_BYTES)?,
        ServerMessage::VideoPaused { tracks } => {
            check_count(tracks.len(), MAX_COMMIT_CHANGES, "paused tracks")?;
        }
        ServerMessage::Knock { sealed, .. } => check_size(sealed, MAX_KNOCK_BYTES)?,
        ServerMessage::Promoted { sealed_key } => check_size(sealed_key, MAX_ENDORSEMENT_BYTES)?,
        ServerMessage::MlsWelcome { welcome } => check_size(welcome, MAX_WELCOME_BYTES)?,
        ServerMessage::MlsApplication { message, .. } => {
            check_size(message, MAX_MLS_APPLICATION_BYTES)?;
        }
        _ => {}
    }
    Ok((seq, msg))
}

fn check_size(field: &str, limit: usize) -> Result<(), DecodeError> {
    if field.len() > limit {
        return Err(DecodeError::TooLarge {
            size: field.len(),
            limit,
        });
    }
    Ok(())
}

fn check_count(n: usize, limit: usize, what: &str) -> Result<(), DecodeError> {
    if n > limit {
        return Err(DecodeError::Invalid(format!("at most {limit} {what}")));
    }
    Ok(())
}

fn check_mid(mid: &str) -> Result<(), DecodeError> {
    if mid.is_empty() || mid.chars().count() > MAX_MID_CHARS {
        return Err(DecodeError::Invalid(format!(
            "an m-line id has 1 to {MAX_MID_CHARS} characters"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_messages_round_trip_with_version() {
        let msg = ClientMessage::Join {
            host_secret: None,
            device: None,
        };
        let text = encode(&msg);
        assert!(text.contains("\"v\":1"));
        assert!(text.contains("\"type\":\"join\""));
        assert_eq!(decode_client(&text), Ok(msg));
    }

    #[test]
    fn server_messages_round_trip() {
        let msg = ServerMessage::Error {
            code: ErrorCode::NoSuchMeeting,
            message: "no such meeting".into(),
            fatal: true,
        };
        assert_eq!(decode_server(&encode(&msg)), Ok(msg));
        // The stream position and version sit beside the message's own
        // fields, also for a message without any.
        assert_eq!(
            decode_server_numbered(r#"{"v":1,"seq":7,"type":"removed"}"#),
            Ok((Some(7), ServerMessage::Removed))
        );
        let commit = ServerMessage::MlsCommit {
            epoch: 3,
            from: ParticipantId(2),
            commit: "A".repeat(100_000).into(),
        };
        let text = encode_numbered(Some(9), &commit);
        assert_eq!(decode_server_numbered(&text), Ok((Some(9), commit)));
        assert_eq!(
            decode_server_numbered(r#"{"v":1,"seq":"x","type":"removed"}"#),
            Ok((None, ServerMessage::Removed))
        );
    }

    #[test]
    fn malformed_input_is_a_clear_error() {
        assert!(matches!(
            decode_client("not json"),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(
            decode_client("[1,2]"),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(
            decode_client(r#"{"type":"ping"}"#),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(
            decode_client(r#"{"v":1,"type":"launch_missiles"}"#),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(
            decode_client(r#"{"v":1,"type":"admit","participant":3}"#),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(
            decode_client(r#"{"v":1,"type":"video_size","track":1,"width":-4,"height":2}"#),
            Err(DecodeError::Malformed(_))
        ));
        assert_eq!(
            decode_client(r#"{"v":2,"type":"ping"}"#),
            Err(DecodeError::UnsupportedVersion(2))
        );
        assert_eq!(
            decode_client(r#"{"v":1,"type":"ping"}"#),
            Ok(ClientMessage::Ping { seen: None })
        );
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = format!(
            r#"{{"v":1,"type":"join","device":"{}"}}"#,
            "a".repeat(MAX_MESSAGE_BYTES)
        );
        let err = decode_client(&big).unwrap_err();
        assert_eq!(err.code(), ErrorCode::TooLarge);

        let sdp = "a".repeat(MAX_SDP_BYTES + 1);
        let msg = encode(&ClientMessage::SubscribeAnswer { sdp });
        assert_eq!(decode_client(&msg).unwrap_err().code(), ErrorCode::TooLarge);
    }

    #[test]
    fn every_server_message_type_is_listed_and_matches_serde() {
        let p = ParticipantId(1);
        let info = ParticipantInfo {
            id: p,
            host: false,
            audio_muted: false,
            video_muted: false,
            screen_sharing: false,
            reconnecting: false,
        };
        let samples = [
            ServerMessage::Welcome {
                you: p,
                participants: vec![],
            },
            ServerMessage::ParticipantJoined {
                participant: info.clone(),
            },
            ServerMessage::ParticipantUpdated { participant: info },
            ServerMessage::ParticipantLeft { id: p },
            ServerMessage::PublishAnswer { sdp: String::new() },
            ServerMessage::SubscribeOffer {
                sdp: String::new(),
                tracks: vec![],
            },
            ServerMessage::ActiveSpeaker { participant: None },
            ServerMessage::VideoPaused {
                tracks: vec![TrackId(3)],
            },
            ServerMessage::Pong,
            ServerMessage::MlsCreateGroup,
            ServerMessage::MlsCommitRequest {
                epoch: 0,
                adds: vec![],
                removes: vec![],
                update: true,
                recording: None,
            },
            ServerMessage::MlsCommitAccepted { epoch: 0 },
            ServerMessage::MlsCommitRejected {
                epoch: 0,
                reason: String::new(),
            },
            ServerMessage::MlsCommit {
                epoch: 0,
                from: p,
                commit: "".into(),
            },
            ServerMessage::MlsWelcome {
                welcome: String::new(),
            },
            ServerMessage::MlsApplication {
                epoch: 0,
                from: p,
                message: "".into(),
            },
            ServerMessage::MlsReset {
                reason: String::new(),
            },
            ServerMessage::Lobby { you: p },
            ServerMessage::Knock {
                participant: p,
                sealed: String::new(),
            },
            ServerMessage::KnockWithdrawn { participant: p },
            ServerMessage::Denied { blocked: false },
            ServerMessage::Removed,
            ServerMessage::MeetingLocked { locked: true },
            ServerMessage::MeetingEnded,
            ServerMessage::MutedByHost,
            ServerMessage::Promoted {
                sealed_key: String::new(),
            },
            ServerMessage::ScreenSharingAllowed { allowed: false },
            ServerMessage::Recording { active: true },
            ServerMessage::IceServers { servers: vec![] },
            ServerMessage::Resumable {
                token: String::new(),
                grace_s: 30,
            },
            ServerMessage::Resumed { you: p },
            ServerMessage::Error {
                code: ErrorCode::BadMessage,
                message: String::new(),
                fatal: false,
            },
        ];
        for m in &samples {
            // A numbered message reads as the same message.
            assert_eq!(decode_server(&encode_numbered(Some(7), m)).as_ref(), Ok(m));
            // Framed from its body, it is the same text.
            let body = encode_body(m);
            assert_eq!(frame_numbered(Some(7), &body), encode_numbered(Some(7), m));
            assert_eq!(frame_numbered(None, &body), encode(m));
        }
        assert_eq!(frame_numbered(Some(2), "{}"), r#"{"v":1,"seq":2}"#);
        let names: Vec<&str> = samples.iter().map(ServerMessage::type_name).collect();
        assert_eq!(names, ServerMessage::TYPES);
        for m in &samples {
            let json: serde_json::Value = serde_json::from_str(&encode(m)).unwrap();
            assert_eq!(json["type"], m.type_name());
        }
    }

    #[test]
    fn lobby_and_host_messages_are_bounded_and_malformed_ones_refused() {
        let big = |n: usize| "A".repeat(n + 1);
        for msg in [
            ClientMessage::Knock {
                sealed: big(MAX_KNOCK_BYTES),
            },
            ClientMessage::RecordingKey {
                epoch: 1,
                sealed: big(MAX_RECORDING_KEY_BYTES),
            },
            ClientMessage::Admit {
                participant: ParticipantId(2),
                key_package: big(MAX_KEY_PACKAGE_BYTES),
            },
            ClientMessage::Promote {
                participant: ParticipantId(2),
                sealed_key: big(MAX_ENDORSEMENT_BYTES),
            },
            ClientMessage::MlsKeyPackage {
                key_package: "AAAA".into(),
                host_endorsement: Some(big(MAX_ENDORSEMENT_BYTES)),
            },
            ClientMessage::Join {
                host_secret: None,
                device: Some(big(MAX_DEVICE_BYTES)),
            },
        ] {
            assert_eq!(
                decode_client(&encode(&msg)).unwrap_err().code(),
                ErrorCode::TooLarge,
                "{msg:?}"
            );
        }
        for msg in [
            ClientMessage::VideoSelection {
                last_n: None,
                pinned: (0..=MAX_PINNED as u64).map(ParticipantId).collect(),
            },
            ClientMessage::VideoSelection {
                last_n: Some(MAX_LAST_N as u16 + 1),
                pinned: Vec::new(),
            },
        ] {
            assert_eq!(
                decode_client(&encode(&msg)).unwrap_err().code(),
                ErrorCode::BadMessage,
                "{msg:?}"
            );
        }
        for text in [
            r#"{"v":1,"type":"knock"}"#,
            r#"{"v":1,"type":"knock","sealed":7}"#,
            r#"{"v":1,"type":"admit","participant":"me","key_package":"A"}"#,
            r#"{"v":1,"type":"admit","participant":9007199254740992,"key_package":"A"}"#,
            r#"{"v":1,"type":"deny"}"#,
            r#"{"v":1,"type":"lock","locked":"yes"}"#,
            r#"{"v":1,"type":"remove","participant":-1}"#,
            r#"{"v":1,"type":"promote","participant":2}"#,
            r#"{"v":1,"type":"screen_sharing"}"#,
            r#"{"v":1,"type":"video_selection","last_n":-1}"#,
            r#"{"v":1,"type":"video_selection","pinned":["me"]}"#,
        ] {
            assert!(decode_client(text).is_err(), "{text}");
        }
        let sealed = big(MAX_KNOCK_BYTES);
        let knock = encode(&ServerMessage::Knock {
            participant: ParticipantId(3),
            sealed,
        });
        assert_eq!(
            decode_server(&knock).unwrap_err().code(),
            ErrorCode::TooLarge
        );
    }

    #[test]
    fn too_many_tracks_are_refused() {
        let tracks = (0..=MAX_TRACKS_PER_OFFER)
            .map(|i| PublishedTrack {
                mid: i.to_string(),
                source: TrackSource::Camera,
            })
            .collect();
        let msg = encode(&ClientMessage::PublishOffer {
            sdp: "v=0".into(),
            tracks,
        });
        assert!(matches!(decode_client(&msg), Err(DecodeError::Invalid(_))));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever arrives on a socket gets a result, never a panic.
        #[test]
        fn arbitrary_text_never_panics(text in ".{0,300}") {
            let _ = decode_client(&text);
            let _ = decode_server(&text);
        }

        /// Well-formed envelopes with arbitrary fields are decoded or refused cleanly.
        #[test]
        fn arbitrary_json_fields_never_panic(kind in "[a-z_]{0,20}", name in ".{0,80}", n in any::<i64>()) {
            let text = serde_json::json!({"v": 1, "type": kind, "name": name, "sdp": name, "track": n, "width": n, "height": n, "epoch": n}).to_string();
            let _ = decode_client(&text);
        }
    }
}
