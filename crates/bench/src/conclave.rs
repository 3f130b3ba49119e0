//! Runs a scenario against a real `conclave serve`: starts it, creates the
//! meetings through its API, connects the simulated participants (a task
//! each, on the load generator's one thread), and measures the server from
//! outside: its CPU time and memory from `/proc`, packets as they arrive at
//! the subscribers.

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use conclave_signaling::{ClientMessage, decode_server, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, UdpSocket};
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

use crate::process;
use crate::scenario::Scenario;
use crate::sim::{Sends, SimParticipant, SimStats};
use crate::{BenchError, Figures, Progress};

/// The server drops a socket it has not heard from for a while; the web
/// client pings at the same cadence.
const PING_INTERVAL: Duration = Duration::from_secs(5);
/// Joins spread over time as people arrive, not all in one instant: a join
/// storm measures the signaling path, not forwarding.
const JOINS_PER_SECOND: u32 = 200;
/// Time for everyone's media to flow (ICE, DTLS, first key frames) before
/// the measured window opens.
const WARM_UP: Duration = Duration::from_secs(3);

/// The server under test, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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
    Ok(Server { child, addr })
}

/// A distinct loopback source address per simulated person, so per-address
/// limits (lookups, connections) meet a crowd, as they would in reality.
fn source_ip(i: usize) -> IpAddr {
    let i = u32::try_from(i).unwrap_or(u32::MAX) % (250 * 250);
    IpAddr::V4(Ipv4Addr::new(127, 1, (i / 250) as u8, (i % 250 + 1) as u8))
}

async fn connect_from(
    source: IpAddr,
    server: SocketAddr,
) -> std::io::Result<tokio::net::TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source, 0))?;
    socket.connect(server).await
}

