//! Runs a scenario against Janus's VideoRoom (Debian's `janus` 1.x), the
//! peer Conclave is measured against: the same simulated participants
//! ([`SimMedia`]) with the same traffic, signaling through Janus's own
//! WebSocket API as its `janus.js` does in a browser, and Janus's CPU time
//! and memory read from `/proc` as Conclave's are.
//!
//! Janus never offers a loopback address as a media candidate, so the run
//! happens in a network namespace of its own: one thread of this process
//! leaves the host's network (`unshare(CLONE_NEWNET)` applies to the
//! calling thread only), brings up `lo` and a bridge carrying 127.0.0.2,
//! starts Janus bound to that address and runs the load generator on the
//! same thread. The namespace has no name and nothing else in it, so it
//! disappears with the thread and Janus, also when the run fails; traffic
//! never leaves it. This needs root (`CAP_SYS_ADMIN`).
//!
//! Janus gets a private configuration written next to nothing else: the
//! module folders of `/etc/janus/janus.jcfg`, only the VideoRoom plugin and
//! the WebSocket transport loaded, both on loopback, no STUN, warnings-only
//! logging (as `conclave serve` runs under the harness). Everything else is
//! Janus's default, as an operator would first run it.

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use str0m::media::Mid;
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::http::HeaderValue;

use crate::conclave::JOINS_PER_SECOND;
use crate::load::{self, Shared, Signaling};
use crate::process::KillOnDrop;
use crate::scenario::Scenario;
use crate::sim::{Sends, SimMedia, SimStats};
use crate::{BenchError, Figures, Progress, process};

/// Janus's media address inside the namespace: loopback-range, so nothing
/// can route to it from outside, but on a non-loopback interface, so
/// Janus offers it.
const MEDIA_IP: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);
/// Janus's WebSocket API (its default port; the namespace is private, so
/// it never clashes with a Janus on the host).
const API: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8188);
/// The bridge that carries [`MEDIA_IP`] (a `dummy` link would do, but the
/// module is missing on some kernels; bridges are always there).
const BRIDGE: &str = "conclave0";
/// Janus drops a session it has not heard from in 60 s; `janus.js` sends a
/// keep-alive every 25 s, well inside that even on a loaded machine.
const KEEPALIVE: Duration = Duration::from_secs(25);
/// How long Janus may take to load its plugins and open its API. It takes
/// well under a second here; the margin is for a loaded CI machine.
const STARTUP: Duration = Duration::from_secs(15);
/// The simulcast layer each subscriber asks Janus for (0 is the lowest):
/// the middle one, which is what Conclave's SFU forwards to the simulated
/// receivers and what the bare relay forwards, so every system moves the
/// same packets. Janus's default would be the top layer (three packets a
/// frame instead of two).
const SUBSTREAM: u64 = 1;
/// Janus's log level: 3 is warnings and errors, what `conclave serve`
/// logs under the harness; Janus's default (4, info) writes lines per
/// handle that would cost it CPU Conclave does not spend.
const LOG_LEVEL: u8 = 3;

fn io(e: std::io::Error) -> BenchError {
    BenchError::Io(e.to_string())
}

fn janus_error(what: impl std::fmt::Display) -> BenchError {
    BenchError::Server(format!("janus: {what}"))
}

/// Runs `scenario` for `seconds` of measured time against Janus, in a
/// private network namespace on a thread of its own.
pub fn run(
    scenario: &Scenario,
    seconds: u64,
    progress: &dyn Progress,
) -> Result<Figures, BenchError> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("janus-bench".into())
            .spawn_scoped(scope, || {
                enter_private_network()?;
                run_here(scenario, seconds, progress)
            })
            .map_err(io)?
            .join()
            .map_err(|_| BenchError::Io("the Janus run panicked".into()))?
    })
}

