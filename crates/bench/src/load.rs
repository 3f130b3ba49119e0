//! What a run against any server shares: each simulated participant as a
//! task on the load generator's one thread (its two media sockets and its
//! signaling socket), and the measured window, read from the server's own
//! `/proc`. Conclave ([`crate::conclave`]) and Janus ([`crate::janus`])
//! differ only in their signaling, a [`Signaling`] each.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;

use crate::sim::{SimMedia, SimStats};
use crate::{BenchError, Figures, Measurements, Progress, process};

/// Time for everyone's media to flow (ICE, DTLS, first key frames) before
/// the measured window opens.
pub const WARM_UP: Duration = Duration::from_secs(3);

/// One server's signaling for one simulated participant, sans-IO: text
/// messages in and out over its WebSocket, media through [`SimMedia`].
pub trait Signaling {
    fn media(&mut self) -> &mut SimMedia;
    fn poll_message(&mut self) -> Option<String>;
    fn handle_message(&mut self, text: &str, now: Instant);
    /// What to send every keep-alive interval, if anything.
    fn keepalive(&mut self) -> Option<String>;
    /// The goodbye sent when the run ends.
    fn leave(&mut self) -> Option<String>;
}

/// What every participant task adds to while it runs.
#[derive(Default)]
pub struct Shared {
    pub rtp_received: AtomicU64,
    pub joined: AtomicUsize,
    pub measuring: AtomicBool,
}

pub type Participant = JoinHandle<Result<SimStats, BenchError>>;

/// The publishing and the subscribing socket of one participant, on `ip`.
pub async fn media_sockets(ip: std::net::IpAddr) -> Result<(UdpSocket, UdpSocket), BenchError> {
    let io = |e: std::io::Error| BenchError::Io(e.to_string());
    let publish = UdpSocket::bind((ip, 0)).await.map_err(io)?;
    let subscribe = UdpSocket::bind((ip, 0)).await.map_err(io)?;
    // The kernel stamps what the subscriber receives: a delay measured to
    // the stamp leaves out the time this one-threaded load generator was
    // busy with other participants while the datagram waited.
    crate::stamps::enable(&subscribe).map_err(io)?;
    Ok((publish, subscribe))
}

/// One datagram from `socket` (non-blocking), with the instant it arrived
/// (see [`crate::stamps`]).
fn recv_stamped(
    socket: &UdpSocket,
    buf: &mut [u8],
) -> std::io::Result<(usize, SocketAddr, Instant)> {
    use nix::sys::socket::{MsgFlags, SockaddrStorage, recvmsg};
    use std::os::fd::AsRawFd as _;
    let mut cmsg = [0u8; crate::stamps::CMSG_SPACE];
    let mut iov = [std::io::IoSliceMut::new(buf)];
    let msg = recvmsg::<SockaddrStorage>(
        socket.as_raw_fd(),
        &mut iov,
        Some(&mut cmsg),
        MsgFlags::empty(),
    )
    .map_err(std::io::Error::from)?;
    let from = msg
        .address
        .and_then(|a| {
            a.as_sockaddr_in()
                .map(|v4| SocketAddr::from(*v4))
                .or_else(|| a.as_sockaddr_in6().map(|v6| SocketAddr::from(*v6)))
        })
        .ok_or_else(|| std::io::Error::other("a datagram without a sender's address"))?;
    let stamp = msg.cmsgs().ok().and_then(crate::stamps::stamp_of);
    let arrived = crate::stamps::arrival(stamp, Instant::now(), std::time::SystemTime::now());
    Ok((msg.bytes, from, arrived))
}

/// Runs one participant until `stop`: signaling, media, keep-alives.
pub async fn drive<S: Signaling>(
    mut ws: WebSocketStream<TcpStream>,
    (publish, subscribe): (UdpSocket, UdpSocket),
    mut client: S,
    keepalive: Duration,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) -> Result<SimStats, BenchError> {
    let io = |e: std::io::Error| BenchError::Io(e.to_string());
    let (publish_addr, subscribe_addr) = (
        publish.local_addr().map_err(io)?,
        subscribe.local_addr().map_err(io)?,
    );
    let mut ping = tokio::time::interval(keepalive);
    let (mut publish_buf, mut subscribe_buf) = (vec![0u8; 2048], vec![0u8; 2048]);
    let mut counted = 0u64;
    let mut joined = false;
    loop {
        while let Some(m) = client.poll_message() {
            ws.send(Message::Text(m.into()))
                .await
                .map_err(|e| BenchError::Server(format!("signaling: {e}")))?;
        }
        let sim = client.media();
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
                Some(Ok(Message::Text(text))) => client.handle_message(text.as_str(), Instant::now()),
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            r = publish.recv_from(&mut publish_buf) => if let Ok((n, from)) = r {
                let now = Instant::now();
                sim.handle_datagram(now, now, from, publish_addr, &publish_buf[..n]);
            },
            r = subscribe.readable() => if r.is_ok() {
                let read = subscribe.try_io(tokio::io::Interest::READABLE, || {
                    recv_stamped(&subscribe, &mut subscribe_buf)
                });
                if let Ok((n, from, arrived)) = read {
                    sim.handle_datagram(Instant::now(), arrived, from, subscribe_addr, &subscribe_buf[..n]);
                }
            },
            () = tokio::time::sleep_until(deadline) => sim.handle_timeout(Instant::now()),
            _ = ping.tick() => if let Some(m) = client.keepalive() {
                let _ = ws.send(Message::Text(m.into())).await;
            }
        }
    }
    if let Some(m) = client.leave() {
        let _ = ws.send(Message::Text(m.into())).await;
    }
    Ok(client.media().stats().clone())
}

