//! HTTP(S) routes: the web client's pages and assets, the meeting API and the
//! signaling WebSocket. Starting the server (`serve`) lives here too; how
//! connections are accepted and timed is the listener's.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use conclave_signaling::MAX_MESSAGE_BYTES;
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use crate::accounts::{self, Password};
use crate::config::{Config, CreateMeetings};
use crate::media::{self, AuditSender, Command};
use crate::meeting_id::{HostSecret, MeetingId};
use crate::metrics::Metrics;
use crate::origin::{CrossOrigin, HostPolicy, OriginPolicy, UnknownHost};
use crate::rate_limit::{Exhausted, Limits};
use crate::signaling_record::SignalingRecord;
use crate::signin::{self, Sessions};
use crate::store::sqlite::SqliteStore;
use crate::store::{
    AuditEvent, Lifetime, MeetingRecord, MeetingSettings, NewMeeting, ScreenShare, Store,
};
use crate::{assets, listener, tls, ws};

/// Commands queued for the media task. It handles thousands a second; the
/// queue only absorbs bursts (many joins at once).
const COMMAND_QUEUE: usize = 1024;

/// Largest request body anywhere (the sign-in form, meeting options). Both
/// are a few hundred bytes; 16 KiB leaves room and refuses megabytes.
const MAX_BODY_BYTES: usize = 16 * 1024;

/// How often ended and expired meetings and expired sessions are swept.
/// Links stop opening at their expiry whatever this is (every lookup checks
/// the time); the sweep only deletes rows, so every 10 minutes is prompt
/// enough and costs one indexed query.
const STORE_SWEEP_INTERVAL: Duration = Duration::from_secs(600);

#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Store,
    pub(crate) limits: Limits,
    commands: media::Shards,
    pub(crate) origins: OriginPolicy,
    hosts: HostPolicy,
    sockets: ws::Sockets,
    pub(crate) sessions: Sessions,
    pub(crate) create_meetings: CreateMeetings,
    lifetime: Lifetime,
    /// The server's own participant cap (a meeting may only lower it).
    max_participants: usize,
    metrics: Arc<Metrics>,
    /// The data directory recordings live under (`None`: none are kept).
    pub(crate) recordings: Option<std::path::PathBuf>,
    /// The organisation's recording public key new meetings' links carry.
    recording_key: Option<String>,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { form_page(assets::serve("index.html", StatusCode::OK)) }),
        )
        .route(
            "/signin",
            get(|| async { form_page(assets::serve("signin.html", StatusCode::OK)) }),
        )
        .route("/m/{id}", get(meeting_page))
        // Static, and the same for any id: what it shows comes from the
        // recordings API, which checks the host secret.
        .route(
            "/m/{id}/recordings",
            get(|| async { assets::serve("recordings.html", StatusCode::OK) }),
        )
        .route("/assets/{*path}", get(asset))
        .route("/api/meetings", post(create_meeting))
        .route("/api/meetings/{id}/end", post(end_meeting))
        .route(
            "/api/meetings/{id}/recordings",
            post(crate::recordings_api::list),
        )
        .route(
            "/api/meetings/{id}/recordings/{recording}",
            post(crate::recordings_api::download),
        )
        .route(
            "/api/meetings/{id}/recordings/{recording}/delete",
            post(crate::recordings_api::delete),
        )
        .route(
            "/api/session",
            get(signin::session_info).post(signin::sign_in),
        )
        .route("/api/session/end", post(signin::sign_out))
        .route("/ws/{id}", get(websocket))
        .route("/healthz", get(|| async { "ok" }))
        .route("/metrics", get(metrics_page))
        .fallback(|| async { assets::serve("not-found.html", StatusCode::NOT_FOUND) })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            refuse_unknown_hosts,
        ))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Everything comes from this origin: no CDN, fonts or analytics could load
/// even if a bug tried. Meeting links must not leak through Referer.
async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
             media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; \
             frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    h.entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("no-referrer"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(self), microphone=(self), display-capture=(self)"),
    );
    response
}

/// A page with a plain form that posts to this server (sign in, sign out).
/// Under `no-referrer` a browser names a form post's origin `null`, which
/// the Origin check must refuse; `same-origin` lets it name this origin,
/// and still sends nothing to other sites. These pages' URLs hold no
/// meeting id or secret, so their referrer leaks nothing either way.
fn form_page(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

async fn asset(Path(path): Path<String>) -> Response {
    assets::serve(&format!("assets/{path}"), StatusCode::OK)
}

pub(crate) fn too_many(who: Exhausted) -> Response {
    let message = match who {
        Exhausted::Client => "too many requests from your address; try again in a minute",
        Exhausted::Server => "the server is receiving too many requests; try again in a minute",
    };
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, "60")],
        message,
    )
        .into_response()
}

