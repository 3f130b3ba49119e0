//! `conclave bench`: Conclave's load harness. Simulated participants (see
//! [`sim`]) in one process load a real `conclave serve`, scenario by
//! scenario; the same participants load Janus's VideoRoom in the same run
//! ([`janus`]), and the same traffic goes through a bare UDP relay
//! ([`relay`]) for the machine's ceiling. Figures are the server's own
//! (CPU time and memory from `/proc`), so the load generator sharing the
//! machine does not distort them. See BENCHMARKS.md.

pub mod conclave;
pub mod janus;
pub mod load;
pub mod plot;
pub mod process;
pub mod relay;
pub mod scenario;
pub mod sim;
pub mod stamps;

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

pub use scenario::{Scenario, ScenarioName};

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("the server under test: {0}")]
    Server(String),
    #[error("{0}")]
    Io(String),
}

/// What a run reports as it goes (a line on a terminal, nothing in tests).
/// `Sync` because the Janus run reports from its own thread.
pub trait Progress: Sync {
    fn update(&self, line: &str);
    fn done(&self);
}

/// Rewrites one status line on standard error.
pub struct TerminalProgress;

impl Progress for TerminalProgress {
    fn update(&self, line: &str) {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }
    fn done(&self) {
        let _ = writeln!(std::io::stderr());
    }
}

pub struct Quiet;

impl Progress for Quiet {
    fn update(&self, _: &str) {}
    fn done(&self) {}
}

/// Raw measurements of one system under one scenario.
pub struct Measurements<'a> {
    pub wall_s: f64,
    /// RTP packets delivered to subscribers in the window.
    pub packets: u64,
    /// CPU seconds the forwarding process (or thread) used in the window.
    pub cpu_s: f64,
    /// Peak memory above the idle server.
    pub memory_kib: u64,
    pub subscribers: usize,
    pub expected_subscribers: usize,
    pub delays_us: &'a mut Vec<u32>,
    pub joins: &'a mut Vec<Duration>,
    pub errors: Vec<String>,
}

/// One system's figures for one scenario (the stable JSON of BENCHMARKS.md).
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// Packets forwarded per second (as delivered to subscribers).
    pub pps: f64,
    /// Packets per second per busy core: `pps` over the share of one core
    /// the forwarder used.
    pub pps_per_core: f64,
    /// Forwarder CPU seconds per million packets.
    pub cpu_s_per_mpkt: f64,
    /// Forwarder memory per receiving participant, KiB.
    pub kib_per_subscriber: Option<f64>,
    /// Sender-to-receiver delay of frames through the forwarder.
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    /// Median time from `welcome` to the first frame received.
    pub join_to_first_frame_ms: Option<f64>,
    /// Participants that received media, of those that should have.
    pub subscribers: usize,
    pub expected_subscribers: usize,
    /// The first few errors participants saw, if any.
    pub errors: Vec<String>,
    /// What the server's `/metrics` says it sent per second (media, RTCP,
    /// ICE) and dropped in the window; `None` for systems without it.
    pub server_sent_pps: Option<f64>,
    pub dropped_packets: Option<u64>,
    /// The delay the server itself adds, from its own `/metrics`: a media
    /// packet's arrival in its socket (the kernel's stamp) to the end of
    /// the send that forwarded it, over the window; `None` for systems
    /// without it.
    pub server_p50_ms: Option<f64>,
    pub server_p99_ms: Option<f64>,
}

fn percentile_ms(sorted: &[u32], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    Some(f64::from(sorted[i]) / 1000.0)
}

