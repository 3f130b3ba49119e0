//! `GET /metrics` in the OpenMetrics text format (prometheus-client): what
//! the media task received, sent and dropped, how busy it was, and how many
//! people and meetings are live. Counts only, never ids or names; still,
//! how many meetings run when is metadata, so only loopback clients get an
//! answer (scrape through a local agent or a reverse proxy on the host).

use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// The forwarding delay's smallest bucket, 50 µs: about the least a
/// wake-up takes (a read, the SFU's work, a send), so finer buckets would
/// sit empty.
const DELAY_BUCKET_START_S: f64 = 0.000_05;
/// Each bucket 25% wider than the last: a percentile read from them (with
/// Prometheus's linear interpolation inside a bucket) is off by well under
/// 25%, for 45 series per scrape. Finer buckets cost series; coarser ones
/// blur the difference between, say, 3 and 5 ms.
const DELAY_BUCKET_FACTOR: f64 = 1.25;
/// 50 µs × 1.25^44 ≈ 0.9 s: the top bucket is a packet held nearly a
/// second, far past the point where the delay matters more than its order.
const DELAY_BUCKETS: u16 = 45;

pub struct Metrics {
    registry: Registry,
    pub received_packets: Counter,
    pub sent_packets: Counter,
    pub sent_bytes: Counter,
    /// Sends the kernel refused (a full socket buffer): dropped packets.
    pub dropped_packets: Counter,
    /// Time the media task spent working rather than waiting: its load.
    pub media_busy_seconds: Counter<f64, AtomicU64>,
    /// The same per media core (label `core`): how evenly meetings spread.
    core_busy_seconds: Family<Vec<(String, String)>, Counter<f64, AtomicU64>>,
    /// Per media packet received: seconds from its arrival in the server's
    /// socket to the end of the send of the wake-up that handled it.
    pub forward_delay_seconds: Histogram,
    pub participants: Gauge,
    pub meetings: Gauge,
    /// WebRTC connections: one per participant, two for those who publish.
    pub peers: Gauge,
}

impl Metrics {
    pub fn new() -> Arc<Self> {
        let mut registry = Registry::with_prefix("conclave");
        let m = Self {
            registry: Registry::default(),
            received_packets: Counter::default(),
            sent_packets: Counter::default(),
            sent_bytes: Counter::default(),
            dropped_packets: Counter::default(),
            media_busy_seconds: Counter::default(),
            core_busy_seconds: Family::default(),
            forward_delay_seconds: Histogram::new(exponential_buckets(
                DELAY_BUCKET_START_S,
                DELAY_BUCKET_FACTOR,
                DELAY_BUCKETS,
            )),
            participants: Gauge::default(),
            meetings: Gauge::default(),
            peers: Gauge::default(),
        };
        registry.register(
            "media_received_packets",
            "UDP datagrams the media task received",
            m.received_packets.clone(),
        );
        registry.register(
            "media_sent_packets",
            "UDP datagrams the media task sent (forwarded media, RTCP, ICE, DTLS)",
            m.sent_packets.clone(),
        );
        registry.register(
            "media_sent_bytes",
            "Bytes of the datagrams the media task sent",
            m.sent_bytes.clone(),
        );
        registry.register(
            "media_dropped_packets",
            "Datagrams dropped because the socket's send buffer was full",
            m.dropped_packets.clone(),
        );
        registry.register(
            "media_busy_seconds",
            "Seconds the media tasks spent working, summed over media cores",
            m.media_busy_seconds.clone(),
        );
        registry.register(
            "media_core_busy_seconds",
            "Seconds each media core's task spent working (label core)",
            m.core_busy_seconds.clone(),
        );
        registry.register(
            "media_forward_delay_seconds",
            "Seconds from a media packet's arrival in the server's socket (the kernel's stamp) \
             to the end of the send of the wake-up that handled it: the delay the server adds \
             to what it forwards, its queue included (a packet a receiver's pacer holds back \
             for a slow link waits longer)",
            m.forward_delay_seconds.clone(),
        );
        registry.register(
            "participants",
            "Participants in live meetings (people waiting in lobbies not counted)",
            m.participants.clone(),
        );
        registry.register("meetings", "Live meetings", m.meetings.clone());
        registry.register(
            "peers",
            "WebRTC connections held (a participant's receiving one, and a publishing one once it publishes)",
            m.peers.clone(),
        );
        Arc::new(Self { registry, ..m })
    }

    /// Core `core`'s busy counter, to be kept by its task (looking it up
    /// per wake-up would allocate the label).
    pub fn core_busy(&self, core: usize) -> Counter<f64, AtomicU64> {
        self.core_busy_seconds
            .get_or_create(&vec![("core".to_owned(), core.to_string())])
            .clone()
    }

    pub fn add_busy(&self, busy: Duration) {
        self.media_busy_seconds.inc_by(busy.as_secs_f64());
    }

    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_show_in_the_text_format() {
        let m = Metrics::new();
        m.sent_packets.inc_by(3);
        m.participants.set(2);
        m.peers.set(3);
        m.add_busy(Duration::from_millis(500));
        m.core_busy(1).inc_by(0.25);
        let text = m.encode();
        assert!(
            text.contains("conclave_media_sent_packets_total 3"),
            "{text}"
        );
        assert!(text.contains("conclave_participants 2"), "{text}");
        assert!(text.contains("conclave_peers 3"), "{text}");
        assert!(
            text.contains("conclave_media_busy_seconds_total 0.5"),
            "{text}"
        );
        assert!(
            text.contains("conclave_media_core_busy_seconds_total{core=\"1\"} 0.25"),
            "{text}"
        );
        assert!(text.ends_with("# EOF\n"), "{text}");
    }

    #[test]
    fn forwarding_delays_fall_in_buckets_fine_enough_for_milliseconds() {
        let m = Metrics::new();
        m.forward_delay_seconds.observe(0.0003);
        m.forward_delay_seconds.observe(0.004);
        let text = m.encode();
        assert!(
            text.contains("conclave_media_forward_delay_seconds_count 2"),
            "{text}"
        );
        let bounds: Vec<f64> = text
            .lines()
            .filter_map(|l| l.strip_prefix("conclave_media_forward_delay_seconds_bucket{le=\""))
            .filter_map(|l| l.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(bounds.len(), usize::from(DELAY_BUCKETS) + 1, "and +Inf");
        assert_eq!(bounds.last(), Some(&f64::INFINITY));
        // Between 1 and 10 ms, where the goal (5 ms) sits, a bucket is at
        // most a quarter wider than the one below it.
        let in_range: Vec<&f64> = bounds
            .iter()
            .filter(|b| (0.001..0.01).contains(*b))
            .collect();
        assert!(in_range.len() >= 10, "{bounds:?}");
        // Each observation is counted in every bucket at or above it.
        let count_at = |le: f64| {
            text.lines()
                .find_map(|l| {
                    let rest =
                        l.strip_prefix("conclave_media_forward_delay_seconds_bucket{le=\"")?;
                    let (bound, count) = rest.split_once("\"} ")?;
                    (bound.parse::<f64>().ok()? >= le).then(|| count.trim().parse::<u64>().ok())?
                })
                .unwrap_or(u64::MAX)
        };
        assert_eq!(count_at(0.0003), 1);
        assert_eq!(count_at(0.004), 2);
    }
}