/// Every route, pages and `/healthz` included: a rebinding page must not
/// even learn that a Conclave server answers.
async fn refuse_unknown_hosts(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    match state.hosts.check(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

impl IntoResponse for UnknownHost {
    fn into_response(self) -> Response {
        (StatusCode::MISDIRECTED_REQUEST, self.to_string()).into_response()
    }
}

impl IntoResponse for CrossOrigin {
    fn into_response(self) -> Response {
        (StatusCode::FORBIDDEN, self.to_string()).into_response()
    }
}

fn not_found_page() -> Response {
    assets::serve("not-found.html", StatusCode::NOT_FOUND)
}

pub(crate) fn server_error(e: impl std::fmt::Display) -> Response {
    tracing::error!("request failed: {e}");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
}

/// Looks a meeting up, counting the attempt against the caller's lookup
/// budget (ids are unguessable; the limit makes scanning pointless too). A
/// meeting that ended or expired is not found, exactly like one that never
/// existed: same answer, after the same database lookup.
async fn lookup(
    state: &AppState,
    ip: IpAddr,
    raw: &str,
) -> Result<(MeetingId, MeetingRecord), LookupError> {
    state
        .limits
        .allow_lookup(ip)
        .map_err(LookupError::RateLimited)?;
    let id = MeetingId::parse(raw).ok_or(LookupError::NotFound)?;
    let key = id.clone();
    match state.store.run(move |s| s.meeting(&key)).await {
        Ok(Some(record)) if state.lifetime.is_open(&record.times, crate::store::now()) => {
            Ok((id, record))
        }
        Ok(_) => Err(LookupError::NotFound),
        Err(e) => Err(LookupError::Store(e)),
    }
}

/// `?passcode=` on a meeting link. No `Debug`: it holds the passcode.
#[derive(Deserialize)]
struct PasscodeQuery {
    passcode: Option<String>,
}

/// [`lookup`] behind the meeting's passcode, for whoever opens its link.
/// A meeting with a passcode answers exactly as an unknown id does unless
/// the right one comes with the request, and a request that brings a
/// passcode always costs one argon2id check (against a dummy hash when the
/// id is unknown or the meeting has none), so neither the answer nor its
/// timing tells a guesser whether the id exists.
async fn open_meeting(
    state: &AppState,
    ip: IpAddr,
    raw: &str,
    query: PasscodeQuery,
) -> Result<(MeetingId, MeetingRecord), LookupError> {
    let found = match lookup(state, ip, raw).await {
        Ok(found) => Some(found),
        Err(LookupError::NotFound) => None,
        Err(e) => return Err(e),
    };
    let stored = found
        .as_ref()
        .and_then(|(_, r)| r.settings.passcode_hash.clone());
    let Some(given) = query.passcode.map(Password::new) else {
        return match found {
            Some(found) if stored.is_none() => Ok(found),
            _ => Err(LookupError::NotFound),
        };
    };
    if given.is_too_long() {
        return Err(LookupError::NotFound);
    }
    let Some(_turn) = state.sessions.hashing_turn().await else {
        return Err(LookupError::Store(crate::store::StoreError::Task(
            "the hashing semaphore closed".into(),
        )));
    };
    let has_passcode = stored.is_some();
    let matches = tokio::task::spawn_blocking(move || {
        let hash = stored.as_deref().unwrap_or(accounts::dummy_hash());
        accounts::verify_password(&given, hash)
    })
    .await
    .unwrap_or(false);
    match found {
        Some(found) if matches || !has_passcode => Ok(found),
        _ => Err(LookupError::NotFound),
    }
}

enum LookupError {
    RateLimited(Exhausted),
    NotFound,
    Store(crate::store::StoreError),
}

impl IntoResponse for LookupError {
    fn into_response(self) -> Response {
        match self {
            LookupError::RateLimited(who) => too_many(who),
            LookupError::NotFound => not_found_page(),
            LookupError::Store(e) => server_error(e),
        }
    }
}

/// `GET /metrics` for loopback clients only (see `metrics.rs`); anyone
/// else gets the answer an unknown path gets.
async fn metrics_page(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    if !peer.ip().is_loopback() {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.metrics.encode(),
    )
        .into_response()
}

async fn meeting_page(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    Query(query): Query<PasscodeQuery>,
) -> Response {
    match open_meeting(&state, peer.ip(), &id, query).await {
        Ok(_) => assets::serve("meeting.html", StatusCode::OK),
        Err(e) => e.into_response(),
    }
}

#[derive(Serialize)]
struct Created {
    id: String,
    link: String,
    host_link: String,
    /// The organisation's recording key, for the creator's page to put in
    /// both links' fragments (`rec=`, docs/recording.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    recording_key: Option<String>,
}

/// What a creator may choose (`POST /api/meetings` with a JSON body; an
/// empty body takes every default). No `Debug`: it may hold a passcode.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MeetingOptions {
    lobby: Option<bool>,
    locked: Option<bool>,
    passcode: Option<String>,
    max_participants: Option<u32>,
    screen_share: Option<ScreenShare>,
}

fn bad_request(message: String) -> Response {
    (StatusCode::BAD_REQUEST, message).into_response()
}

/// `POST /api/meetings`. State-changing: Origin-checked, and when only
/// organisers may create meetings, the `SameSite=Strict` session cookie is
/// required (see `signin.rs` on CSRF).
async fn create_meeting(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(e) = state.origins.check(&headers) {
        return e.into_response();
    }
    if let Err(who) = state.limits.allow_create(peer.ip()) {
        return too_many(who);
    }
    let owner = match signin::current_user(&state, &headers).await {
        Ok(user) => user.map(|(id, _)| id),
        Err(e) => return server_error(e),
    };
    if state.create_meetings == CreateMeetings::Organisers && owner.is_none() {
        return (
            StatusCode::UNAUTHORIZED,
            "Only organisers can create meetings on this server: sign in at /signin first.",
        )
            .into_response();
    }
    let options: MeetingOptions = if body.iter().all(u8::is_ascii_whitespace) {
        MeetingOptions::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(o) => o,
            Err(e) => return bad_request(format!("meeting options: {e}")),
        }
    };
    // The links carry the passcode in their query, as links of other
    // services do, so one click still opens the meeting; whoever is given
    // the link is given the passcode.
    let passcode_query = crate::meeting_id::passcode_query(options.passcode.as_deref());
    let settings = match settings_from(&state, options).await {
        Ok(s) => s,
        Err(response) => return response,
    };
    let query = passcode_query.as_str();
    let id = MeetingId::generate();
    let host = HostSecret::generate();
    let host_secret_hash = HostSecret::hash(host.expose());
    let key = id.clone();
    let created = state
        .store
        .run(move |s| {
            s.create_meeting(&NewMeeting {
                id: &key,
                host_secret_hash,
                owner,
                settings,
                now: crate::store::now(),
            })
        })
        .await;
    if let Err(e) = created {
        return server_error(e);
    }
    tracing::info!(meeting = %id, "meeting created");
    let created = Created {
        id: id.as_str().to_owned(),
        link: format!("/m/{}{query}", id.as_str()),
        // The secret rides in the fragment, which browsers never send to a
        // server, so it stays out of access logs and proxies.
        host_link: format!("/m/{}{query}#host={}", id.as_str(), host.expose()),
        recording_key: state.recording_key.clone(),
    };
    (StatusCode::CREATED, Json(created)).into_response()
}

