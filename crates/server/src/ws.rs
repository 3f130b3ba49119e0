//! One signaling WebSocket: parse and bound what the client sends, pass it
//! to the media task, and write back what comes for this participant. Also
//! the server-wide cap on open sockets and each socket's deadline to join.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use conclave_signaling::{
    ClientMessage, ErrorCode, ParticipantId, ServerMessage, decode_client, encode_numbered,
    frame_numbered,
};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

use crate::conference::JoinRequest;
use crate::media::sessions::SocketId;
use crate::media::{Command, Outbound};
use crate::meeting_id::{HostSecret, MeetingId};
use crate::rate_limit;
use crate::signaling_record::{Direction, SignalingRecord};
use crate::turn::Turn;

use crate::media::sessions::OUTBOX_CAPACITY;

/// A socket that says nothing for this long is closed. Clients ping every
/// 5 s; the meeting's own silence timeout (45 s, which carries someone
/// through a 20-s outage) acts first, so this must stay above it.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// Errors tolerated on one socket before it is closed: a buggy client gets
/// told what is wrong several times; a fuzzer does not keep a socket forever.
const MAX_ERRORS: u32 = 20;

/// A socket not admitted to its meeting this long after opening is closed,
/// pings or not. Clients send `join` as soon as the socket opens (the name
/// is asked before); 10 s covers a slow link and a busy server, while a
/// socket that only holds a place gives it up quickly.
pub const DEFAULT_JOIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Signaling sockets open at once, server-wide. Each joined one is a
/// participant with a WebRTC peer in the one media task; 1,000 is ten full
/// meetings of the default size, beyond what one media task forwards in
/// practice, so a real load meets the machine's limits first, while a flood
/// of sockets stops here (and within the connection caps).
pub const DEFAULT_MAX_SOCKETS: usize = 1000;

static NEXT_PARTICIPANT: AtomicU64 = AtomicU64::new(1);
static REFUSED_BUSY: AtomicU64 = AtomicU64::new(0);

/// The server-wide cap on open signaling sockets, and their join deadline.
#[derive(Clone)]
pub struct Sockets {
    open: Arc<Semaphore>,
    max: usize,
    join_timeout: Duration,
    record: Option<SignalingRecord>,
    turn: Option<Arc<Turn>>,
}

impl Sockets {
    pub fn new(max: usize, join_timeout: Duration) -> Self {
        let max = max.min(Semaphore::MAX_PERMITS);
        Self {
            open: Arc::new(Semaphore::new(max)),
            max,
            join_timeout,
            record: None,
            turn: None,
        }
    }

    /// Records every message of every socket (`--record-signaling`).
    pub fn with_record(mut self, record: SignalingRecord) -> Self {
        self.record = Some(record);
        self
    }

    /// What each socket task needs of the server-wide settings.
    pub fn per_socket(&self) -> PerSocket {
        PerSocket {
            join_timeout: self.join_timeout,
            record: self.record.clone(),
            turn: self.turn.clone(),
        }
    }

    /// Offers TURN relays to every admitted participant.
    pub fn with_turn(mut self, turn: Turn) -> Self {
        self.turn = Some(Arc::new(turn));
        self
    }

    /// A place for one more socket, held until it closes; `None` at the cap.
    pub fn try_open(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.open).try_acquire_owned().ok()
    }

    /// Tells a client, in the protocol, that the server is at its cap, and
    /// closes (a browser cannot read an HTTP refusal of a WebSocket, so the
    /// reason would be lost).
    pub async fn refuse(&self, mut socket: WebSocket) {
        let n = REFUSED_BUSY.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_power_of_two() {
            tracing::warn!(refused = n, "signaling socket cap ({}) reached", self.max);
        }
        let refusal = ServerMessage::Error {
            code: ErrorCode::ServerBusy,
            message: format!(
                "this server is at its limit of {} open meeting connections; try again later",
                self.max
            ),
            fatal: true,
        };
        let text = encode_numbered(None, &refusal);
        if let Some(r) = &self.record {
            r.record(Direction::Out, &text);
        }
        let _ = tokio::time::timeout(Duration::from_secs(2), async {
            socket.send(Message::Text(text.into())).await?;
            socket.send(Message::Close(None)).await
        })
        .await;
    }
}

/// A socket task's share of the server-wide settings.
pub struct PerSocket {
    /// How long it may take to be admitted to its meeting.
    pub join_timeout: Duration,
    /// `--record-signaling`.
    pub record: Option<SignalingRecord>,
    /// TURN relays to offer once admitted.
    pub turn: Option<Arc<Turn>>,
}