/// The server's own counters, where it has them (Conclave's `/metrics`):
/// datagrams sent and dropped so far, and its forwarding-delay histogram.
pub type Counters = Option<ServerCounters>;

/// What a server's `/metrics` said at one moment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerCounters {
    pub sent: f64,
    pub dropped: f64,
    /// The forwarding-delay histogram: (upper bound in seconds, packets
    /// at or under it), cumulative and in order, `+Inf` last.
    pub delay_buckets: Vec<(f64, f64)>,
}

/// The `q` quantile (0..=1) of the observations a histogram gained between
/// two scrapes, as Prometheus's `histogram_quantile` reads it: linear
/// within the bucket it falls in. `None` without observations or when the
/// two scrapes' buckets differ.
pub fn window_quantile(before: &[(f64, f64)], after: &[(f64, f64)], q: f64) -> Option<f64> {
    if before.len() != after.len() || before.iter().zip(after).any(|(a, b)| a.0 != b.0) {
        return None;
    }
    let counts: Vec<(f64, f64)> = before
        .iter()
        .zip(after)
        .map(|(a, b)| (b.0, (b.1 - a.1).max(0.0)))
        .collect();
    let total = counts.last()?.1;
    if total <= 0.0 {
        return None;
    }
    let rank = q.clamp(0.0, 1.0) * total;
    let (mut lower, mut below) = (0.0, 0.0);
    for &(upper, count) in &counts {
        if count >= rank {
            if upper.is_infinite() {
                // Past the top bucket: all that is known is its bound.
                return Some(lower);
            }
            let share = if count > below {
                (rank - below) / (count - below)
            } else {
                1.0
            };
            return Some(lower + (upper - lower) * share);
        }
        (lower, below) = (upper, count);
    }
    Some(lower)
}

/// One measured window over a running load.
pub struct Window<'a> {
    /// What the progress line calls the run ("big-meeting", "big-meeting,
    /// janus").
    pub label: &'a str,
    /// The server process under test.
    pub pid: u32,
    /// Its memory (see [`process::memory_kib`]) before anyone joined.
    pub rss_before_kib: u64,
    pub expected_subscribers: usize,
    pub seconds: u64,
}