/// Checks a creator's options; a passcode is hashed (argon2id) here and
/// never kept.
async fn settings_from(
    state: &AppState,
    options: MeetingOptions,
) -> Result<MeetingSettings, Response> {
    let defaults = MeetingSettings::default();
    if let Some(cap) = options.max_participants {
        let cap_usize = usize::try_from(cap).unwrap_or(usize::MAX);
        if cap < 2 || cap_usize > state.max_participants {
            return Err(bad_request(format!(
                "max_participants must be between 2 and this server's cap, {}",
                state.max_participants
            )));
        }
    }
    let passcode_hash = match options.passcode.map(Password::new) {
        None => None,
        Some(p) if p.is_too_long() => {
            return Err(bad_request(format!(
                "a passcode must be at most {} bytes",
                accounts::MAX_PASSWORD_BYTES
            )));
        }
        Some(p) => {
            let Some(_turn) = state.sessions.hashing_turn().await else {
                return Err(server_error("the hashing semaphore closed"));
            };
            let hashed = tokio::task::spawn_blocking(move || accounts::hash_password(&p)).await;
            match hashed {
                Ok(Ok(hash)) => Some(hash),
                Ok(Err(e)) => return Err(server_error(e)),
                Err(e) => return Err(server_error(e)),
            }
        }
    };
    Ok(MeetingSettings {
        lobby: options.lobby.unwrap_or(defaults.lobby),
        locked: options.locked.unwrap_or(defaults.locked),
        passcode_hash,
        max_participants: options.max_participants,
        screen_share: options.screen_share.unwrap_or(defaults.screen_share),
    })
}

