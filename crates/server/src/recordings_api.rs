//! A meeting's recordings over HTTP, for its hosts (docs/recording.md):
//! `POST /api/meetings/{id}/recordings` lists them, `POST
//! /api/meetings/{id}/recordings/{rid}` downloads one's ciphertext, which
//! the host's page decrypts with the meeting key from its link, and `POST
//! /api/meetings/{id}/recordings/{rid}/delete` deletes its files. All need
//! the host secret of the meeting (the `host=` of the host link, in the
//! body, never in a URL), and for a meeting an organiser created, that
//! organiser signed in. Every download and deletion goes into the
//! meeting's audit log.
//!
//! They answer for ended meetings too, as long as the store keeps the
//! meeting (`--meeting-retention`); after that only the operator's CLI
//! reaches the files. Nothing here can open a recording.

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

use conclave_recording::{Store as Recordings, StoreError};

use crate::http::{AppState, server_error, too_many};
use crate::meeting_id::{HostSecret, MeetingId};
use crate::store::{AuditEntry, AuditEvent};

/// The request body: the host link's secret. No `Debug`: it is a secret.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostProof {
    host_secret: String,
}

#[derive(Serialize)]
struct Listed {
    id: String,
    started_unix: u64,
    stopped_unix: Option<u64>,
    expires_unix: Option<u64>,
    bytes: u64,
}

/// Which recordings belong to a meeting: the hash in their meta, so the
/// recording store never holds a meeting's id.
pub fn meeting_hash(meeting: &MeetingId) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(meeting.as_str().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every refusal looks the same (a wrong secret, an unknown meeting, a
/// recording of another meeting), so the answers teach a guesser nothing.
fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "no such meeting or recording").into_response()
}

/// Checks the caller may see `id`'s recordings; the meeting on success.
async fn authorize(
    state: &AppState,
    peer: SocketAddr,
    headers: &HeaderMap,
    id: &str,
    body: &Bytes,
) -> Result<(MeetingId, Recordings), Response> {
    if let Err(e) = state.origins.check(headers) {
        return Err(e.into_response());
    }
    let Some(data_dir) = state.recordings.clone() else {
        return Err(not_found());
    };
    let proof: HostProof = serde_json::from_slice(body).map_err(|e| {
        (
            StatusCode::BAD_REQUEST,
            format!("expected {{\"host_secret\": \"…\"}}: {e}"),
        )
            .into_response()
    })?;
    let secret = zeroize::Zeroizing::new(proof.host_secret);
    state.limits.allow_lookup(peer.ip()).map_err(too_many)?;
    let meeting = MeetingId::parse(id).ok_or_else(not_found)?;
    let key = meeting.clone();
    // Ended meetings too: recordings outlive the meeting they were made in.
    let record = match state.store.run(move |s| s.meeting(&key)).await {
        Ok(Some(r)) => r,
        Ok(None) => return Err(not_found()),
        Err(e) => return Err(server_error(e)),
    };
    if !HostSecret::matches(&secret, &record.host_secret_hash) {
        return Err(not_found());
    }
    if let Some(owner) = record.owner {
        match crate::signin::current_user(state, headers).await {
            Ok(Some((user, _))) if user == owner => {}
            Ok(_) => {
                return Err((
                    StatusCode::FORBIDDEN,
                    "An organiser created this meeting: sign in as that organiser (at /signin) to fetch its recordings.",
                )
                    .into_response());
            }
            Err(e) => return Err(server_error(e)),
        }
    }
    Ok((meeting, Recordings::in_data_dir(&data_dir)))
}

/// `POST /api/meetings/{id}/recordings`: the meeting's recordings, oldest first.
pub async fn list(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (meeting, store) = match authorize(&state, peer, &headers, &id, &body).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let hash = meeting_hash(&meeting);
    let all = match on_disk(move || store.list()).await {
        Ok(all) => all,
        Err(response) => return response,
    };
    let mine: Vec<Listed> = all
        .into_iter()
        .filter(|l| l.meta.meeting_hash.as_deref() == Some(hash.as_str()))
        .map(|l| Listed {
            id: l.meta.id,
            started_unix: l.meta.started_unix,
            stopped_unix: l.meta.stopped_unix,
            expires_unix: l.meta.expires_unix,
            bytes: l.media_bytes,
        })
        .collect();
    Json(mine).into_response()
}

/// The recording `rid` of the meeting, or a refusal that reads as "no such".
async fn own_recording(
    store: Recordings,
    meeting: &MeetingId,
    rid: String,
) -> Result<(Recordings, String), Response> {
    let hash = meeting_hash(meeting);
    on_disk(move || {
        let meta = store.meta(&rid)?;
        if meta.meeting_hash.as_deref() != Some(hash.as_str()) {
            return Err(StoreError::NotFound(rid));
        }
        Ok((store, rid))
    })
    .await
}

/// Runs a recording store call off the async workers; an unknown or
/// malformed id reads as "no such", anything else as a server error.
async fn on_disk<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Response> {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(found)) => Ok(found),
        Ok(Err(StoreError::NotFound(_) | StoreError::BadId(_))) => Err(not_found()),
        Ok(Err(e)) => Err(server_error(e)),
        Err(e) => Err(server_error(e)),
    }
}

async fn audit(state: &AppState, meeting: &MeetingId, event: AuditEvent) -> Result<(), Response> {
    let entry = AuditEntry {
        at: crate::store::now(),
        event,
    };
    let key = meeting.clone();
    state
        .store
        .run(move |s| s.record(&key, entry))
        .await
        .map_err(server_error)
}

/// `POST /api/meetings/{id}/recordings/{rid}/delete`: the files go now
/// rather than at the end of the retention.
pub async fn delete(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path((id, recording)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (meeting, store) = match authorize(&state, peer, &headers, &id, &body).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let (store, rid) = match own_recording(store, &meeting, recording).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if let Err(response) = on_disk(move || store.delete(&rid)).await {
        return response;
    }
    if let Err(response) = audit(&state, &meeting, AuditEvent::RecordingDeleted).await {
        return response;
    }
    tracing::info!(%meeting, "a host deleted a recording");
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /api/meetings/{id}/recordings/{rid}`: the ciphertext, as stored.
pub async fn download(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path((id, recording)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (meeting, store) = match authorize(&state, peer, &headers, &id, &body).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let (store, rid) = match own_recording(store, &meeting, recording).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let path = match on_disk(move || store.media_path(&rid)).await {
        Ok(p) => p,
        Err(response) => return response,
    };
    let file = match tokio::fs::File::open(&path).await {
        Ok(f) => f,
        Err(e) => return server_error(e),
    };
    // Unaudited, it is not handed out.
    if let Err(response) = audit(&state, &meeting, AuditEvent::RecordingDownloaded).await {
        return response;
    }
    tracing::info!(%meeting, "a host downloaded a recording");
    let stream = tokio_util::io::ReaderStream::new(file);
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/octet-stream"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
