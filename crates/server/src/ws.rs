//! One signaling WebSocket: parse and bound what the client sends, pass it
//! to the media task, and write back what comes for this participant.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use conclave_signaling::{
    ClientMessage, ErrorCode, ParticipantId, ServerMessage, decode_client, encode,
};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;

use crate::media::{Command, Outbound};
use crate::meeting_id::{HostSecret, MeetingId};
use crate::rate_limit;

/// Messages queued for one client before it counts as stuck. Signaling is a
/// few messages a second; 256 absorbs a burst (a big meeting's roster
/// changes) without letting one dead reader hold memory.
const OUTBOX_CAPACITY: usize = 256;

/// A socket that says nothing for this long is closed. Clients ping every
/// 5 s; the meeting's own silence timeout (15 s) normally acts first.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// Errors tolerated on one socket before it is closed: a buggy client gets
/// told what is wrong several times; a fuzzer does not keep a socket forever.
const MAX_ERRORS: u32 = 20;

static NEXT_PARTICIPANT: AtomicU64 = AtomicU64::new(1);

pub async fn handle(
    socket: WebSocket,
    meeting: MeetingId,
    host_secret_hash: Vec<u8>,
    commands: mpsc::Sender<Command>,
) {
    let id = ParticipantId(NEXT_PARTICIPANT.fetch_add(1, Ordering::Relaxed));
    let (mut sink, mut stream) = socket.split();
    let (outbox, mut inbox) = mpsc::channel::<Outbound>(OUTBOX_CAPACITY);
    let writer = tokio::spawn(async move {
        while let Some(out) = inbox.recv().await {
            match out {
                Outbound::Message(m) => {
                    if sink.send(Message::Text(encode(&m).into())).await.is_err() {
                        break;
                    }
                }
                Outbound::Close => {
                    let _ = sink.send(Message::Close(None)).await;
                    break;
                }
            }
        }
    });

    let limiter = rate_limit::per_socket();
    let mut sent_join = false;
    let mut errors = 0u32;
    let reply = |code: ErrorCode, message: String, fatal: bool| {
        let _ = outbox.try_send(Outbound::Message(ServerMessage::Error {
            code,
            message,
            fatal,
        }));
        if fatal {
            let _ = outbox.try_send(Outbound::Close);
        }
    };
    loop {
        let frame = match tokio::time::timeout(IDLE_TIMEOUT, stream.next()).await {
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
            Message::Text(t) => t,
            Message::Close(_) => break,
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
            ClientMessage::Join { name, host_secret } => {
                sent_join = true;
                let host = host_secret.is_some_and(|s| HostSecret::matches(&s, &host_secret_hash));
                Command::Join {
                    id,
                    meeting: meeting.clone(),
                    name,
                    host,
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
                        message: ClientMessage::Leave,
                    })
                    .await;
                break;
            }
            message => Command::Message { id, message },
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
    let _ = commands.send(Command::Disconnected { id }).await;
    drop(outbox);
    // Let queued messages (a final error, a close) reach the client, briefly.
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}