/// The host's proof, as JSON. No `Debug`: it holds the host secret.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EndRequest {
    host_secret: String,
}

/// `POST /api/meetings/{id}/end`: a host ends the meeting for everyone;
/// its link opens nothing from then on. Origin-checked like every
/// state-changing request. A wrong secret gets the answer an unknown
/// meeting gets, so the endpoint tells a guesser nothing.
async fn end_meeting(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(e) = state.origins.check(&headers) {
        return e.into_response();
    }
    let request: EndRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(format!("expected {{\"host_secret\": \"…\"}}: {e}")),
    };
    let secret = zeroize::Zeroizing::new(request.host_secret);
    let (meeting, record) = match lookup(&state, peer.ip(), &id).await {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    if !HostSecret::matches(&secret, &record.host_secret_hash) {
        return not_found_page();
    }
    let key = meeting.clone();
    match state
        .store
        .run(move |s| s.end_meeting(&key, crate::store::now()))
        .await
    {
        Ok(true) => {}
        Ok(false) => return not_found_page(),
        Err(e) => return server_error(e),
    }
    tracing::info!(%meeting, "meeting ended by a host");
    let _ = state
        .commands
        .for_meeting(&meeting)
        .send(Command::End { meeting })
        .await;
    StatusCode::NO_CONTENT.into_response()
}

async fn websocket(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<PasscodeQuery>,
    upgrade: WebSocketUpgrade,
) -> Response {
    // Checked first: a cross-site page spends nothing of anyone's budget.
    if let Err(e) = state.origins.check(&headers) {
        return e.into_response();
    }
    let (meeting, record) = match open_meeting(&state, peer.ip(), &id, query).await {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    let access = ws::Access {
        cap: record
            .settings
            .max_participants
            .and_then(|c| usize::try_from(c).ok()),
        lobby: record.settings.lobby,
        locked: record.settings.locked,
        screen_sharing: record.settings.screen_share == ScreenShare::Everyone,
        host_secret_hash: record.host_secret_hash,
    };
    let commands = state.commands.for_meeting(&meeting).clone();
    let upgrade = upgrade
        // Frames beyond twice the protocol's limit are cut off by the
        // WebSocket layer; those in between get the protocol's clear error.
        .max_message_size(2 * MAX_MESSAGE_BYTES)
        .max_frame_size(2 * MAX_MESSAGE_BYTES)
        .read_buffer_size(conclave_signaling::WS_READ_BUFFER_BYTES);
    let sockets = state.sockets.clone();
    let Some(place) = sockets.try_open() else {
        return upgrade.on_upgrade(move |socket| async move { sockets.refuse(socket).await });
    };
    let settings = sockets.per_socket();
    upgrade.on_upgrade(move |socket| ws::handle(socket, meeting, access, commands, settings, place))
}

/// Writes audit entries from the media task, one at a time and in order.
fn spawn_audit_writer(store: Store) -> AuditSender {
    let (tx, mut rx) = mpsc::unbounded_channel::<(MeetingId, crate::store::AuditEntry)>();
    tokio::spawn(async move {
        while let Some((meeting, entry)) = rx.recv().await {
            // A host's "End meeting" ends it in the store, as the HTTP
            // endpoint does, so its links open nothing from now on.
            let written = if entry.event == AuditEvent::Ended {
                store
                    .run(move |s| s.end_meeting(&meeting, entry.at).map(|_| ()))
                    .await
            } else {
                store.run(move |s| s.record(&meeting, entry)).await
            };
            if let Err(e) = written {
                tracing::warn!("an audit entry was not written: {e}");
            }
        }
    });
    tx
}

/// Ends meetings unused past their lifetime (letting go of anyone still in
/// them) and deletes what is past the retention, now and every
/// [`STORE_SWEEP_INTERVAL`].
fn spawn_store_sweeper(store: Store, lifetime: Lifetime, commands: media::Shards) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(STORE_SWEEP_INTERVAL);
        loop {
            tick.tick().await;
            let now = crate::store::now();
            match store.run(move |s| s.sweep(now, &lifetime)).await {
                Ok(swept) => {
                    if !swept.expired.is_empty() || swept.deleted > 0 {
                        tracing::info!(
                            expired = swept.expired.len(),
                            deleted = swept.deleted,
                            "old meetings swept"
                        );
                    }
                    for meeting in swept.expired {
                        let _ = commands
                            .for_meeting(&meeting)
                            .send(Command::End { meeting })
                            .await;
                    }
                }
                Err(e) => tracing::warn!("sweeping old meetings failed: {e}"),
            }
        }
    });
}

