//! The machine's ceiling, measured in the same run: a bare UDP relay that
//! receives the scenario's packets (same sizes, same rates) and re-sends
//! each to the receivers of its meeting, one simulcast layer per receiver
//! as an SFU does, with no SRTP, no RTCP and no negotiation. Conclave's
//! packets per core-second over the relay's say what share of the kernel's
//! speed the SFU keeps.

use std::net::UdpSocket;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::scenario::Scenario;
use crate::sim::LAYERS;
use crate::{BenchError, Figures, Measurements, Progress, process};

/// What each packet carries in front: meeting, sender within it, and the
/// stream (0 audio, 1.. the video layers lowest first).
const HEADER: usize = 5;
/// The layer forwarded to every receiver: the middle one, what an SFU
/// sends a tile of ordinary size.
const FORWARDED_LAYER: u8 = 2;
/// RTP packets are at most this long, as str0m packetizes.
const MTU_PAYLOAD: usize = 1100;

fn io(e: std::io::Error) -> BenchError {
    BenchError::Io(e.to_string())
}

/// Packets of one frame of `bytes`, as a packetizer splits it.
fn packet_sizes(bytes: usize) -> Vec<usize> {
    let n = bytes.div_ceil(MTU_PAYLOAD).max(1);
    (0..n).map(|_| bytes / n + 12).collect()
}

pub fn run(
    scenario: &Scenario,
    seconds: u64,
    progress: &dyn Progress,
) -> Result<Figures, BenchError> {
    let relay = UdpSocket::bind("127.0.0.1:0").map_err(io)?;
    let relay_addr = relay.local_addr().map_err(io)?;
    let sink = UdpSocket::bind("127.0.0.1:0").map_err(io)?;
    let sink_addr = sink.local_addr().map_err(io)?;
    for s in [&relay, &sink] {
        s.set_read_timeout(Some(Duration::from_millis(100)))
            .map_err(io)?;
    }
    let running = Arc::new(AtomicBool::new(true));
    let received = Arc::new(AtomicU64::new(0));
    let relay_tid = Arc::new(AtomicU64::new(0));

    // Receivers per (meeting, sender): everyone else in the meeting. All
    // share one sink socket: the cost measured is the relay's send, which
    // does not depend on where it goes.
    let fanout: Vec<usize> = scenario.meetings.iter().map(Vec::len).collect();
    let relay_thread = {
        let running = Arc::clone(&running);
        let relay_tid = Arc::clone(&relay_tid);
        std::thread::spawn(move || {
            relay_tid.store(u64::from(process::thread_id()), Ordering::Relaxed);
            let mut buf = [0u8; 2048];
            while running.load(Ordering::Relaxed) {
                let Ok((n, _)) = relay.recv_from(&mut buf) else {
                    continue;
                };
                if n < HEADER {
                    continue;
                }
                let meeting = usize::from(u16::from_be_bytes([buf[0], buf[1]]));
                let stream = buf[4];
                if stream != 0 && stream != FORWARDED_LAYER {
                    continue;
                }
                let members = fanout.get(meeting).copied().unwrap_or(0);
                for _ in 1..members {
                    let _ = relay.send_to(&buf[..n], sink_addr);
                }
            }
        })
    };
    let sink_thread = {
        let running = Arc::clone(&running);
        let received = Arc::clone(&received);
        std::thread::spawn(move || {
            let mut buf = [0u8; 2048];
            while running.load(Ordering::Relaxed) {
                if sink.recv_from(&mut buf).is_ok() {
                    received.fetch_add(1, Ordering::Relaxed);
                }
            }
        })
    };

    // The senders: every frame of every sending participant, on time.
    let sender = UdpSocket::bind("127.0.0.1:0").map_err(io)?;
    let mut streams: Vec<(Vec<u8>, Duration, Vec<usize>)> = Vec::new();
    for (m, members) in scenario.meetings.iter().enumerate() {
        for (p, sends) in members.iter().enumerate() {
            let head = |stream: u8| {
                let mut h = Vec::with_capacity(HEADER);
                h.extend_from_slice(&u16::try_from(m).unwrap_or(u16::MAX).to_be_bytes());
                h.extend_from_slice(&u16::try_from(p).unwrap_or(u16::MAX).to_be_bytes());
                h.push(stream);
                h
            };
            if sends.audio {
                streams.push((head(0), Duration::from_millis(20), packet_sizes(100)));
            }
            if sends.video {
                for (i, (_, bytes, _)) in LAYERS.iter().enumerate() {
                    let layer = u8::try_from(i + 1).unwrap_or(u8::MAX);
                    streams.push((
                        head(layer),
                        Duration::from_micros(33_333),
                        packet_sizes(*bytes),
                    ));
                }
            }
        }
    }
    let start = Instant::now();
    let mut due: Vec<Instant> = vec![start; streams.len()];
    let mut payload = vec![0x5a_u8; 2048];
    let warm_until = start + Duration::from_secs(1);
    let mut window: Option<(Instant, u64, Duration)> = None;
    let end = warm_until + Duration::from_secs(seconds);
    let mut next_progress = start;
    while Instant::now() < end {
        let now = Instant::now();
        if window.is_none() && now >= warm_until {
            let tid = u32::try_from(relay_tid.load(Ordering::Relaxed)).unwrap_or(0);
            let cpu = process::cpu_time(std::process::id(), Some(tid)).unwrap_or_default();
            window = Some((now, received.load(Ordering::Relaxed), cpu));
        }
        if now >= next_progress {
            progress.update(&format!(
                "{}: bare relay, {:>3} s",
                scenario.name.as_str(),
                now.duration_since(start).as_secs()
            ));
            next_progress = now + Duration::from_secs(1);
        }
        for (i, (head, period, sizes)) in streams.iter().enumerate() {
            while due[i] <= now {
                due[i] += *period;
                for &size in sizes {
                    payload[..HEADER].copy_from_slice(head);
                    let _ = sender.send_to(&payload[..size.max(HEADER)], relay_addr);
                }
            }
        }
        let next = due
            .iter()
            .copied()
            .min()
            .unwrap_or(now + Duration::from_millis(1));
        if let Some(wait) = next.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    }
    let (window_start, received_start, cpu_start) =
        window.ok_or_else(|| BenchError::Io("the relay never warmed up".into()))?;
    let tid = u32::try_from(relay_tid.load(Ordering::Relaxed)).unwrap_or(0);
    let cpu = process::cpu_time(std::process::id(), Some(tid))
        .unwrap_or_default()
        .saturating_sub(cpu_start);
    let wall = window_start.elapsed().as_secs_f64();
    let packets = received.load(Ordering::Relaxed) - received_start;
    running.store(false, Ordering::Relaxed);
    let _ = relay_thread.join();
    let _ = sink_thread.join();
    progress.done();
    Ok(Figures::from_measurements(Measurements {
        wall_s: wall,
        packets,
        cpu_s: cpu.as_secs_f64(),
        memory_kib: 0,
        subscribers: scenario.subscribers(),
        expected_subscribers: scenario.subscribers(),
        delays_us: &mut Vec::new(),
        joins: &mut Vec::new(),
        errors: Vec::new(),
    })
    .without_memory())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_split_like_a_packetizer() {
        assert_eq!(packet_sizes(100), [112]);
        assert_eq!(packet_sizes(2500).len(), 3);
        assert!(packet_sizes(2500).iter().all(|&s| s <= MTU_PAYLOAD + 12));
    }
}