impl Figures {
    pub fn from_measurements(m: Measurements<'_>) -> Self {
        m.delays_us.sort_unstable();
        m.joins.sort_unstable();
        let pps = m.packets as f64 / m.wall_s.max(1e-9);
        let cores = m.cpu_s / m.wall_s.max(1e-9);
        Figures {
            pps,
            pps_per_core: if cores > 0.0 { pps / cores } else { 0.0 },
            cpu_s_per_mpkt: if m.packets > 0 {
                m.cpu_s / (m.packets as f64 / 1e6)
            } else {
                0.0
            },
            kib_per_subscriber: (m.subscribers > 0)
                .then(|| m.memory_kib as f64 / m.subscribers as f64),
            p50_ms: percentile_ms(m.delays_us, 0.5),
            p99_ms: percentile_ms(m.delays_us, 0.99),
            join_to_first_frame_ms: m
                .joins
                .get(m.joins.len() / 2)
                .map(|d| d.as_secs_f64() * 1000.0),
            subscribers: m.subscribers,
            expected_subscribers: m.expected_subscribers,
            errors: m.errors,
            server_sent_pps: None,
            dropped_packets: None,
            server_p50_ms: None,
            server_p99_ms: None,
        }
    }

    fn without_memory(mut self) -> Self {
        self.kib_per_subscriber = None;
        self
    }
}

/// Conclave over another system: packets per core-second.
#[derive(Debug, Clone, Serialize)]
pub struct Ratios {
    pub vs_janus: Option<f64>,
    pub vs_relay: Option<f64>,
    /// Every figure of Conclave over Janus's, as measured (so above 1 is
    /// better for rates, worse for costs and delays).
    pub figures_vs_janus: Option<FigureRatios>,
}

/// Conclave's figure over another system's, one per figure; `None` where
/// either side has no value or the other's is zero.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRatios {
    pub pps: Option<f64>,
    pub pps_per_core: Option<f64>,
    pub cpu_s_per_mpkt: Option<f64>,
    pub kib_per_subscriber: Option<f64>,
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    pub join_to_first_frame_ms: Option<f64>,
}

impl FigureRatios {
    pub fn of(ours: &Figures, theirs: &Figures) -> Self {
        let r = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) if b > 0.0 => Some(a / b),
            _ => None,
        };
        Self {
            pps: r(Some(ours.pps), Some(theirs.pps)),
            pps_per_core: r(Some(ours.pps_per_core), Some(theirs.pps_per_core)),
            cpu_s_per_mpkt: r(Some(ours.cpu_s_per_mpkt), Some(theirs.cpu_s_per_mpkt)),
            kib_per_subscriber: r(ours.kib_per_subscriber, theirs.kib_per_subscriber),
            p50_ms: r(ours.p50_ms, theirs.p50_ms),
            p99_ms: r(ours.p99_ms, theirs.p99_ms),
            join_to_first_frame_ms: r(ours.join_to_first_frame_ms, theirs.join_to_first_frame_ms),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioReport {
    pub participants: usize,
    pub meetings: usize,
    pub conclave: Figures,
    /// Janus's VideoRoom under the same participants (`--compare janus`).
    pub janus: Option<Figures>,
    pub relay: Option<Figures>,
    pub ratios: Ratios,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub seconds: u64,
    pub cores: usize,
    pub scenarios: std::collections::BTreeMap<String, ScenarioReport>,
}

/// Systems to run next to Conclave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Compare {
    Relay,
    /// Janus's VideoRoom (Debian's `janus`; needs root for its network
    /// namespace, see [`janus`]).
    Janus,
}

pub struct BenchOptions {
    /// The `conclave` binary to serve with (normally this one).
    pub server_bin: PathBuf,
    pub scenarios: Vec<ScenarioName>,
    pub size: Option<usize>,
    pub seconds: u64,
    pub compare: Vec<Compare>,
}

pub fn run(options: &BenchOptions, progress: &dyn Progress) -> Result<Report, BenchError> {
    let mut scenarios = std::collections::BTreeMap::new();
    for &name in &options.scenarios {
        let scenario = Scenario::new(name, options.size);
        let conclave = conclave::run(&options.server_bin, &scenario, options.seconds, progress)?;
        let janus = if options.compare.contains(&Compare::Janus) {
            Some(janus::run(&scenario, options.seconds, progress)?)
        } else {
            None
        };
        let relay = if options.compare.contains(&Compare::Relay) {
            Some(relay::run(&scenario, options.seconds, progress)?)
        } else {
            None
        };
        let over = |other: &Option<Figures>| {
            other
                .as_ref()
                .filter(|o| o.pps_per_core > 0.0)
                .map(|o| conclave.pps_per_core / o.pps_per_core)
        };
        let ratios = Ratios {
            vs_janus: over(&janus),
            vs_relay: over(&relay),
            figures_vs_janus: janus.as_ref().map(|j| FigureRatios::of(&conclave, j)),
        };
        scenarios.insert(
            name.as_str().to_owned(),
            ScenarioReport {
                participants: scenario.participants(),
                meetings: scenario.meetings.len(),
                conclave,
                janus,
                relay,
                ratios,
            },
        );
    }
    Ok(Report {
        seconds: options.seconds,
        cores: std::thread::available_parallelism().map_or(1, usize::from),
        scenarios,
    })
}