/// Deletes recordings whose retention ran out, on the same clock as
/// meetings (the files are read and removed off the async workers).
fn spawn_recording_sweeper(data_dir: std::path::PathBuf) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(STORE_SWEEP_INTERVAL);
        loop {
            tick.tick().await;
            let dir = data_dir.clone();
            let now = u64::try_from(crate::store::now()).unwrap_or(0);
            let swept = tokio::task::spawn_blocking(move || {
                conclave_recording::Store::in_data_dir(&dir).expire(now)
            })
            .await;
            match swept {
                Ok(Ok(gone)) if !gone.is_empty() => {
                    tracing::info!(deleted = gone.len(), "expired recordings deleted");
                }
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!("sweeping old recordings failed: {e}"),
                Err(e) => tracing::warn!("the recording sweeper failed: {e}"),
            }
        }
    });
}

/// Opens media core `core`'s sockets: UDP, and ICE-TCP on the same port
/// number where it is free. Without `--public-ip` an address of this host that
/// cannot be bound (an IPv6 address still being verified, say) is left out
/// with a warning; with no UDP socket the server cannot carry media and
/// says so. TCP is a fallback: a port taken there only loses the fallback.
async fn bind_media(
    config: &Config,
    core: usize,
) -> anyhow::Result<(Vec<media::MediaSocket>, Vec<media::tcp::MediaListener>)> {
    let mut sockets = Vec::new();
    let mut listeners = Vec::new();
    for binding in config.media_bindings(core) {
        let socket = match tokio::net::UdpSocket::bind(binding.bind).await {
            Ok(socket) => socket,
            Err(e) if config.public_ip.is_none() && !sockets.is_empty() => {
                tracing::warn!("media: leaving out {}: {e}", binding.bind);
                continue;
            }
            Err(e) => {
                return Err(e).with_context(|| format!("binding the media port {}", binding.bind));
            }
        };
        let port = socket.local_addr()?.port();
        let candidate = SocketAddr::new(binding.advertise, port);
        sockets.push(media::MediaSocket { socket, candidate });
        let tcp_bind = SocketAddr::new(binding.bind.ip(), port);
        match tokio::net::TcpListener::bind(tcp_bind).await {
            Ok(listener) => listeners.push(media::tcp::MediaListener {
                listener,
                candidate,
            }),
            Err(e) => tracing::warn!("media over TCP unavailable on {tcp_bind}: {e}"),
        }
    }
    if sockets.is_empty() {
        bail!("no address to carry media on: give --public-ip");
    }
    Ok((sockets, listeners))
}

