//! The I/O shell for native participants: a WebSocket and a UDP socket per
//! participant, driven by tokio. Many participants run in one process (one
//! task each), which is what makes this the load generator too.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use conclave_signaling::{ClientMessage, encode};
use futures_util::{FutureExt, SinkExt, StreamExt};
use str0m::net::Protocol;
use tokio::net::UdpSocket;
use tokio_tungstenite::tungstenite::Message;

use crate::media_tcp::{Inbound, TcpLinks};
use crate::participant::{Admission, AdmitPolicy, MediaTransport, Participant};
use crate::report::Report;

/// Same cadence as the web client: the server drops a participant it has not
/// heard from for 45 s, and shows them reconnecting after 12 s.
const PING_INTERVAL: Duration = Duration::from_secs(5);

/// Nothing from the server for this long (every ping is answered) means the
/// socket is stuck even if it never closed: a connection a network change
/// left half-open, or a server that stopped writing to a reader it found
/// too slow (it then holds the place for a resume). Two pings unanswered:
/// longer and a stuck socket costs seconds of missed commits and chat;
/// shorter and a busy server's late pong would be taken for a dead socket.
const STALL_AFTER: Duration = Duration::from_secs(10);

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
    #[error("signaling lost and the server would not take this participant back: {0}")]
    ResumeRefused(String),
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
    /// UDP, TCP, or UDP falling back to TCP.
    pub media_transport: MediaTransport,
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
    let mut first_failure = None;
    for (i, t) in tasks.into_iter().enumerate() {
        let failure = match t.await {
            Ok(Ok(r)) => {
                reports.push(r);
                continue;
            }
            Ok(Err(e)) => e,
            Err(e) => RunError::Signaling(format!("participant task failed: {e}")),
        };
        // With --count, one participant's end (its place given up, say)
        // is not everyone's: the others run on and report; it is logged
        // and missing from the reports.
        tracing::error!(participant = i, "{failure}");
        first_failure.get_or_insert(failure);
    }
    match first_failure {
        Some(e) if count == 1 || reports.is_empty() => Err(e),
        _ => Ok(reports),
    }
}

type WsStream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;
type WsSink = futures_util::stream::SplitSink<WsStream, Message>;
type WsSource = futures_util::stream::SplitStream<WsStream>;

/// How one participant opens its signaling socket (again, after a loss).
struct Signaling<'a> {
    ws_url: &'a str,
    address: SocketAddr,
    /// Connect from this address (load runs), else wherever the OS picks.
    from: Option<IpAddr>,
    tls_fingerprint: Option<[u8; 32]>,
}

impl Signaling<'_> {
    async fn connect(&self) -> Result<WsStream, RunError> {
        let connector = if self.ws_url.starts_with("wss:") {
            let config = crate::tls::client_config(self.tls_fingerprint)
                .map_err(|e| RunError::Signaling(format!("TLS setup: {e}")))?;
            Some(tokio_tungstenite::Connector::Rustls(config))
        } else {
            None
        };
        let socket = if self.address.is_ipv4() {
            tokio::net::TcpSocket::new_v4()?
        } else {
            tokio::net::TcpSocket::new_v6()?
        };
        if let Some(ip) = self.from {
            // From this participant's own address, as its media.
            socket.bind(SocketAddr::new(ip, 0))?;
        }
        let stream = socket.connect(self.address).await?;
        Ok(tokio_tungstenite::client_async_tls_with_config(
            self.ws_url,
            stream,
            Some(ws_config()),
            connector,
        )
        .await
        .map_err(|e| RunError::Signaling(e.to_string()))?
        .0)
    }
}

/// A new attempt this often: a few round trips, so a connection attempt
/// lost in the outage does not wait out TCP's own back-off, yet the server
/// is not hammered.
const RECONNECT_EVERY: Duration = Duration::from_secs(1);

