//! Runs a scenario against a real `conclave serve`: starts it, creates the
//! meetings through its API, connects the simulated participants (a task
//! each, on the load generator's one thread), and measures the server from
//! outside: its CPU time and memory from `/proc`, packets as they arrive at
//! the subscribers.

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::watch;

use crate::load::{self, Shared};
use crate::process::{self, KillOnDrop};
use crate::scenario::Scenario;
use crate::sim::{Sends, SimParticipant, SimStats};
use crate::{BenchError, Figures, Progress};

/// The server drops a socket it has not heard from for a while; the web
/// client pings at the same cadence.
const PING_INTERVAL: Duration = Duration::from_secs(5);
/// Joins spread over time as people arrive, not all in one instant: a join
/// storm measures the signaling path, not forwarding.
pub(crate) const JOINS_PER_SECOND: u32 = 200;

/// The server under test, killed when dropped.
struct Server {
    child: KillOnDrop,
    addr: SocketAddr,
}

fn start_server(bin: &Path, data_dir: &Path, participants: usize) -> Result<Server, BenchError> {
    let cap = participants.max(2).to_string();
    let mut child = Command::new(bin)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--media-port",
            "0",
            "--public-ip",
            "127.0.0.1",
            "--max-participants",
            &cap,
            "--max-sockets",
            &(participants + 16).to_string(),
            "--data-dir",
        ])
        .arg(data_dir)
        .env("CONCLAVE_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| BenchError::Server(format!("starting {}: {e}", bin.display())))?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| BenchError::Server("no stdout".into()))?;
    let mut lines = BufReader::new(stdout).lines();
    let mut addr = None;
    for line in lines.by_ref() {
        let Ok(line) = line else { break };
        if let Some(rest) = line.strip_prefix("Open http://") {
            addr = rest
                .split(['/', ' '])
                .next()
                .and_then(|a| a.parse::<SocketAddr>().ok());
            break;
        }
    }
    // Keep draining: a full pipe would stall the server.
    std::thread::spawn(move || lines.for_each(drop));
    let Some(addr) = addr else {
        let _ = child.kill();
        return Err(BenchError::Server("it printed no address".into()));
    };
    Ok(Server {
        child: KillOnDrop(child),
        addr,
    })
}

/// A distinct loopback source address per simulated person, so per-address
/// limits (lookups, connections) meet a crowd, as they would in reality.
fn source_ip(i: usize) -> IpAddr {
    let i = u32::try_from(i).unwrap_or(u32::MAX) % (250 * 250);
    IpAddr::V4(Ipv4Addr::new(127, 1, (i / 250) as u8, (i % 250 + 1) as u8))
}