async fn create_meeting(
    server: SocketAddr,
    source: IpAddr,
    cap: usize,
) -> Result<String, BenchError> {
    let body = format!(r#"{{"lobby":false,"max_participants":{}}}"#, cap.max(2));
    let mut stream = connect_from(source, server)
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
/// harness is): datagrams it sent and dropped.
async fn scrape(server: SocketAddr) -> Option<(f64, f64)> {
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
    Some((
        value("conclave_media_sent_packets_total")?,
        value("conclave_media_dropped_packets_total")?,
    ))
}

/// What every participant task adds to while it runs.
#[derive(Default)]
struct Shared {
    rtp_received: AtomicU64,
    joined: AtomicUsize,
    measuring: std::sync::atomic::AtomicBool,
}

async fn participant(
    server: SocketAddr,
    meeting: String,
    source: IpAddr,
    sends: Sends,
    epoch: Instant,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) -> Result<SimStats, BenchError> {
    let io = |e: std::io::Error| BenchError::Io(e.to_string());
    let publish = UdpSocket::bind("127.0.0.1:0").await.map_err(io)?;
    let subscribe = UdpSocket::bind("127.0.0.1:0").await.map_err(io)?;
    let (publish_addr, subscribe_addr) = (
        publish.local_addr().map_err(io)?,
        subscribe.local_addr().map_err(io)?,
    );
    let stream = connect_from(source, server).await.map_err(io)?;
    let (mut ws, _) =
        tokio_tungstenite::client_async(format!("ws://{server}/ws/{meeting}"), stream)
            .await
            .map_err(|e| BenchError::Server(format!("signaling: {e}")))?;
    let mut sim = SimParticipant::new(sends, publish_addr, subscribe_addr, epoch, Instant::now());
    let mut ping = tokio::time::interval(PING_INTERVAL);
    let (mut publish_buf, mut subscribe_buf) = (vec![0u8; 2048], vec![0u8; 2048]);
    let mut counted = 0u64;
    let mut joined = false;
    loop {
        while let Some(m) = sim.poll_signaling() {
            ws.send(Message::Text(encode(&m).into()))
                .await
                .map_err(|e| BenchError::Server(format!("signaling: {e}")))?;
        }
        while let Some(t) = sim.poll_transmit() {
            let socket = if t.source == publish_addr {
                &publish
            } else {
                &subscribe
            };
            // A full socket buffer drops the packet, as a congested link would.
            let _ = socket.try_send_to(&t.contents, t.destination);
        }
        sim.set_measuring(shared.measuring.load(Ordering::Relaxed));
        let received = sim.stats().rtp_received;
        shared
            .rtp_received
            .fetch_add(received - counted, Ordering::Relaxed);
        counted = received;
        if !joined && sim.stats().frames_received > 0 {
            joined = true;
            shared.joined.fetch_add(1, Ordering::Relaxed);
        }
        let deadline = tokio::time::Instant::from_std(sim.poll_timeout());
        tokio::select! {
            _ = stop.changed() => break,
            message = ws.next() => match message {
                Some(Ok(Message::Text(text))) => {
                    if let Ok(m) = decode_server(text.as_str()) {
                        sim.handle_server(m, Instant::now());
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            r = publish.recv_from(&mut publish_buf) => if let Ok((n, from)) = r {
                sim.handle_datagram(Instant::now(), from, publish_addr, &publish_buf[..n]);
            },
            r = subscribe.recv_from(&mut subscribe_buf) => if let Ok((n, from)) = r {
                sim.handle_datagram(Instant::now(), from, subscribe_addr, &subscribe_buf[..n]);
            },
            () = tokio::time::sleep_until(deadline) => sim.handle_timeout(Instant::now()),
            _ = ping.tick() => {
                let _ = ws.send(Message::Text(encode(&ClientMessage::Ping).into())).await;
            }
        }
    }
    let _ = ws
        .send(Message::Text(encode(&ClientMessage::Leave).into()))
        .await;
    Ok(sim.stats().clone())
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
        let rss_before = process::rss_kib(pid).unwrap_or(0);
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
        let expected = scenario.subscribers();
        let warm_until = Instant::now() + WARM_UP;
        while Instant::now() < warm_until {
            tokio::time::sleep(Duration::from_millis(250)).await;
            progress.update(&format!(
                "{}: warming up, {}/{expected} receiving",
                scenario.name.as_str(),
                shared.joined.load(Ordering::Relaxed)
            ));
        }
        let window_start = Instant::now();
        shared.measuring.store(true, Ordering::Relaxed);
        let cpu_start = process::cpu_time(pid, None).unwrap_or_default();
        let rtp_start = shared.rtp_received.load(Ordering::Relaxed);
        let counters_start = scrape(server.addr).await;
        let mut last = (window_start, rtp_start, cpu_start);
        let mut peak_rss = 0u64;
        while window_start.elapsed() < Duration::from_secs(seconds) {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let now = Instant::now();
            let rtp = shared.rtp_received.load(Ordering::Relaxed);
            let cpu = process::cpu_time(pid, None).unwrap_or_default();
            peak_rss = peak_rss.max(process::rss_kib(pid).unwrap_or(0));
            let dt = now.duration_since(last.0).as_secs_f64();
            progress.update(&format!(
                "{}: {:>3} s  {}/{expected} receiving  {:>8.0} packets/s forwarded  server CPU {:>3.0}%",
                scenario.name.as_str(),
                window_start.elapsed().as_secs(),
                shared.joined.load(Ordering::Relaxed),
                (rtp - last.1) as f64 / dt,
                (cpu.saturating_sub(last.2)).as_secs_f64() / dt * 100.0,
            ));
            last = (now, rtp, cpu);
        }
        let wall = window_start.elapsed().as_secs_f64();
        let packets = shared.rtp_received.load(Ordering::Relaxed) - rtp_start;
        let cpu = process::cpu_time(pid, None)
            .unwrap_or_default()
            .saturating_sub(cpu_start)
            .as_secs_f64();
        let counters_end = scrape(server.addr).await;
        let _ = stop_tx.send(true);
        let mut stats = Vec::new();
        for t in tasks {
            match t.await {
                Ok(Ok(s)) => stats.push(s),
                Ok(Err(e)) => return Err(e),
                Err(e) => return Err(BenchError::Io(e.to_string())),
            }
        }
        progress.done();
        let receiving = shared.joined.load(Ordering::Relaxed);
        let mut delays: Vec<u32> = stats.iter().flat_map(|s| s.delays_us.iter().copied()).collect();
        let mut joins: Vec<Duration> = stats.iter().filter_map(|s| s.join_to_first_frame).collect();
        let errors: Vec<String> = stats.iter().flat_map(|s| s.errors.iter().cloned()).take(5).collect();
        let (server_sent_pps, dropped_packets) = match (counters_start, counters_end) {
            (Some(a), Some(b)) => (Some((b.0 - a.0) / wall), Some((b.1 - a.1) as u64)),
            _ => (None, None),
        };
        let mut figures = Figures::from_measurements(crate::Measurements {
            wall_s: wall,
            packets,
            cpu_s: cpu,
            memory_kib: peak_rss.saturating_sub(rss_before),
            subscribers: receiving,
            expected_subscribers: expected,
            delays_us: &mut delays,
            joins: &mut joins,
            errors,
        });
        figures.server_sent_pps = server_sent_pps;
        figures.dropped_packets = dropped_packets;
        Ok(figures)
    })
}