/// After a lost socket: new sockets until one takes this member's place
/// back (`resume`, then `resumed`), within the grace the server keeps it.
/// Media keeps flowing meanwhile on its own UDP path; what the server sent
/// in between is replayed after `resumed`. Without a resume offer, or once
/// the grace is over, the stay has ended: an error.
async fn reconnect(
    signaling: &Signaling<'_>,
    p: &mut Participant,
    why: String,
) -> Result<(WsSink, WsSource), RunError> {
    let Some(resume) = p.resume_message() else {
        return Err(RunError::Signaling(why));
    };
    tracing::info!("signaling lost ({why}); resuming");
    let give_up = tokio::time::Instant::now() + p.resume_grace();
    loop {
        let attempt = async {
            let ws = signaling.connect().await?;
            let (mut sink, mut stream) = ws.split();
            sink.send(Message::Text(encode(&resume).into()))
                .await
                .map_err(|e| RunError::Signaling(e.to_string()))?;
            // The first answer says whether the place was still ours:
            // `resumed`, or an error (the grace is over, a wrong token).
            let before = p.resumes();
            while let Some(frame) = stream.next().await {
                match frame.map_err(|e| RunError::Signaling(e.to_string()))? {
                    Message::Text(t) => {
                        p.handle_server_text(t.as_str(), Instant::now());
                        if p.resumes() > before {
                            return Ok((sink, stream));
                        }
                        return Err(RunError::ResumeRefused(t.as_str().to_owned()));
                    }
                    Message::Close(_) => break,
                    _ => {}
                }
            }
            Err(RunError::Signaling("closed before resuming".into()))
        };
        match tokio::time::timeout(RECONNECT_EVERY * 3, attempt).await {
            Ok(Ok(connected)) => return Ok(connected),
            Ok(Err(e @ RunError::ResumeRefused(_))) => return Err(e),
            Ok(Err(e)) => tracing::debug!("resume attempt failed: {e}"),
            Err(_) => tracing::debug!("resume attempt timed out"),
        }
        if tokio::time::Instant::now() + RECONNECT_EVERY >= give_up {
            return Err(RunError::Signaling(format!(
                "{why}; not back within the server's {} s grace",
                p.resume_grace().as_secs()
            )));
        }
        tokio::time::sleep(RECONNECT_EVERY).await;
    }
}

/// What a frame from the signaling socket says about the socket.
#[derive(Debug, PartialEq)]
enum Heard {
    Alive,
    /// The server closed it: removed, or the meeting ended.
    Closed,
    /// Lost without a close (a network outage, a proxy cut it): take the
    /// place back on a new socket while the server holds it.
    Lost(String),
}

fn heard(frame: Frame, p: &mut Participant) -> Heard {
    match frame {
        Some(Ok(Message::Text(t))) => {
            p.handle_server_text(t.as_str(), Instant::now());
            Heard::Alive
        }
        Some(Ok(Message::Close(_))) => Heard::Closed,
        Some(Ok(_)) => Heard::Alive,
        Some(Err(e)) => Heard::Lost(e.to_string()),
        None => Heard::Lost("closed without a close frame".into()),
    }
}

type Frame = Option<Result<Message, tokio_tungstenite::tungstenite::Error>>;