async fn create_meeting(
    server: SocketAddr,
    source: IpAddr,
    cap: usize,
) -> Result<String, BenchError> {
    let body = format!(r#"{{"lobby":false,"max_participants":{}}}"#, cap.max(2));
    let mut stream = load::connect_from(source, server)
        .await
        .map_err(|e| BenchError::Server(format!("connecting: {e}")))?;
    let request = format!(
        "POST /api/meetings HTTP/1.1\r\nHost: {server}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| BenchError::Server(e.to_string()))?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .await
        .map_err(|e| BenchError::Server(e.to_string()))?;
    let text = String::from_utf8_lossy(&response);
    let json = text
        .find('{')
        .and_then(|i| serde_json::from_str::<serde_json::Value>(&text[i..]).ok());
    json.as_ref()
        .and_then(|j| j["id"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            BenchError::Server(format!(
                "creating a meeting: {}",
                text.lines().next().unwrap_or("")
            ))
        })
}

/// The server's own counters, from its `/metrics` (loopback only, which the
/// harness is): datagrams it sent and dropped, and its forwarding delays.
async fn scrape(server: SocketAddr) -> load::Counters {
    let mut stream = tokio::net::TcpStream::connect(server).await.ok()?;
    let request = format!("GET /metrics HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.ok()?;
    let text = String::from_utf8_lossy(&response);
    let value = |name: &str| {
        text.lines().find_map(|l| {
            l.strip_prefix(name)?
                .strip_prefix(' ')?
                .trim()
                .parse::<f64>()
                .ok()
        })
    };
    Some(load::ServerCounters {
        sent: value("conclave_media_sent_packets_total")?,
        dropped: value("conclave_media_dropped_packets_total")?,
        delay_buckets: delay_buckets(&text),
    })
}

/// The forwarding-delay histogram's buckets in a `/metrics` text, in the
/// order written (ascending, `+Inf` last).
fn delay_buckets(text: &str) -> Vec<(f64, f64)> {
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("conclave_media_forward_delay_seconds_bucket{le=\"")?;
            let (bound, count) = rest.split_once("\"} ")?;
            let bound = match bound {
                "+Inf" => f64::INFINITY,
                b => b.parse().ok()?,
            };
            Some((bound, count.trim().parse().ok()?))
        })
        .collect()
}

async fn participant(
    server: SocketAddr,
    meeting: String,
    source: IpAddr,
    sends: Sends,
    epoch: Instant,
    shared: Arc<Shared>,
    stop: watch::Receiver<bool>,
) -> Result<SimStats, BenchError> {
    let io = |e: std::io::Error| BenchError::Io(e.to_string());
    let sockets = load::media_sockets(IpAddr::V4(Ipv4Addr::LOCALHOST)).await?;
    let (publish_addr, subscribe_addr) = (
        sockets.0.local_addr().map_err(io)?,
        sockets.1.local_addr().map_err(io)?,
    );
    let stream = load::connect_from(source, server).await.map_err(io)?;
    let (ws, _) = tokio_tungstenite::client_async(format!("ws://{server}/ws/{meeting}"), stream)
        .await
        .map_err(|e| BenchError::Server(format!("signaling: {e}")))?;
    let sim = SimParticipant::new(sends, publish_addr, subscribe_addr, epoch, Instant::now());
    load::drive(ws, sockets, sim, PING_INTERVAL, shared, stop).await
}

/// Runs `scenario` for `seconds` of measured time against the server
/// binary `bin`.
pub fn run(
    bin: &Path,
    scenario: &Scenario,
    seconds: u64,
    progress: &dyn Progress,
) -> Result<Figures, BenchError> {
    let data = tempfile::tempdir().map_err(|e| BenchError::Io(e.to_string()))?;
    let total = scenario.participants();
    let server = start_server(bin, data.path(), total)?;
    let pid = server.child.id();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| BenchError::Io(e.to_string()))?;
    runtime.block_on(async {
        // The server settles (its store, its first allocations) before the
        // baseline for memory per subscriber is taken.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let rss_before = process::memory_kib(pid).unwrap_or(0);
        let epoch = Instant::now();
        let shared = Arc::new(Shared::default());
        let (stop_tx, stop_rx) = watch::channel(false);
        let mut tasks = Vec::new();
        let mut person = 0usize;
        let spacing = Duration::from_secs(1) / JOINS_PER_SECOND;
        for (m, members) in scenario.meetings.iter().enumerate() {
            let id = create_meeting(server.addr, source_ip(60_000 + m), members.len()).await?;
            for &sends in members {
                tasks.push(tokio::spawn(participant(
                    server.addr,
                    id.clone(),
                    source_ip(person),
                    sends,
                    epoch,
                    Arc::clone(&shared),
                    stop_rx.clone(),
                )));
                person += 1;
                tokio::time::sleep(spacing).await;
            }
        }
        let window = load::Window {
            label: scenario.name.as_str(),
            pid,
            rss_before_kib: rss_before,
            expected_subscribers: scenario.subscribers(),
            seconds,
        };
        load::measure(
            window,
            &shared,
            stop_tx,
            tasks,
            || scrape(server.addr),
            progress,
        )
        .await
    })
}