/// Moves the calling thread (and so Janus and every socket it opens) into a
/// new network namespace with `lo` up and [`MEDIA_IP`] on a bridge.
fn enter_private_network() -> Result<(), BenchError> {
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNET).map_err(|e| {
        janus_error(format!(
            "a private network namespace for Janus needs root ({e}); run without --compare janus otherwise"
        ))
    })?;
    let media = format!("{MEDIA_IP}/32");
    for args in [
        &["link", "set", "lo", "up"][..],
        &["link", "add", BRIDGE, "type", "bridge"],
        &["addr", "add", &media, "dev", BRIDGE],
        &["link", "set", BRIDGE, "up"],
    ] {
        let out = Command::new("ip")
            .args(args)
            .output()
            .map_err(|e| janus_error(format!("running ip: {e}")))?;
        if !out.status.success() {
            return Err(janus_error(format!(
                "ip {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
    }
    Ok(())
}

/// Janus, killed when dropped; its output goes to `log`.
struct Janus {
    child: KillOnDrop,
    log: PathBuf,
}

impl Janus {
    /// The last lines Janus wrote, for an error message.
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(8)..].join("\n")
    }
}

/// A setting `key = "value"` of a Janus configuration file.
fn setting<'a>(config: &'a str, key: &str) -> Option<&'a str> {
    config.lines().find_map(|line| {
        let line = line.trim_start();
        let rest = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
        let value = rest.trim_start().strip_prefix('"')?;
        value.split('"').next()
    })
}

/// Every module in `folder` but `keep`, as Janus's `disable` list.
fn all_but(folder: &str, keep: &str) -> String {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".so") && n != keep)
        .collect();
    names.sort();
    names.join(",")
}

/// Writes Janus's configuration into `dir`, from the installed one's
/// module folders.
fn write_config(dir: &Path) -> Result<(), BenchError> {
    let installed = std::fs::read_to_string("/etc/janus/janus.jcfg").map_err(|e| {
        janus_error(format!(
            "reading /etc/janus/janus.jcfg ({e}); install Debian's janus package"
        ))
    })?;
    let folder = |key: &str| {
        setting(&installed, key)
            .map(str::to_owned)
            .ok_or_else(|| janus_error(format!("no {key} in /etc/janus/janus.jcfg")))
    };
    let (plugins, transports) = (folder("plugins_folder")?, folder("transports_folder")?);
    let (events, loggers) = (folder("events_folder")?, folder("loggers_folder")?);
    let main = format!(
        r#"general: {{
	configs_folder = "{dir}"
	plugins_folder = "{plugins}"
	transports_folder = "{transports}"
	events_folder = "{events}"
	loggers_folder = "{loggers}"
	debug_level = {LOG_LEVEL}
}}
media: {{
}}
nat: {{
	ice_enforce_list = "{MEDIA_IP}"
}}
plugins: {{
	disable = "{no_plugins}"
}}
transports: {{
	disable = "{no_transports}"
}}
loggers: {{
	disable = "{no_loggers}"
}}
events: {{
	broadcast = false
	disable = "{no_events}"
}}
"#,
        dir = dir.display(),
        no_plugins = all_but(&plugins, "libjanus_videoroom.so"),
        no_transports = all_but(&transports, "libjanus_websockets.so"),
        no_loggers = all_but(&loggers, ""),
        no_events = all_but(&events, ""),
    );
    let websockets = format!(
        r#"general: {{
	json = "plain"
	ws = true
	ws_port = {port}
	ws_ip = "{ip}"
	wss = false
}}
admin: {{
	admin_ws = false
	admin_wss = false
}}
"#,
        port = API.port(),
        ip = API.ip(),
    );
    // Rooms are created through the API, as the harness's meetings are.
    let videoroom = "general: {\n}\n";
    for (name, text) in [
        ("janus.jcfg", main.as_str()),
        ("janus.transport.websockets.jcfg", websockets.as_str()),
        ("janus.plugin.videoroom.jcfg", videoroom),
    ] {
        std::fs::write(dir.join(name), text).map_err(io)?;
    }
    Ok(())
}

fn start_janus(dir: &Path) -> Result<Janus, BenchError> {
    let log = dir.join("janus.log");
    let out = File::create(&log).map_err(io)?;
    let err = out.try_clone().map_err(io)?;
    let child = Command::new("janus")
        .arg("-F")
        .arg(dir)
        .arg("-C")
        .arg(dir.join("janus.jcfg"))
        .args(["-i", &MEDIA_IP.to_string()])
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| {
            janus_error(format!(
                "starting janus ({e}); install Debian's janus package"
            ))
        })?;
    Ok(Janus {
        child: KillOnDrop(child),
        log,
    })
}