/// Warms up, measures for `window.seconds`, stops every participant and
/// turns what they and `/proc` saw into figures. `counters` reads the
/// server's own counters at both ends of the window.
pub async fn measure<F, Fut>(
    window: Window<'_>,
    shared: &Shared,
    stop: watch::Sender<bool>,
    tasks: Vec<Participant>,
    counters: F,
    progress: &dyn Progress,
) -> Result<Figures, BenchError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Counters>,
{
    let Window {
        label,
        pid,
        rss_before_kib,
        expected_subscribers: expected,
        seconds,
    } = window;
    let warm_until = Instant::now() + WARM_UP;
    while Instant::now() < warm_until {
        tokio::time::sleep(Duration::from_millis(250)).await;
        progress.update(&format!(
            "{label}: warming up, {}/{expected} receiving",
            shared.joined.load(Ordering::Relaxed)
        ));
    }
    let window_start = Instant::now();
    shared.measuring.store(true, Ordering::Relaxed);
    let cpu_start = process::cpu_time(pid, None).unwrap_or_default();
    let rtp_start = shared.rtp_received.load(Ordering::Relaxed);
    let counters_start = counters().await;
    let mut last = (window_start, rtp_start, cpu_start);
    let mut peak_rss = 0u64;
    while window_start.elapsed() < Duration::from_secs(seconds) {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = Instant::now();
        let rtp = shared.rtp_received.load(Ordering::Relaxed);
        let cpu = process::cpu_time(pid, None).unwrap_or_default();
        peak_rss = peak_rss.max(process::memory_kib(pid).unwrap_or(0));
        let dt = now.duration_since(last.0).as_secs_f64();
        progress.update(&format!(
            "{label}: {:>3} s  {}/{expected} receiving  {:>8.0} packets/s forwarded  server CPU {:>3.0}%",
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
    let counters_end = counters().await;
    let _ = stop.send(true);
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
    let mut delays: Vec<u32> = stats
        .iter()
        .flat_map(|s| s.delays_us.iter().copied())
        .collect();
    let mut joins: Vec<Duration> = stats.iter().filter_map(|s| s.join_to_first_frame).collect();
    let errors: Vec<String> = stats
        .iter()
        .flat_map(|s| s.errors.iter().cloned())
        .take(5)
        .collect();
    let mut figures = Figures::from_measurements(Measurements {
        wall_s: wall,
        packets,
        cpu_s: cpu,
        memory_kib: peak_rss.saturating_sub(rss_before_kib),
        subscribers: receiving,
        expected_subscribers: expected,
        delays_us: &mut delays,
        joins: &mut joins,
        errors,
    });
    if let (Some(a), Some(b)) = (counters_start, counters_end) {
        figures.server_sent_pps = Some((b.sent - a.sent) / wall);
        figures.dropped_packets = Some((b.dropped - a.dropped) as u64);
        let ms = |q| window_quantile(&a.delay_buckets, &b.delay_buckets, q).map(|s| s * 1000.0);
        figures.server_p50_ms = ms(0.5);
        figures.server_p99_ms = ms(0.99);
    }
    Ok(figures)
}

/// A signaling socket to `server` from `source`.
pub async fn connect_from(
    source: std::net::IpAddr,
    server: SocketAddr,
) -> std::io::Result<TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source, 0))?;
    socket.connect(server).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_quantile_is_read_from_what_its_buckets_gained() {
        let before = [
            (0.001, 10.0),
            (0.002, 10.0),
            (0.004, 10.0),
            (f64::INFINITY, 10.0),
        ];
        // 100 new packets: 50 under 1 ms, 40 in (1, 2] ms, 10 in (2, 4] ms.
        let after = [
            (0.001, 60.0),
            (0.002, 100.0),
            (0.004, 110.0),
            (f64::INFINITY, 110.0),
        ];
        let p50 = window_quantile(&before, &after, 0.5).unwrap();
        assert!((p50 - 0.001).abs() < 1e-9, "{p50}");
        let p70 = window_quantile(&before, &after, 0.7).unwrap();
        assert!((p70 - 0.0015).abs() < 1e-9, "{p70}");
        let p99 = window_quantile(&before, &after, 0.99).unwrap();
        assert!((p99 - 0.0038).abs() < 1e-9, "{p99}");
        // Past the top bucket, only its bound is known.
        let beyond = [
            (0.001, 60.0),
            (0.002, 100.0),
            (0.004, 110.0),
            (f64::INFINITY, 120.0),
        ];
        assert_eq!(window_quantile(&before, &beyond, 0.99), Some(0.004));
        // Nothing observed in the window, or buckets that changed: no figure.
        assert_eq!(window_quantile(&before, &before, 0.5), None);
        assert_eq!(window_quantile(&before, &after[..3], 0.5), None);
    }

    /// A datagram that waited in the subscriber's socket is dated to its
    /// arrival, not to when the load generator got round to it.
    #[tokio::test]
    async fn a_datagram_that_waited_is_dated_to_its_arrival() {
        let ip = std::net::IpAddr::from([127, 0, 0, 1]);
        let (publish, subscribe) = media_sockets(ip).await.unwrap();
        let to = subscribe.local_addr().unwrap();
        let waited = Duration::from_millis(50);
        let mut buf = [0u8; 64];
        // Linux turns arrival stamping on a moment after the first socket
        // asks (a deferred static key); until then it dates a datagram when
        // it is read. So send until one comes back dated by the kernel.
        let mut age = Duration::ZERO;
        for _ in 0..40 {
            publish.send_to(b"frame", to).await.unwrap();
            tokio::time::sleep(waited).await;
            subscribe.readable().await.unwrap();
            let (n, from, arrived) = subscribe
                .try_io(tokio::io::Interest::READABLE, || {
                    recv_stamped(&subscribe, &mut buf)
                })
                .unwrap();
            assert_eq!(&buf[..n], b"frame");
            assert_eq!(from, publish.local_addr().unwrap());
            age = arrived.elapsed();
            // At least the sleep (less a little for the two clocks'
            // readings), however busy the machine.
            if age >= waited - Duration::from_millis(5) {
                return;
            }
        }
        panic!("datagrams dated when read, not on arrival: {age:?} ago");
    }
}
