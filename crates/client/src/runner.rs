//! The I/O shell for native participants: a WebSocket and a UDP socket per
//! participant, driven by tokio. Many participants run in one process (one
//! task each), which is what makes this the load generator too.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use conclave_signaling::{ClientMessage, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::net::UdpSocket;
use tokio_tungstenite::tungstenite::Message;

use crate::participant::{Admission, AdmitPolicy, Participant};
use crate::report::Report;

/// Same cadence as the web client: the server drops a participant it has not
/// heard from for 45 s, and shows them reconnecting after 12 s.
const PING_INTERVAL: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("not a meeting link (expected http(s)://HOST/m/ID): {0}")]
    BadLink(String),
    #[error("the meeting key in the link is malformed: {0}")]
    BadKey(String),
    #[error("cannot resolve {0}")]
    Resolve(String),
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
    #[error("signaling: {0}")]
    Signaling(String),
    #[error("participant: {0}")]
    Participant(#[from] crate::participant::ParticipantError),
}

#[derive(Debug, Clone)]
pub struct JoinOptions {
    pub link: String,
    pub name: String,
    pub duration: Duration,
    /// Participants to run in this process (names get `-2`, `-3`… suffixes).
    pub count: usize,
    /// Appended to every frame before encryption (to prove the server never
    /// sees plaintext).
    pub marker: Option<String>,
    /// Leave as soon as every participant of this process has decrypted
    /// this many peers' audio and video (one leaving early would starve the
    /// others of the media they wait for).
    pub until_peers: Option<usize>,
    /// Send this chat message once in the group.
    pub chat: Option<String>,
    /// Trust only the server certificate with this SHA-256 (self-signed
    /// servers); otherwise the public web PKI.
    pub tls_fingerprint: Option<[u8; 32]>,
    /// With a host link: whom to admit from the lobby.
    pub admit: AdmitPolicy,
    /// With a host link: whom (of those admitted) to make co-hosts.
    pub promote: Vec<String>,
    /// With a host link: record the meeting (its keys sealed to the
    /// meeting key) from the moment this participant is in the group.
    pub record: bool,
    /// Ask for the cameras of this many recent speakers only.
    pub last_n: Option<u16>,
    /// Publish nothing: listeners of a large meeting.
    pub listen_only: bool,
    /// Report every remote camera's tile as this many lines tall.
    pub tile_height: Option<u32>,
    /// Participant `i` of this process connects from this IPv4 address
    /// plus `i` (load runs on loopback: the server limits each address).
    pub local_ips_from: Option<std::net::Ipv4Addr>,
    /// Participant `i` of this process joins `i` times this late: an
    /// audience arrives over minutes, not in one instant.
    pub stagger: Duration,
}

struct Target {
    ws_url: String,
    host: String,
    port: u16,
    meeting_id: String,
    /// The fragment's `host=`, `key=` and `pub=` (docs/admission.md).
    host_secret: Option<String>,
    seed: Option<String>,
    public: Option<String>,
    /// `rec=`: an organisation's recording key, sealed to instead of the
    /// meeting key (docs/recording.md).
    recording_key: Option<String>,
}

fn parse_link(link: &str) -> Result<Target, RunError> {
    let url = url::Url::parse(link).map_err(|_| RunError::BadLink(link.into()))?;
    let scheme = match url.scheme() {
        "http" => "ws",
        "https" => "wss",
        _ => return Err(RunError::BadLink(link.into())),
    };
    let host = url
        .host_str()
        .ok_or_else(|| RunError::BadLink(link.into()))?;
    let port = url
        .port_or_known_default()
        .ok_or_else(|| RunError::BadLink(link.into()))?;
    let mut segments = url
        .path_segments()
        .ok_or_else(|| RunError::BadLink(link.into()))?;
    let (Some("m"), Some(id), None) = (segments.next(), segments.next(), segments.next()) else {
        return Err(RunError::BadLink(link.into()));
    };
    let host_part = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_owned()
    };
    let fragment = |name: &str| {
        url.fragment().and_then(|f| {
            url::form_urlencoded::parse(f.as_bytes())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        })
    };
    // A passcode (`?passcode=`) opens the socket as it opened the page.
    let query = url.query().map_or(String::new(), |q| format!("?{q}"));
    Ok(Target {
        ws_url: format!("{scheme}://{host_part}:{port}/ws/{id}{query}"),
        host: host.to_owned(),
        port,
        meeting_id: id.to_owned(),
        host_secret: fragment("host"),
        seed: fragment("key"),
        public: fragment("pub"),
        recording_key: fragment("rec"),
    })
}