/// After the server was silent for `silent_for`: the frame already waiting
/// on the socket, or why the socket counts as lost.
fn waiting_frame<S>(stream: &mut S, silent_for: Duration) -> Result<Frame, String>
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    stream
        .next()
        .now_or_never()
        .ok_or_else(|| format!("nothing from the server for {} s", silent_for.as_secs()))
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
        .with_tile_height(options.tile_height)
        .with_media_transport(options.media_transport, Instant::now());
    let (mut tcp, mut tcp_in) = TcpLinks::new(ip);
    let started_at_ms = crate::report::unix_ms();
    let mut publish_buf = vec![0u8; 2048];
    let ws_url = server.ws_url;
    let from = options.local_ips_from.map(|_| ip);
    let signaling = Signaling {
        ws_url: &ws_url,
        address: server.address,
        from,
        tls_fingerprint: options.tls_fingerprint,
    };
    let (mut sink, mut stream) = signaling.connect().await?.split();
    let end = tokio::time::Instant::now() + options.duration;
    let mut ping = tokio::time::interval(PING_INTERVAL);
    let mut buf = vec![0u8; 2048];
    let mut chatted = options.chat.is_none();
    let mut stop = done.stop.clone();
    // Set when the signaling socket was lost rather than closed.
    let mut lost: Option<String> = None;
    let mut last_heard = tokio::time::Instant::now();
    // Set when a ping is due and the server has been silent too long.
    let mut silent = false;
    loop {
        let wake = tokio::time::Instant::from_std(p.poll_timeout());
        tokio::select! {
            _ = tokio::time::sleep_until(end) => break,
            _ = stop.wait_for(|stopped| *stopped) => break,
            _ = ping.tick() => {
                if last_heard.elapsed() > STALL_AFTER {
                    silent = true;
                } else {
                    p.ping();
                }
            }
            frame = stream.next() => match heard(frame, &mut p) {
                Heard::Alive => last_heard = tokio::time::Instant::now(),
                Heard::Closed => break,
                Heard::Lost(why) => lost = Some(why),
            },
            received = publish_socket.recv_from(&mut publish_buf) => {
                let (n, from) = received?;
                p.handle_datagram(Instant::now(), from, publish_addr, &publish_buf[..n]);
            }
            received = subscribe_socket.recv_from(&mut buf) => {
                let (n, from) = received?;
                p.handle_datagram(Instant::now(), from, subscribe_addr, &buf[..n]);
            }
            Some(inbound) = tcp_in.recv() => match inbound {
                Inbound::Frame { local, remote, data } => {
                    p.handle_receive(Instant::now(), Protocol::Tcp, remote, local, &data);
                }
                Inbound::Closed { local, remote } => tcp.closed(local, remote),
            },
            _ = tokio::time::sleep_until(wake) => p.handle_timeout(Instant::now()),
        }
        // Outside `select!`, whose other futures live until it ends.
        if std::mem::take(&mut silent) {
            // A process short of CPU (a thousand clients in one, or a
            // laptop under load) can come back to the tick before it reads
            // what arrived meanwhile: a frame waiting proves the socket
            // alive, and resuming would only make the server replay what
            // is already here.
            match waiting_frame(&mut stream, last_heard.elapsed()) {
                Ok(frame) => match heard(frame, &mut p) {
                    Heard::Alive => {
                        last_heard = tokio::time::Instant::now();
                        p.ping();
                    }
                    Heard::Closed => break,
                    Heard::Lost(why) => lost = Some(why),
                },
                Err(why) => lost = Some(why),
            }
        }
        if let Some(why) = lost.take() {
            (sink, stream) = reconnect(&signaling, &mut p, why).await?;
            last_heard = tokio::time::Instant::now();
        }
        if !chatted && p.epoch().is_some() {
            chatted = true;
            if let Some(text) = &options.chat {
                p.send_chat(text);
            }
        }
        while let Some(m) = p.poll_signaling() {
            if let Err(e) = sink.send(Message::Text(encode(&m).into())).await {
                p.unsend(m);
                (sink, stream) = reconnect(&signaling, &mut p, e.to_string()).await?;
                last_heard = tokio::time::Instant::now();
            }
        }
        while let Some(t) = p.poll_transmit() {
            if t.proto == Protocol::Tcp {
                tcp.send(t.source, t.destination, &t.contents);
                continue;
            }
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
    fn a_frame_waiting_after_a_silence_keeps_the_socket() {
        // A client starved of CPU wakes to its ping tick with frames
        // queued: they are read, not taken for a dead socket.
        let mut queued = futures_util::stream::iter(vec![Ok(Message::Text("{}".into()))]);
        let frame = waiting_frame(&mut queued, Duration::from_secs(12));
        assert!(matches!(frame, Ok(Some(Ok(Message::Text(_))))));
        // A socket that closed meanwhile says so (heard() takes it as lost).
        assert!(matches!(
            waiting_frame(&mut queued, Duration::from_secs(12)),
            Ok(None)
        ));
        // Nothing there: lost, and the log says for how long.
        let mut silent = futures_util::stream::pending();
        let why = waiting_frame(&mut silent, Duration::from_secs(12)).unwrap_err();
        assert_eq!(why, "nothing from the server for 12 s");
    }

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