/// The WebSocket API, with the subprotocol Janus insists on.
async fn connect_api() -> Result<WebSocketStream<TcpStream>, BenchError> {
    let stream = TcpStream::connect(API).await.map_err(janus_error)?;
    let mut request = format!("ws://{API}/")
        .into_client_request()
        .map_err(janus_error)?;
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        HeaderValue::from_static("janus-protocol"),
    );
    let (ws, _) = tokio_tungstenite::client_async(request, stream)
        .await
        .map_err(janus_error)?;
    Ok(ws)
}

/// Waits until Janus answers on its API.
async fn wait_ready(janus: &mut Janus) -> Result<(), BenchError> {
    let deadline = Instant::now() + STARTUP;
    loop {
        if TcpStream::connect(API).await.is_ok() {
            return Ok(());
        }
        if let Ok(Some(status)) = janus.child.try_wait() {
            return Err(janus_error(format!(
                "exited at startup ({status}):\n{}",
                janus.log_tail()
            )));
        }
        if Instant::now() > deadline {
            return Err(janus_error(format!(
                "no API on {API} after {STARTUP:?}:\n{}",
                janus.log_tail()
            )));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// One request on a control connection and Janus's answer to it (acks
/// skipped).
async fn call(
    ws: &mut WebSocketStream<TcpStream>,
    mut request: Value,
    transaction: &str,
) -> Result<Value, BenchError> {
    request["transaction"] = json!(transaction);
    ws.send(Message::Text(request.to_string().into()))
        .await
        .map_err(janus_error)?;
    while let Some(message) = ws.next().await {
        let Message::Text(text) = message.map_err(janus_error)? else {
            continue;
        };
        let Ok(v) = serde_json::from_str::<Value>(text.as_str()) else {
            continue;
        };
        if v["transaction"] == transaction && v["janus"] != "ack" {
            if v["janus"] == "error" {
                return Err(janus_error(&v["error"]));
            }
            return Ok(v);
        }
    }
    Err(janus_error("closed the API connection"))
}

/// Creates one VideoRoom per meeting (ids 1, 2, ...), each as big as the
/// meeting, VP8 and Opus, as a meeting's organiser would.
async fn create_rooms(scenario: &Scenario) -> Result<Vec<u64>, BenchError> {
    let mut ws = connect_api().await?;
    let session = call(&mut ws, json!({"janus": "create"}), "create").await?["data"]["id"]
        .as_u64()
        .ok_or_else(|| janus_error("no session id"))?;
    let handle = call(
        &mut ws,
        json!({"janus": "attach", "session_id": session, "plugin": "janus.plugin.videoroom"}),
        "attach",
    )
    .await?["data"]["id"]
        .as_u64()
        .ok_or_else(|| janus_error("no handle id"))?;
    let mut rooms = Vec::new();
    for (m, members) in scenario.meetings.iter().enumerate() {
        let room = m as u64 + 1;
        let body = json!({
            "request": "create",
            "room": room,
            // Everyone joins as a publisher (to hear of the others), so the
            // room must take the whole meeting.
            "publishers": members.len().max(2),
            "audiocodec": "opus",
            "videocodec": "vp8",
        });
        let answer = call(
            &mut ws,
            json!({"janus": "message", "session_id": session, "handle_id": handle, "body": body}),
            &format!("room-{room}"),
        )
        .await?;
        let data = &answer["plugindata"]["data"];
        if data["videoroom"] != "created" {
            return Err(janus_error(format!("creating room {room}: {data}")));
        }
        rooms.push(room);
    }
    let _ = ws
        .send(Message::Text(
            json!({"janus": "destroy", "session_id": session, "transaction": "bye"})
                .to_string()
                .into(),
        ))
        .await;
    Ok(rooms)
}

/// A participant in Janus's VideoRoom, as `janus.js` drives it: a session,
/// a publisher handle that joins the room (everyone does, to hear of the
/// publishers) and publishes if it sends anything, and one multistream
/// subscriber handle that subscribes to every other publisher as it
/// appears and answers Janus's offers.
struct JanusClient {
    media: SimMedia,
    room: u64,
    session: Option<u64>,
    publisher: Option<u64>,
    subscriber: Option<u64>,
    own_feed: Option<u64>,
    /// Feeds heard of and not yet asked for.
    wanted: Vec<u64>,
    asked: HashSet<u64>,
    /// A subscription (attach, join or update) is waiting for Janus's offer;
    /// Janus renegotiates one at a time.
    negotiating: bool,
    outgoing: VecDeque<Value>,
    transactions: u64,
}

impl JanusClient {
    fn new(media: SimMedia, room: u64) -> Self {
        let mut client = Self {
            media,
            room,
            session: None,
            publisher: None,
            subscriber: None,
            own_feed: None,
            wanted: Vec::new(),
            asked: HashSet::new(),
            negotiating: false,
            outgoing: VecDeque::new(),
            transactions: 0,
        };
        client.send("create", json!({"janus": "create"}));
        client
    }

    /// Queues `request`, its transaction named for `step` (the answer is
    /// routed by that name).
    fn send(&mut self, step: &str, mut request: Value) {
        self.transactions += 1;
        request["transaction"] = json!(format!("{step}:{}", self.transactions));
        if let Some(session) = self.session {
            request["session_id"] = json!(session);
        }
        self.outgoing.push_back(request);
    }

    fn message(&mut self, step: &str, handle: u64, body: Value, jsep: Option<Value>) {
        let mut request = json!({"janus": "message", "handle_id": handle, "body": body});
        if let Some(jsep) = jsep {
            request["jsep"] = jsep;
        }
        self.send(step, request);
    }

    fn attach(&mut self, step: &str) {
        self.send(
            step,
            json!({"janus": "attach", "plugin": "janus.plugin.videoroom"}),
        );
    }

    fn heard_of(&mut self, publishers: &Value) {
        for feed in publishers
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["id"].as_u64())
        {
            if Some(feed) != self.own_feed && self.asked.insert(feed) {
                self.wanted.push(feed);
            }
        }
    }

    /// Asks for the feeds heard of, if no other subscription is underway.
    fn subscribe(&mut self) {
        if self.negotiating || self.wanted.is_empty() || self.session.is_none() {
            return;
        }
        self.negotiating = true;
        match self.subscriber {
            None => self.attach("attach-sub"),
            Some(handle) => {
                let streams: Vec<Value> =
                    self.wanted.drain(..).map(|f| json!({"feed": f})).collect();
                self.message(
                    "subscribe",
                    handle,
                    json!({"request": "subscribe", "streams": streams}),
                    None,
                );
            }
        }
    }

    fn success(&mut self, step: &str, id: Option<u64>) {
        let Some(id) = id else {
            self.media.record_error(format!("janus: {step} without id"));
            return;
        };
        match step {
            "create" => {
                self.session = Some(id);
                self.attach("attach-pub");
            }
            "attach-pub" => {
                self.publisher = Some(id);
                let body = json!({"request": "join", "ptype": "publisher", "room": self.room});
                self.message("join", id, body, None);
            }
            "attach-sub" => {
                self.subscriber = Some(id);
                let streams: Vec<Value> =
                    self.wanted.drain(..).map(|f| json!({"feed": f})).collect();
                let body = json!({
                    "request": "join",
                    "ptype": "subscriber",
                    "room": self.room,
                    "streams": streams,
                });
                self.message("join-sub", id, body, None);
            }
            _ => {}
        }
    }

    fn event(&mut self, sender: Option<u64>, data: &Value, jsep: &Value, now: Instant) {
        if let Some(error) = data["error"].as_str() {
            self.media.record_error(format!("janus: {error}"));
        }
        if sender.is_some() && sender == self.publisher {
            if data["videoroom"] == "joined" {
                self.own_feed = data["id"].as_u64();
                self.media.mark_joined(now);
                if let (Some(handle), Some((sdp, _))) =
                    (self.publisher, self.media.publish_offer(now))
                {
                    let jsep = json!({
                        "type": "offer",
                        "sdp": sdp,
                        // Every candidate is in the SDP.
                        "trickle": false,
                        // str0m lists the simulcast layers lowest first.
                        "rid_order": "lmh",
                    });
                    // The offer says what is published.
                    let body = json!({"request": "publish"});
                    self.message("publish", handle, body, Some(jsep));
                }
            }
            self.heard_of(&data["publishers"]);
            if jsep["type"] == "answer"
                && let Some(sdp) = jsep["sdp"].as_str()
            {
                self.media.accept_publish_answer(sdp, now);
            }
        } else if sender.is_some()
            && sender == self.subscriber
            && jsep["type"] == "offer"
            && let (Some(sdp), Some(handle)) = (jsep["sdp"].as_str(), self.subscriber)
        {
            self.answer_subscription(handle, sdp, &data["streams"], now);
        }
    }

    /// Answers Janus's offer of the subscribed feeds (`streams` says which
    /// m-line carries what) and asks for the middle simulcast layer.
    fn answer_subscription(&mut self, handle: u64, sdp: &str, streams: &Value, now: Instant) {
        let media: Vec<(Mid, bool)> = streams
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| s["type"] == "audio" || s["type"] == "video")
            .filter_map(|s| Some((Mid::from(s["mid"].as_str()?), s["type"] == "video")))
            .collect();
        let counted = media.iter().map(|(mid, _)| *mid);
        if let Some(answer) = self.media.accept_subscribe_offer(sdp, counted, now) {
            let jsep = json!({"type": "answer", "sdp": answer, "trickle": false});
            self.message("start", handle, json!({"request": "start"}), Some(jsep));
            let layers: Vec<Value> = media
                .iter()
                .filter(|(_, video)| *video)
                .map(|(mid, _)| json!({"mid": mid.to_string(), "substream": SUBSTREAM}))
                .collect();
            if !layers.is_empty() {
                let body = json!({"request": "configure", "streams": layers});
                self.message("configure", handle, body, None);
            }
        }
        self.negotiating = false;
    }
}

impl Signaling for JanusClient {
    fn media(&mut self) -> &mut SimMedia {
        &mut self.media
    }

    fn poll_message(&mut self) -> Option<String> {
        self.outgoing.pop_front().map(|v| v.to_string())
    }

    fn handle_message(&mut self, text: &str, now: Instant) {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return;
        };
        let step = v["transaction"]
            .as_str()
            .and_then(|t| t.split(':').next())
            .unwrap_or("");
        match v["janus"].as_str() {
            Some("success") => self.success(step, v["data"]["id"].as_u64()),
            Some("event") => self.event(
                v["sender"].as_u64(),
                &v["plugindata"]["data"],
                &v["jsep"],
                now,
            ),
            Some("error") => self
                .media
                .record_error(format!("janus, {step}: {}", v["error"])),
            Some(gone @ ("hangup" | "timeout" | "detached")) => self
                .media
                .record_error(format!("janus: {gone} ({})", v["reason"])),
            _ => {}
        }
        self.subscribe();
    }

    fn keepalive(&mut self) -> Option<String> {
        let session = self.session?;
        self.transactions += 1;
        Some(
            json!({"janus": "keepalive", "session_id": session, "transaction": format!("keepalive:{}", self.transactions)})
                .to_string(),
        )
    }

    fn leave(&mut self) -> Option<String> {
        let session = self.session?;
        Some(json!({"janus": "destroy", "session_id": session, "transaction": "leave"}).to_string())
    }
}