/// The meeting key from the link, if it has one.
fn admission_of(
    target: &Target,
    admit: &AdmitPolicy,
    promote: &[String],
) -> Result<Option<Admission>, RunError> {
    use base64::Engine as _;
    let public = match (&target.seed, &target.public) {
        (Some(seed), _) => conclave_e2ee::MeetingKey::from_link_part(seed)
            .map_err(|e| RunError::BadKey(e.to_string()))?
            .public(),
        (None, Some(public)) => conclave_e2ee::MeetingPublicKey::from_link_part(public)
            .map_err(|e| RunError::BadKey(e.to_string()))?,
        (None, None) => return Ok(None),
    };
    let recording_key = match &target.recording_key {
        Some(text) => Some(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(text)
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| {
                    RunError::BadKey("the link's recording key (rec=) is damaged".into())
                })?,
        ),
        None => None,
    };
    let mut device = [0u8; 16];
    getrandom::fill(&mut device).map_err(|e| RunError::BadKey(e.to_string()))?;
    Ok(Some(Admission {
        meeting_id: target.meeting_id.clone(),
        public,
        seed: target.seed.clone().map(zeroize::Zeroizing::new),
        host_secret: target.host_secret.clone(),
        admit: admit.clone(),
        promote: promote.to_vec(),
        device: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(device),
        recording_key,
    }))
}

/// The local address the OS would use to reach the server: the host
/// candidate the SFU will see us at. (A UDP "connect" sends nothing.)
async fn local_ip_towards(server: SocketAddr) -> Result<IpAddr, RunError> {
    let any: SocketAddr = if server.is_ipv4() {
        "0.0.0.0:0"
            .parse()
            .map_err(|_| RunError::Resolve("0.0.0.0".into()))?
    } else {
        "[::]:0"
            .parse()
            .map_err(|_| RunError::Resolve("::".into()))?
    };
    let probe = UdpSocket::bind(any).await?;
    probe.connect(server).await?;
    Ok(probe.local_addr()?.ip())
}

fn ws_config() -> tokio_tungstenite::tungstenite::protocol::WebSocketConfig {
    tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
        .read_buffer_size(conclave_signaling::WS_READ_BUFFER_BYTES)
}

/// Runs `options.count` participants to the end and returns their reports.
pub async fn run(options: JoinOptions) -> Result<Vec<Report>, RunError> {
    let target = parse_link(&options.link)?;
    let address = tokio::net::lookup_host((target.host.as_str(), target.port))
        .await?
        .next()
        .ok_or_else(|| RunError::Resolve(target.host.clone()))?;
    let ip = local_ip_towards(address).await?;
    let mut tasks = Vec::new();
    let satisfied = Arc::new(AtomicUsize::new(0));
    // Ctrl-C (or SIGINT from a script) ends every participant as the
    // duration would: each leaves the meeting and reports.
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = stop_tx.send(true);
        }
        // Without a signal handler nobody stops early; a dropped sender
        // would read as a stop.
        std::future::pending::<()>().await;
        drop(stop_tx);
    });
    let count = options.count.max(1);
    for i in 0..count {
        let name = if i == 0 {
            options.name.clone()
        } else {
            format!("{}-{}", options.name, i + 1)
        };
        let server = Server {
            ws_url: target.ws_url.clone(),
            address,
        };
        let options = options.clone();
        let ip = match options.local_ips_from {
            Some(first) => {
                let offset = u32::try_from(i).map_err(|_| RunError::Resolve("too many".into()))?;
                IpAddr::V4(std::net::Ipv4Addr::from(
                    u32::from(first).wrapping_add(offset),
                ))
            }
            None => ip,
        };
        let admission = admission_of(&target, &options.admit, &options.promote)?;
        let done = Done {
            satisfied: satisfied.clone(),
            count,
            stop: stop.clone(),
        };
        let delay = options
            .stagger
            .saturating_mul(u32::try_from(i).unwrap_or(u32::MAX));
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            run_one(server, ip, name, admission, options, done).await
        }));
    }
    let mut reports = Vec::new();
    for t in tasks {
        match t.await {
            Ok(r) => reports.push(r?),
            Err(e) => return Err(RunError::Signaling(format!("participant task failed: {e}"))),
        }
    }
    Ok(reports)
}

/// Where a participant's signaling goes.
struct Server {
    ws_url: String,
    /// Its address, resolved once for every participant.
    address: SocketAddr,
}

/// How the participants of one process agree that they are all done.
struct Done {
    satisfied: Arc<AtomicUsize>,
    count: usize,
    /// Becomes true on Ctrl-C.
    stop: tokio::sync::watch::Receiver<bool>,
}