/// Runs `conclave serve` until Ctrl-C.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    // str0m and rustls both use aws-lc; installing it explicitly avoids a
    // panic should another provider ever be compiled in.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();

    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating data directory {}", config.data_dir.display()))?;
    let store = Store::new(SqliteStore::open(&config.data_dir.join("conclave.sqlite"))?);

    let metrics = Metrics::new();
    let audit = spawn_audit_writer(store.clone());
    let mut candidates: Vec<SocketAddr> = Vec::new();
    let mut tcp_candidates: Vec<SocketAddr> = Vec::new();
    let mut cores = Vec::new();
    // One media core per CPU, each on its own thread with its own sockets
    // and meetings.
    for core in 0..config.media_cores {
        let (media_sockets, media_listeners) = bind_media(&config, core).await?;
        candidates.extend(media_sockets.iter().map(|s| s.candidate));
        tcp_candidates.extend(media_listeners.iter().map(|l| l.candidate));
        let (commands, command_rx) = mpsc::channel(COMMAND_QUEUE);
        media::spawn_core(
            media_sockets,
            media_listeners,
            media::CoreSetup {
                core,
                defaults: media::MeetingDefaults {
                    max_participants: config.max_participants,
                    last_n: config.last_n,
                },
                commands: command_rx,
                audit: audit.clone(),
                metrics: Arc::clone(&metrics),
                recordings: Some(media::recorder::RecordingConfig {
                    data_dir: config.data_dir.clone(),
                    retention: Some(config.recording_retention),
                }),
            },
        )
        .with_context(|| format!("starting media core {core}"))?;
        cores.push(commands);
    }
    let commands = media::Shards::new(cores);
    spawn_store_sweeper(store.clone(), config.lifetime, commands.clone());
    spawn_recording_sweeper(config.data_dir.clone());

    let limits = Limits::new();
    let housekeeping = limits.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            housekeeping.housekeeping();
        }
    });

    // Every core offers the same addresses, each on its own port.
    let mut names: Vec<IpAddr> = Vec::new();
    for ip in candidates.iter().map(SocketAddr::ip) {
        if !names.contains(&ip) {
            names.push(ip);
        }
    }
    let tls = tls::setup(&config.tls, &config.data_dir, &names)?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    let secure_cookies =
        tls.is_some() || config.public_origin.as_ref().is_some_and(|o| o.is_https());
    let mut sockets = ws::Sockets::new(config.max_sockets, config.join_timeout);
    if let Some(path) = &config.record_signaling {
        let record = SignalingRecord::open(path)
            .with_context(|| format!("opening the signaling record {}", path.display()))?;
        tracing::warn!("recording every signaling message to {}", path.display());
        sockets = sockets.with_record(record);
    }
    if let Some(settings) = &config.turn {
        let turn = crate::turn::Turn::load(settings.urls.clone(), &settings.secret_file)?;
        sockets = sockets.with_turn(turn);
    }
    let app = router(AppState {
        store,
        limits,
        commands,
        origins: OriginPolicy::new(tls.is_some(), config.public_origin.clone()),
        hosts: HostPolicy::new(
            tls.is_some(),
            config.public_origin.as_ref(),
            &config.allowed_hosts,
        ),
        sockets,
        sessions: Sessions::new(secure_cookies),
        create_meetings: config.create_meetings,
        lifetime: config.lifetime,
        max_participants: config.max_participants,
        metrics,
        recordings: Some(config.data_dir.clone()),
        recording_key: config.recording_public_key.clone(),
    });

    let tcp = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let bound = tcp.local_addr()?;
    let mut connections = config.connections.clone();
    connections.max_connections = listener::fit_to_descriptor_limit(connections.max_connections);

    let shown = if bound.ip().is_unspecified() {
        SocketAddr::new(
            config
                .public_ip
                .unwrap_or_else(|| crate::media::addresses::shown(&names)),
            bound.port(),
        )
    } else {
        bound
    };
    // A server whose stdout was closed (a supervisor that read the first
    // line and went away) must keep serving: these lines are best effort.
    let say = |line: String| {
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), "{line}");
    };
    say("Conclave is running.".into());
    say(format!(
        "Open {scheme}://{shown}/ in a browser to start a meeting."
    ));
    let list = |addresses: &[SocketAddr]| {
        addresses
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    say(format!(
        "Media: UDP {}; TCP {}. Data: {}",
        list(&candidates),
        list(&tcp_candidates),
        config.data_dir.display()
    ));
    if let Some(settings) = &config.turn {
        say(format!("TURN relays offered: {}", settings.urls.join(", ")));
    }
    if config.create_meetings == CreateMeetings::Organisers {
        say("Only signed-in organisers can create meetings (add one with `conclave user add NAME`).".into());
    }
    let acceptor = tls.map(|t| {
        say(format!(
            "TLS certificate SHA-256 fingerprint: {}",
            t.fingerprint
        ));
        t.acceptor
    });
    let ctrl_c = async {
        // Without a signal handler there is no Ctrl-C to wait for: run on
        // rather than stop at once.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    listener::run(tcp, acceptor, app, connections, ctrl_c).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The real routes and signaling over real sockets on loopback.
    use super::*;
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message as WsMessage;

    type Ws = tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >;

    async fn start() -> SocketAddr {
        let store = Store::new(SqliteStore::in_memory().unwrap());
        let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let candidate = socket.local_addr().unwrap();
        let (commands, rx) = mpsc::channel(COMMAND_QUEUE);
        let commands = media::Shards::new(vec![commands]);
        let metrics = Metrics::new();
        tokio::spawn(media::run(
            vec![media::MediaSocket { socket, candidate }],
            Vec::new(),
            media::CoreSetup {
                core: 0,
                defaults: media::MeetingDefaults {
                    max_participants: 10,
                    last_n: conclave_sfu::selection::DEFAULT_LAST_N,
                },
                commands: rx,
                audit: spawn_audit_writer(store.clone()),
                metrics: Arc::clone(&metrics),
                recordings: None,
            },
        ));
        let app = router(AppState {
            store,
            limits: Limits::new(),
            commands,
            origins: OriginPolicy::new(false, None),
            hosts: HostPolicy::new(false, None, &[]),
            sockets: ws::Sockets::new(100, ws::DEFAULT_JOIN_TIMEOUT),
            sessions: Sessions::new(false),
            create_meetings: CreateMeetings::Anyone,
            lifetime: Lifetime::default(),
            max_participants: 10,
            metrics,
            recordings: None,
            recording_key: None,
        });
        let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = tcp.local_addr().unwrap();
        tokio::spawn(listener::run(
            tcp,
            None,
            app,
            listener::Settings::default(),
            std::future::pending(),
        ));
        addr
    }

    /// A minimal HTTP/1.1 request, so the tests need no HTTP client crate.
    async fn request(addr: SocketAddr, method: &str, path: &str) -> (u16, String) {
        request_with(addr, method, path, "").await
    }

    async fn request_with(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        s.write_all(req.as_bytes()).await.unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await.unwrap();
        let text = String::from_utf8_lossy(&buf).into_owned();
        let status = text[9..12].parse().unwrap();
        (status, text)
    }

    /// A meeting without a lobby: these tests are about signaling itself
    /// (the lobby's own tests are in `tests/lobby.rs`).
    async fn create(addr: SocketAddr) -> String {
        let (status, body) =
            request_with(addr, "POST", "/api/meetings", r#"{"lobby":false}"#).await;
        assert_eq!(status, 201, "{body}");
        let json = &body[body.find('{').unwrap()..];
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        v["id"].as_str().unwrap().to_owned()
    }

    async fn connect(addr: SocketAddr, id: &str) -> Ws {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws/{id}"))
            .await
            .unwrap();
        ws
    }

    async fn next_message(ws: &mut Ws) -> serde_json::Value {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
                .await
                .expect("a message within 5 s")
                .expect("socket open")
                .unwrap();
            if let WsMessage::Text(t) = frame {
                return serde_json::from_str(t.as_str()).unwrap();
            }
        }
    }

    /// Skips messages until one of the given type arrives.
    async fn expect_type(ws: &mut Ws, kind: &str) -> serde_json::Value {
        loop {
            let m = next_message(ws).await;
            if m["type"] == kind {
                return m;
            }
        }
    }

    async fn send(ws: &mut Ws, text: String) {
        ws.send(WsMessage::Text(text.into())).await.unwrap();
    }

    #[tokio::test]
    async fn pages_exist_for_real_meetings_only() {
        let addr = start().await;
        let id = create(addr).await;
        assert_eq!(id.len(), 22);
        let (status, body) = request(addr, "GET", &format!("/m/{id}")).await;
        assert_eq!(status, 200);
        assert!(body.contains("referrer-policy: no-referrer"));
        let (status, body) = request(addr, "GET", "/m/AAAAAAAAAAAAAAAAAAAAAA").await;
        assert_eq!(status, 404);
        assert!(body.contains("No such meeting"));
        let (status, _) = request(addr, "GET", "/m/..%2F..%2Fetc%2Fpasswd").await;
        assert_eq!(status, 404);
        let (status, body) = request(addr, "GET", "/").await;
        assert_eq!(status, 200);
        assert!(body.contains("Create meeting"));
        assert!(
            body.contains("referrer-policy: same-origin"),
            "its sign-out form must name its origin"
        );
        let (status, _) = request(addr, "GET", "/assets/nope.js").await;
        assert_eq!(status, 404);
    }

    #[tokio::test]
    async fn signaling_for_an_unknown_meeting_is_refused() {
        let addr = start().await;
        let err =
            tokio_tungstenite::connect_async(format!("ws://{addr}/ws/AAAAAAAAAAAAAAAAAAAAAA"))
                .await
                .unwrap_err();
        assert!(err.to_string().contains("404"), "{err}");
    }

    #[tokio::test]
    async fn metrics_answer_loopback_clients_with_the_media_counters() {
        let addr = start().await;
        let (status, body) = request_with(addr, "GET", "/metrics", "").await;
        assert_eq!(status, 200, "{body}");
        for name in [
            "conclave_media_sent_packets_total",
            "conclave_media_dropped_packets_total",
            "conclave_media_busy_seconds_total",
            "conclave_participants",
            "conclave_meetings",
            "conclave_peers",
        ] {
            assert!(body.contains(name), "{name} missing: {body}");
        }
    }

    #[tokio::test]
    async fn malformed_and_oversized_messages_get_clear_errors_and_the_server_survives() {
        let addr = start().await;
        let id = create(addr).await;
        let mut ws = connect(addr, &id).await;

        send(&mut ws, "this is not json".into()).await;
        let m = expect_type(&mut ws, "error").await;
        assert_eq!(m["code"], "bad_message");
        assert_eq!(m["fatal"], false);

        send(&mut ws, r#"{"v":1,"type":"ping"}"#.into()).await;
        assert_eq!(expect_type(&mut ws, "error").await["code"], "not_joined");

        send(&mut ws, r#"{"v":9,"type":"ping"}"#.into()).await;
        assert_eq!(
            expect_type(&mut ws, "error").await["code"],
            "unsupported_version"
        );

        let big = format!(
            r#"{{"v":1,"type":"join","device":"{}"}}"#,
            "x".repeat(MAX_MESSAGE_BYTES)
        );
        send(&mut ws, big).await;
        assert_eq!(expect_type(&mut ws, "error").await["code"], "too_large");

        send(&mut ws, r#"{"v":1,"type":"join","device":5}"#.into()).await;
        assert_eq!(expect_type(&mut ws, "error").await["code"], "bad_message");

        // Still usable after all that. A join carries no name, and the
        // server's participant list has none.
        send(&mut ws, r#"{"v":1,"type":"join"}"#.into()).await;
        let welcome = expect_type(&mut ws, "welcome").await;
        assert_eq!(welcome["participants"][0]["id"], welcome["you"]);
        assert!(welcome["participants"][0].get("name").is_none());
        send(
            &mut ws,
            r#"{"v":1,"type":"publish_offer","sdp":"garbage","tracks":[]}"#.into(),
        )
        .await;
        assert_eq!(expect_type(&mut ws, "error").await["code"], "negotiation");
        send(&mut ws, r#"{"v":1,"type":"ping"}"#.into()).await;
        expect_type(&mut ws, "pong").await;

        // A frame far beyond the limit ends that socket, not the server.
        let huge = "y".repeat(4 * MAX_MESSAGE_BYTES);
        let _ = ws.send(WsMessage::Text(huge.into())).await;
        let mut other = connect(addr, &id).await;
        send(&mut other, r#"{"v":1,"type":"join"}"#.into()).await;
        expect_type(&mut other, "welcome").await;
    }

    #[tokio::test]
    async fn the_host_link_makes_a_host_a_vanished_socket_is_held_and_a_closed_one_leaves() {
        let addr = start().await;
        let (_, body) = request_with(addr, "POST", "/api/meetings", r#"{"lobby":false}"#).await;
        let v: serde_json::Value = serde_json::from_str(&body[body.find('{').unwrap()..]).unwrap();
        let id = v["id"].as_str().unwrap();
        let host_link = v["host_link"].as_str().unwrap();
        let secret = host_link.split("#host=").nth(1).unwrap();

        let mut host = connect(addr, id).await;
        send(
            &mut host,
            format!(r#"{{"v":1,"type":"join","host_secret":"{secret}"}}"#),
        )
        .await;
        let w = expect_type(&mut host, "welcome").await;
        assert_eq!(w["participants"][0]["host"], true);

        let mut guest = connect(addr, id).await;
        send(
            &mut guest,
            r#"{"v":1,"type":"join","host_secret":"wrong"}"#.into(),
        )
        .await;
        let w = expect_type(&mut guest, "welcome").await;
        let eve = w["participants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == w["you"])
            .unwrap()
            .clone();
        assert_eq!(eve["host"], false);
        let joined = expect_type(&mut host, "participant_joined").await;
        assert_eq!(joined["participant"]["id"], eve["id"]);

        // Killed mid-negotiation: an offer in flight, then the socket drops.
        send(
            &mut guest,
            r#"{"v":1,"type":"publish_offer","sdp":"v=0","tracks":[]}"#.into(),
        )
        .await;
        drop(guest);
        // A socket that just ends may be a network change: the place is
        // held for a resume (30 s; the expiry is sessions.rs's to test).
        assert!(
            tokio::time::timeout(
                Duration::from_millis(1500),
                expect_type(&mut host, "participant_left")
            )
            .await
            .is_err(),
            "a vanished socket's member is kept for a resume"
        );

        // A socket closed properly (a closed tab) leaves at once.
        let mut tab = connect(addr, id).await;
        send(&mut tab, r#"{"v":1,"type":"join"}"#.into()).await;
        let w = expect_type(&mut tab, "welcome").await;
        send(
            &mut tab,
            r#"{"v":1,"type":"publish_offer","sdp":"v=0","tracks":[]}"#.into(),
        )
        .await;
        tab.close(None).await.unwrap();
        loop {
            let left = expect_type(&mut host, "participant_left").await;
            if left["id"] == w["you"] {
                break;
            }
        }
    }
}
