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
use prometheus_client::registry::Registry;

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
}