async fn run_one(
    server: Server,
    ip: IpAddr,
    name: String,
    admission: Option<Admission>,
    options: JoinOptions,
    done: Done,
) -> Result<Report, RunError> {
    let mut counted = false;
    let publish_socket = UdpSocket::bind(SocketAddr::new(ip, 0)).await?;
    let subscribe_socket = UdpSocket::bind(SocketAddr::new(ip, 0)).await?;
    let publish_addr = publish_socket.local_addr()?;
    let subscribe_addr = subscribe_socket.local_addr()?;
    let marker = options.marker.as_ref().map(|m| m.as_bytes().to_vec());
    let mut p = Participant::new(&name, publish_addr, subscribe_addr, marker, Instant::now())?;
    if let Some(a) = admission {
        p = p.with_admission(a);
    }
    p = p
        .with_recording(options.record)
        .with_last_n(options.last_n)
        .with_listen_only(options.listen_only)
        .with_tile_height(options.tile_height);
    let started_at_ms = crate::report::unix_ms();
    let mut publish_buf = vec![0u8; 2048];
    let ws_url = server.ws_url;
    let connector = if ws_url.starts_with("wss:") {
        let config = crate::tls::client_config(options.tls_fingerprint)
            .map_err(|e| RunError::Signaling(format!("TLS setup: {e}")))?;
        Some(tokio_tungstenite::Connector::Rustls(config))
    } else {
        None
    };
    let ws = if options.local_ips_from.is_some() {
        // From this participant's own address, as its media.
        let address = server.address;
        let socket = if address.is_ipv4() {
            tokio::net::TcpSocket::new_v4()?
        } else {
            tokio::net::TcpSocket::new_v6()?
        };
        socket.bind(SocketAddr::new(ip, 0))?;
        let stream = socket.connect(address).await?;
        tokio_tungstenite::client_async_tls_with_config(
            &ws_url,
            stream,
            Some(ws_config()),
            connector,
        )
        .await
        .map_err(|e| RunError::Signaling(e.to_string()))?
        .0
    } else {
        tokio_tungstenite::connect_async_tls_with_config(
            &ws_url,
            Some(ws_config()),
            false,
            connector,
        )
        .await
        .map_err(|e| RunError::Signaling(e.to_string()))?
        .0
    };
    let (mut sink, mut stream) = ws.split();
    let end = tokio::time::Instant::now() + options.duration;
    let mut ping = tokio::time::interval(PING_INTERVAL);
    let mut buf = vec![0u8; 2048];
    let mut chatted = options.chat.is_none();
    let mut stop = done.stop.clone();
    loop {
        let wake = tokio::time::Instant::from_std(p.poll_timeout());
        tokio::select! {
            _ = tokio::time::sleep_until(end) => break,
            _ = stop.wait_for(|stopped| *stopped) => break,
            _ = ping.tick() => p.ping(),
            frame = stream.next() => match frame {
                Some(Ok(Message::Text(t))) => p.handle_server_text(t.as_str(), Instant::now()),
                Some(Ok(Message::Close(_))) | None => break,
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(RunError::Signaling(e.to_string())),
            },
            received = publish_socket.recv_from(&mut publish_buf) => {
                let (n, from) = received?;
                p.handle_datagram(Instant::now(), from, publish_addr, &publish_buf[..n]);
            }
            received = subscribe_socket.recv_from(&mut buf) => {
                let (n, from) = received?;
                p.handle_datagram(Instant::now(), from, subscribe_addr, &buf[..n]);
            }
            _ = tokio::time::sleep_until(wake) => p.handle_timeout(Instant::now()),
        }
        if !chatted && p.epoch().is_some() {
            chatted = true;
            if let Some(text) = &options.chat {
                p.send_chat(text);
            }
        }
        while let Some(m) = p.poll_signaling() {
            sink.send(Message::Text(encode(&m).into()))
                .await
                .map_err(|e| RunError::Signaling(e.to_string()))?;
        }
        while let Some(t) = p.poll_transmit() {
            let socket = if t.source == publish_addr {
                &publish_socket
            } else {
                &subscribe_socket
            };
            // A full socket buffer drops the packet, as a network would.
            let _ = socket.try_send_to(&t.contents, t.destination);
        }
        if p.is_finished() {
            break;
        }
        if let Some(n) = options.until_peers {
            if !counted && p.peers_satisfied(n) {
                counted = true;
                done.satisfied.fetch_add(1, Ordering::SeqCst);
            }
            if done.satisfied.load(Ordering::SeqCst) >= done.count {
                break;
            }
        }
    }
    let mut report = p.report();
    report.started_at_ms = started_at_ms;
    report.left_at_ms = crate::report::unix_ms();
    let _ = sink
        .send(Message::Text(encode(&ClientMessage::Leave).into()))
        .await;
    let _ = sink.close().await;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_links_map_to_signaling_urls() {
        let t = parse_link("http://127.0.0.1:8080/m/AAAAAAAAAAAAAAAAAAAAAA").unwrap();
        assert_eq!(t.ws_url, "ws://127.0.0.1:8080/ws/AAAAAAAAAAAAAAAAAAAAAA");
        let t = parse_link("https://meet.example.org/m/abc#host=secret&key=seed").unwrap();
        assert_eq!(t.ws_url, "wss://meet.example.org:443/ws/abc");
        assert_eq!(t.host_secret.as_deref(), Some("secret"));
        assert_eq!(t.seed.as_deref(), Some("seed"));
        assert_eq!(t.meeting_id, "abc");
        assert!(parse_link("ftp://x/m/abc").is_err());
        assert!(parse_link("http://x/other/abc").is_err());
        assert!(parse_link("not a url").is_err());
    }
}