fn cell(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.digits$}"))
}

impl Report {
    /// The table people read.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<15} {:<8} {:>10} {:>12} {:>11} {:>10} {:>8} {:>8} {:>9} {:>9}\n",
            "scenario",
            "system",
            "pkt/s",
            "pkt/s/core",
            "cpu s/Mpkt",
            "KiB/sub",
            "p50 ms",
            "p99 ms",
            "join ms",
            "receiving"
        );
        for (name, s) in &self.scenarios {
            for (system, f) in [
                ("conclave", Some(&s.conclave)),
                ("janus", s.janus.as_ref()),
                ("relay", s.relay.as_ref()),
            ] {
                let Some(f) = f else { continue };
                out += &format!(
                    "{:<15} {:<8} {:>10.0} {:>12.0} {:>11.2} {:>10} {:>8} {:>8} {:>9} {:>5}/{:<3}\n",
                    name,
                    system,
                    f.pps,
                    f.pps_per_core,
                    f.cpu_s_per_mpkt,
                    cell(f.kib_per_subscriber, 1),
                    cell(f.p50_ms, 2),
                    cell(f.p99_ms, 2),
                    cell(f.join_to_first_frame_ms, 0),
                    f.subscribers,
                    f.expected_subscribers,
                );
            }
            if let (Some(p50), Some(p99)) = (s.conclave.server_p50_ms, s.conclave.server_p99_ms) {
                out += &format!(
                    "{name:<15} conclave's own delay (its /metrics, arrival to send): p50 {p50:.2} ms, p99 {p99:.2} ms\n"
                );
            }
            if let Some(r) = s.ratios.vs_relay {
                out += &format!("{name:<15} conclave/relay packets per core-second: {r:.2}\n");
            }
            if let Some(r) = &s.ratios.figures_vs_janus {
                out += &format!(
                    "{name:<15} conclave/janus: pkt/s {}, pkt/s/core {}, cpu s/Mpkt {}, KiB/sub {}, p50 {}, p99 {}, join {}\n",
                    cell(r.pps, 2),
                    cell(r.pps_per_core, 2),
                    cell(r.cpu_s_per_mpkt, 2),
                    cell(r.kib_per_subscriber, 2),
                    cell(r.p50_ms, 2),
                    cell(r.p99_ms, 2),
                    cell(r.join_to_first_frame_ms, 2),
                );
            }
        }
        out
    }
}

/// The plot of one or more runs (a sweep over `--size`): per scenario,
/// Conclave's forwarded packets per second and the server's busy cores
/// against participants.
pub fn plot(reports: &[Report]) -> String {
    let mut lines: std::collections::BTreeMap<&str, Vec<plot::Point>> =
        std::collections::BTreeMap::new();
    for report in reports {
        for (name, s) in &report.scenarios {
            let f = &s.conclave;
            lines.entry(name.as_str()).or_default().push(plot::Point {
                participants: s.participants,
                pps: f.pps,
                cores: if f.pps_per_core > 0.0 {
                    f.pps / f.pps_per_core
                } else {
                    0.0
                },
            });
        }
    }
    let lines: Vec<plot::Line<'_>> = lines
        .into_iter()
        .map(|(scenario, mut points)| {
            points.sort_by_key(|p| p.participants);
            plot::Line { scenario, points }
        })
        .collect();
    plot::svg(
        "Conclave: forwarded packets and server CPU by meeting size",
        &lines,
    )
}