/// What the socket's meeting record says about letting people in.
pub struct Access {
    pub host_secret_hash: Vec<u8>,
    /// The meeting's own participant cap.
    pub cap: Option<usize>,
    pub lobby: bool,
    pub locked: bool,
    /// Non-hosts may share a screen.
    pub screen_sharing: bool,
}

/// The device token is hashed with the meeting id, so the same browser is
/// not linkable across meetings from the server's memory.
fn device_hash(meeting: &MeetingId, device: &str) -> [u8; 32] {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    h.update(b"conclave device v1\0");
    h.update(meeting.as_str().as_bytes());
    h.update(b"\0");
    h.update(device.as_bytes());
    h.finalize().into()
}

pub fn handle(
    socket: WebSocket,
    meeting: MeetingId,
    access: Access,
    commands: mpsc::Sender<Command>,
    settings: PerSocket,
    place: OwnedSemaphorePermit,
) -> impl Future<Output = ()> + Send {
    // Split before the task starts: an async fn's arguments stay in its
    // future for the socket's whole life, and the unsplit socket is 368
    // bytes of it (tokio keeps a task's future in one allocation).
    let (sink, stream) = socket.split();
    serve(sink, stream, meeting, access, commands, settings, place)
}

async fn serve(
    mut sink: SplitSink<WebSocket, Message>,
    mut stream: SplitStream<WebSocket>,
    meeting: MeetingId,
    access: Access,
    commands: mpsc::Sender<Command>,
    settings: PerSocket,
    _place: OwnedSemaphorePermit,
) {
    let PerSocket {
        join_timeout,
        record,
        turn,
    } = settings;
    let n = NEXT_PARTICIPANT.fetch_add(1, Ordering::Relaxed);
    let socket_id = SocketId(n);
    // Who this socket speaks for: a new participant, or after `resume` the
    // member whose place it took.
    let mut id = ParticipantId(n);
    let (outbox, mut inbox) = mpsc::channel::<Outbound>(OUTBOX_CAPACITY);
    // Set once the media task lets this socket in (its `welcome` goes out).
    let admitted = Arc::new(AtomicBool::new(false));
    let admitted_by_writer = Arc::clone(&admitted);
    let record_out = record.clone();
    let writer = tokio::spawn(async move {
        while let Some(out) = inbox.recv().await {
            // A numbered message is framed from the JSON its recipients
            // share, serialised once for all of them.
            let (single, shared);
            let (m, text): (&ServerMessage, String) = match out {
                Outbound::Message(m) => {
                    single = m;
                    (&single, encode_numbered(None, &single))
                }
                Outbound::Numbered { seq, message } => {
                    shared = message;
                    (&shared, frame_numbered(Some(seq), shared.json()))
                }
                Outbound::Close => {
                    let _ = sink.send(Message::Close(None)).await;
                    break;
                }
            };
            // In the meeting or waiting in its lobby: either way the
            // join deadline no longer applies (a lobby has its own cap).
            if matches!(
                *m,
                ServerMessage::Welcome { .. } | ServerMessage::Lobby { .. }
            ) {
                admitted_by_writer.store(true, Ordering::Relaxed);
            }
            // Relay credentials go to admitted participants only,
            // before the welcome that starts their media. Minted
            // here, in the shell: they need the wall clock.
            let relays = match (m, &turn) {
                (ServerMessage::Welcome { .. }, Some(turn)) => Some(ServerMessage::IceServers {
                    servers: vec![turn.credentials(id, std::time::SystemTime::now())],
                }),
                _ => None,
            };
            let relays = relays.iter().map(|r| encode_numbered(None, r));
            let mut failed = false;
            for text in relays.chain(std::iter::once(text)) {
                if let Some(r) = &record_out {
                    r.record(Direction::Out, &text);
                }
                if sink.send(Message::Text(text.into())).await.is_err() {
                    failed = true;
                    break;
                }
            }
            if failed {
                break;
            }
        }
    });

    let limiter = rate_limit::per_socket();
    let mut sent_join = false;
    let mut errors = 0u32;
    let reply = |code: ErrorCode, message: String, fatal: bool| {
        let _ = outbox.try_send(Outbound::Message(Box::new(ServerMessage::Error {
            code,
            message,
            fatal,
        })));
        if fatal {
            let _ = outbox.try_send(Outbound::Close);
        }
    };
    let join_deadline = tokio::time::sleep(join_timeout);
    tokio::pin!(join_deadline);
    let mut awaiting_admission = true;
    // A close frame means the client is leaving (a closed tab); a socket
    // that just ends was lost, and its member's place is held for a resume.
    let mut closed_on_purpose = false;
    loop {
        let next = tokio::select! {
            next = tokio::time::timeout(IDLE_TIMEOUT, stream.next()) => next,
            () = &mut join_deadline, if awaiting_admission => {
                awaiting_admission = false;
                if admitted.load(Ordering::Relaxed) {
                    continue;
                }
                tracing::debug!(participant = %id, "not admitted in time, closing");
                reply(
                    ErrorCode::NotJoined,
                    format!(
                        "not in the meeting within {} s of connecting",
                        join_timeout.as_secs_f32()
                    ),
                    true,
                );
                break;
            }
        };
        let frame = match next {
            Ok(Some(Ok(frame))) => frame,
            Ok(Some(Err(e))) => {
                tracing::debug!(participant = %id, "socket error: {e}");
                break;
            }
            Ok(None) => break,
            Err(_) => {
                reply(
                    ErrorCode::BadMessage,
                    "no message for too long".into(),
                    true,
                );
                break;
            }
        };
        let text = match frame {
            Message::Text(t) => {
                if let Some(r) = &record {
                    r.record(Direction::In, t.as_str());
                }
                t
            }
            Message::Close(_) => {
                closed_on_purpose = true;
                break;
            }
            Message::Ping(_) | Message::Pong(_) => continue,
            Message::Binary(_) => {
                errors += 1;
                reply(
                    ErrorCode::BadMessage,
                    "binary frames are not part of the protocol".into(),
                    false,
                );
                if errors > MAX_ERRORS {
                    break;
                }
                continue;
            }
        };
        if limiter.check().is_err() {
            errors += 1;
            reply(
                ErrorCode::RateLimited,
                "too many messages, slow down".into(),
                false,
            );
            if errors > MAX_ERRORS {
                reply(ErrorCode::RateLimited, "too many errors".into(), true);
                break;
            }
            continue;
        }
        let message = match decode_client(text.as_str()) {
            Ok(m) => m,
            Err(e) => {
                errors += 1;
                tracing::debug!(participant = %id, "refused message: {e}");
                reply(e.code(), e.to_string(), errors > MAX_ERRORS);
                if errors > MAX_ERRORS {
                    break;
                }
                continue;
            }
        };
        let command = match message {
            ClientMessage::Resume { token, seen } if !sent_join => {
                let (reply_to, answer) = tokio::sync::oneshot::channel();
                let resume = Command::Resume {
                    token,
                    seen,
                    socket: socket_id,
                    outbox: outbox.clone(),
                    reply: reply_to,
                };
                if commands.send(resume).await.is_err() {
                    break;
                }
                match answer.await {
                    Ok(Ok(member)) => {
                        id = member;
                        sent_join = true;
                        admitted.store(true, Ordering::Relaxed);
                        continue;
                    }
                    Ok(Err(e)) => {
                        reply(ErrorCode::CannotResume, e.to_string(), true);
                        break;
                    }
                    Err(_) => break,
                }
            }
            ClientMessage::Join {
                host_secret,
                device,
            } => {
                sent_join = true;
                let host =
                    host_secret.is_some_and(|s| HostSecret::matches(&s, &access.host_secret_hash));
                Command::Join {
                    id,
                    socket: socket_id,
                    meeting: meeting.clone(),
                    request: JoinRequest {
                        host,
                        cap: access.cap,
                        lobby: access.lobby,
                        locked: access.locked,
                        screen_sharing: access.screen_sharing,
                        device: device.map(|d| device_hash(&meeting, &d)),
                    },
                    outbox: outbox.clone(),
                }
            }
            _ if !sent_join => {
                reply(ErrorCode::NotJoined, "send join first".into(), false);
                continue;
            }
            ClientMessage::Leave => {
                let _ = commands
                    .send(Command::Message {
                        id,
                        socket: socket_id,
                        message: ClientMessage::Leave,
                    })
                    .await;
                break;
            }
            message => Command::Message {
                id,
                socket: socket_id,
                message,
            },
        };
        if commands.send(command).await.is_err() {
            reply(
                ErrorCode::ServerBusy,
                "the server is shutting down".into(),
                true,
            );
            break;
        }
    }
    let _ = commands
        .send(Command::Disconnected {
            id,
            socket: socket_id,
            on_purpose: closed_on_purpose,
        })
        .await;
    drop(outbox);
    // Let queued messages (a final error, a close) reach the client, briefly.
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}