async fn participant(
    room: u64,
    sends: Sends,
    epoch: Instant,
    shared: Arc<Shared>,
    stop: watch::Receiver<bool>,
) -> Result<SimStats, BenchError> {
    let sockets = load::media_sockets(IpAddr::V4(MEDIA_IP)).await?;
    let (publish_addr, subscribe_addr) = (
        sockets.0.local_addr().map_err(io)?,
        sockets.1.local_addr().map_err(io)?,
    );
    let ws = connect_api().await?;
    let media = SimMedia::new(sends, publish_addr, subscribe_addr, epoch, Instant::now());
    let client = JanusClient::new(media, room);
    load::drive(ws, sockets, client, KEEPALIVE, shared, stop).await
}

/// The run itself, on a thread already in the private namespace.
fn run_here(
    scenario: &Scenario,
    seconds: u64,
    progress: &dyn Progress,
) -> Result<Figures, BenchError> {
    let dir = tempfile::tempdir().map_err(io)?;
    write_config(dir.path())?;
    let mut janus = start_janus(dir.path())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(io)?;
    let label = format!("{}, janus", scenario.name.as_str());
    runtime.block_on(async {
        wait_ready(&mut janus).await?;
        let pid = janus.child.id();
        let rooms = create_rooms(scenario).await?;
        // Janus settles (its first allocations) before the baseline for
        // memory per subscriber is taken, as Conclave's run does.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let rss_before = process::memory_kib(pid).unwrap_or(0);
        let epoch = Instant::now();
        let shared = Arc::new(Shared::default());
        let (stop_tx, stop_rx) = watch::channel(false);
        let mut tasks = Vec::new();
        let spacing = Duration::from_secs(1) / JOINS_PER_SECOND;
        for (&room, members) in rooms.iter().zip(&scenario.meetings) {
            for &sends in members {
                tasks.push(tokio::spawn(participant(
                    room,
                    sends,
                    epoch,
                    Arc::clone(&shared),
                    stop_rx.clone(),
                )));
                tokio::time::sleep(spacing).await;
            }
        }
        let window = load::Window {
            label: &label,
            pid,
            rss_before_kib: rss_before,
            expected_subscribers: scenario.subscribers(),
            seconds,
        };
        let figures = load::measure(
            window,
            &shared,
            stop_tx,
            tasks,
            || std::future::ready(None),
            progress,
        )
        .await?;
        if let Ok(Some(status)) = janus.child.try_wait() {
            return Err(janus_error(format!(
                "exited during the run ({status}):\n{}",
                janus.log_tail()
            )));
        }
        Ok(figures)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_of_a_janus_config() {
        let config = "general: {\n\tplugins_folder = \"/usr/lib/janus/plugins\"\t# Plugins\n\t#events_folder = \"/nope\"\n}\n";
        assert_eq!(
            setting(config, "plugins_folder"),
            Some("/usr/lib/janus/plugins")
        );
        assert_eq!(setting(config, "events_folder"), None);
        assert_eq!(setting(config, "plugins"), None);
    }

    fn event(client: &mut JanusClient, v: Value) {
        client.handle_message(&v.to_string(), Instant::now());
    }

    fn sent(client: &mut JanusClient) -> Vec<Value> {
        std::iter::from_fn(|| client.poll_message())
            .map(|m| serde_json::from_str(&m).unwrap())
            .collect()
    }

    #[test]
    fn joins_publishes_and_subscribes_as_janus_js_does() {
        let now = Instant::now();
        let addr = |port| SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port);
        let sends = Sends {
            audio: true,
            video: true,
        };
        let media = SimMedia::new(sends, addr(1), addr(2), now, now);
        let mut c = JanusClient::new(media, 7);
        let out = sent(&mut c);
        assert_eq!(out[0]["janus"], "create");
        let tx = |v: &Value| v["transaction"].as_str().unwrap().to_owned();
        event(
            &mut c,
            json!({"janus": "success", "transaction": tx(&out[0]), "data": {"id": 11}}),
        );
        let out = sent(&mut c);
        assert_eq!(out[0]["janus"], "attach");
        assert_eq!(out[0]["session_id"], 11);
        event(
            &mut c,
            json!({"janus": "success", "transaction": tx(&out[0]), "data": {"id": 22}}),
        );
        let out = sent(&mut c);
        assert_eq!(out[0]["body"]["request"], "join");
        assert_eq!(out[0]["body"]["ptype"], "publisher");
        assert_eq!(out[0]["body"]["room"], 7);
        // Joined, with one publisher already there: publish, and attach a
        // subscriber handle for that publisher.
        event(
            &mut c,
            json!({"janus": "event", "sender": 22, "plugindata": {"data": {
                "videoroom": "joined", "id": 5, "publishers": [{"id": 6}, {"id": 5}]}}}),
        );
        let out = sent(&mut c);
        assert_eq!(out[0]["body"]["request"], "publish");
        assert_eq!(out[0]["jsep"]["type"], "offer");
        assert!(out[0]["jsep"]["sdp"].as_str().unwrap().contains("a=rid:"));
        assert_eq!(out[1]["janus"], "attach");
        event(
            &mut c,
            json!({"janus": "success", "transaction": tx(&out[1]), "data": {"id": 33}}),
        );
        let out = sent(&mut c);
        assert_eq!(out[0]["body"]["ptype"], "subscriber");
        assert_eq!(out[0]["body"]["streams"], json!([{"feed": 6}]));
        // Another publisher while the first offer is pending waits its turn.
        event(
            &mut c,
            json!({"janus": "event", "sender": 22, "plugindata": {"data": {
                "videoroom": "event", "publishers": [{"id": 8}]}}}),
        );
        assert!(sent(&mut c).is_empty());
    }
}
