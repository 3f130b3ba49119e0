//! `conclave`: the one binary. `conclave serve` runs signaling, the SFU and
//! the web client on one machine.

mod accounts;
mod assets;
mod client_address;
mod conference;
mod config;
mod connection_limits;
mod http;
mod listener;
mod media;
mod meeting_cli;
mod meeting_id;
mod metrics;
mod origin;
mod rate_limit;
mod recording_cli;
mod recordings_api;
mod signaling_record;
mod signin;
mod store;
mod tls;
mod turn;
mod user;
mod ws;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "conclave",
    version,
    about = "Self-hosted, end-to-end encrypted video meetings"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server: web client, signaling and media on one machine.
    Serve(Box<config::ServeArgs>),
    /// Join a meeting as a headless native participant: MLS and SFrame in
    /// Rust, recorded VP8/Opus out, a report of what was decrypted.
    Join(JoinArgs),
    /// Organiser accounts: who may sign in (and create meetings when only
    /// organisers may).
    User(user::UserArgs),
    /// Meetings in the store (`show ID`: settings, times, audit log).
    Meeting(meeting_cli::MeetingArgs),
    /// Recordings in the data directory: list, export (with the meeting's
    /// host link or an organisation's key), delete.
    Recording(recording_cli::RecordingArgs),
    /// Measure capacity: simulated participants load a server this command
    /// starts, scenario by scenario, next to a bare UDP relay (see
    /// BENCHMARKS.md).
    Bench(BenchArgs),
}

#[derive(clap::Args)]
struct BenchArgs {
    /// Scenarios to run, comma-separated [default: all].
    #[arg(long, value_enum, value_delimiter = ',')]
    scenario: Vec<conclave_bench::ScenarioName>,
    /// Measured seconds per scenario and system (after a warm-up).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Scale: receivers of big-meeting, meetings of small-meetings,
    /// listeners of audio-heavy, members of video-25.
    #[arg(long)]
    size: Option<usize>,
    /// Also run these on the same traffic, comma-separated: `relay` (a bare
    /// UDP relay, the machine's ceiling), `janus` (Debian's Janus VideoRoom,
    /// in a private network namespace: needs root).
    #[arg(long, value_enum, value_delimiter = ',')]
    compare: Vec<conclave_bench::Compare>,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    json: bool,
    /// Run every scenario at each of these sizes, comma-separated (instead
    /// of --size); the JSON is then `{"sweep": [REPORT, ...]}`.
    #[arg(long, value_delimiter = ',', conflicts_with = "size")]
    sweep: Vec<usize>,
    /// Write an SVG plot of forwarded packets/s and server CPU against
    /// participants (one line per scenario; use with --sweep).
    #[arg(long)]
    plot: Option<std::path::PathBuf>,
}

#[derive(clap::Args)]
struct JoinArgs {
    /// The meeting link (http(s)://HOST/m/ID).
    link: String,
    /// Display name (shown to others from the MLS credential).
    #[arg(long)]
    name: String,
    /// How long to stay, in seconds.
    #[arg(long, default_value_t = 30)]
    duration: u64,
    /// Exit with failure unless at least this many other participants'
    /// audio and video were received and decrypted.
    #[arg(long, default_value_t = 0)]
    expect_peers: usize,
    /// Leave as soon as --expect-peers is met instead of staying --duration.
    #[arg(long)]
    exit_early: bool,
    /// Run this many participants from this process (a load generator).
    #[arg(long, default_value_t = 1)]
    count: usize,
    /// Send this chat message once in the group.
    #[arg(long)]
    chat: Option<String>,
    /// Append this text to every frame before encryption (for tests that
    /// prove the server never sees plaintext; breaks real decoders).
    #[arg(long)]
    marker: Option<String>,
    /// SHA-256 fingerprint of a self-signed server certificate to trust
    /// (as `conclave serve --tls-self-signed` prints it).
    #[arg(long)]
    tls_fingerprint: Option<String>,
    /// With a host link: admit this person from the lobby when they knock
    /// (by display name; repeat for several).
    #[arg(long)]
    admit: Vec<String>,
    /// With a host link: admit everyone who knocks (scripted tests, load).
    #[arg(long)]
    admit_all: bool,
    /// With a host link: make this admitted person a co-host (by display
    /// name; repeat for several). A co-host can admit when no host is here.
    #[arg(long)]
    promote: Vec<String>,
    /// With a host link: record the meeting from the moment this client
    /// is in it (the recording stops when the last host leaves). Only the
    /// meeting key, or the organisation's recording key, opens it.
    #[arg(long)]
    record: bool,
    /// Receive the cameras of the N most recent speakers only (0: audio
    /// only, as a listener in a large meeting) [default: the server's].
    #[arg(long, value_parser = clap::value_parser!(u16).range(0..=100))]
    last_n: Option<u16>,
    /// Publish no microphone or camera (a listener; with --last-n 0, what
    /// most of a large meeting's audience is).
    #[arg(long)]
    listen_only: bool,
    /// Show every remote camera in a tile this many lines tall (as a page
    /// reports its tiles), so the SFU sends the simulcast layer that fits
    /// [default: the SFU's medium tile].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=4320))]
    tile_height: Option<u32>,
    /// Load runs: participant i of --count connects from this IPv4 address
    /// plus i (for example 127.20.0.1 on loopback), since the server limits
    /// what one address may do.
    #[arg(long)]
    local_ips_from: Option<std::net::Ipv4Addr>,
    /// What media travels over: `udp`, `tcp` (to the server's media port,
    /// for networks that drop UDP), or `auto`: UDP, and TCP as well when UDP
    /// has not connected within 2 s, as a browser does.
    #[arg(long, value_enum, default_value_t = MediaTransportArg::Auto)]
    media_transport: MediaTransportArg,
    /// With --count: participant i joins i times this many milliseconds
    /// late (an audience arriving over a minute rather than at once).
    #[arg(long, default_value_t = 0)]
    stagger_ms: u64,
    /// Output format of the final report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    report: ReportFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MediaTransportArg {
    Auto,
    Udp,
    Tcp,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CONCLAVE_LOG")
                .unwrap_or_else(|_| "conclave=info,warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match cli.command {
        Command::Serve(args) => {
            let config = config::Config::resolve(*args)?;
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(http::serve(config))
        }
        Command::Join(args) => join(args),
        Command::User(args) => user::run(args),
        Command::Meeting(args) => meeting_cli::run(args),
        Command::Recording(args) => recording_cli::run(args),
        Command::Bench(args) => bench(args),
    }
}

fn bench(args: BenchArgs) -> anyhow::Result<()> {
    use clap::ValueEnum as _;
    let scenarios = if args.scenario.is_empty() {
        conclave_bench::ScenarioName::value_variants().to_vec()
    } else {
        args.scenario
    };
    let sizes: Vec<Option<usize>> = if args.sweep.is_empty() {
        vec![args.size]
    } else {
        args.sweep.iter().copied().map(Some).collect()
    };
    let mut reports = Vec::new();
    for size in sizes {
        let options = conclave_bench::BenchOptions {
            // Another program as the server under test: a wrapper that runs
            // this binary under a profiler (BENCHMARKS.md), or another build.
            server_bin: match std::env::var_os("CONCLAVE_BENCH_SERVER") {
                Some(bin) => bin.into(),
                None => std::env::current_exe()?,
            },
            scenarios: scenarios.clone(),
            size,
            seconds: args.seconds,
            compare: args.compare.clone(),
        };
        let report = conclave_bench::run(&options, &conclave_bench::TerminalProgress)?;
        if !args.json {
            if let Some(size) = size.filter(|_| !args.sweep.is_empty()) {
                println!("--size {size}");
            }
            print!("{}", report.table());
        }
        reports.push(report);
    }
    if args.json {
        if args.sweep.is_empty() {
            println!("{}", serde_json::to_string(&reports[0])?);
        } else {
            println!("{}", serde_json::json!({ "sweep": reports }));
        }
    }
    if let Some(path) = &args.plot {
        std::fs::write(path, conclave_bench::plot(&reports))
            .map_err(|e| anyhow::anyhow!("writing the plot to {}: {e}", path.display()))?;
        eprintln!("plot written to {}", path.display());
    }
    Ok(())
}

fn join(args: JoinArgs) -> anyhow::Result<()> {
    use conclave_client::AdmitPolicy;
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let tls_fingerprint = match &args.tls_fingerprint {
        Some(text) => Some(
            conclave_client::tls::parse_fingerprint(text)
                .ok_or_else(|| anyhow::anyhow!("--tls-fingerprint: expected 32 hex bytes"))?,
        ),
        None => None,
    };
    let options = conclave_client::runner::JoinOptions {
        link: args.link,
        name: args.name,
        duration: std::time::Duration::from_secs(args.duration),
        count: args.count,
        marker: args.marker,
        until_peers: args.exit_early.then_some(args.expect_peers),
        chat: args.chat,
        tls_fingerprint,
        record: args.record,
        last_n: args.last_n,
        listen_only: args.listen_only,
        tile_height: args.tile_height,
        local_ips_from: args.local_ips_from,
        stagger: std::time::Duration::from_millis(args.stagger_ms),
        media_transport: match args.media_transport {
            MediaTransportArg::Auto => conclave_client::MediaTransport::Auto,
            MediaTransportArg::Udp => conclave_client::MediaTransport::Udp,
            MediaTransportArg::Tcp => conclave_client::MediaTransport::Tcp,
        },
        promote: args
            .promote
            .iter()
            .map(|n| conclave_signaling::validate_name(n).unwrap_or_else(|_| n.clone()))
            .collect(),
        admit: if args.admit_all {
            AdmitPolicy::Everyone
        } else if args.admit.is_empty() {
            AdmitPolicy::Nobody
        } else {
            AdmitPolicy::Names(
                args.admit
                    .iter()
                    .map(|n| conclave_signaling::validate_name(n).unwrap_or_else(|_| n.clone()))
                    .collect(),
            )
        },
    };
    let runtime = tokio::runtime::Runtime::new()?;
    let reports = runtime.block_on(conclave_client::runner::run(options))?;
    match args.report {
        ReportFormat::Json => {
            let value = if reports.len() == 1 {
                serde_json::to_string(&reports[0])?
            } else {
                serde_json::to_string(&reports)?
            };
            println!("{value}");
        }
        ReportFormat::Text => {
            for r in &reports {
                print!("{}", r.human());
            }
        }
    }
    let short = reports.iter().any(|r| {
        r.received
            .iter()
            .filter(|p| p.audio_frames > 0 && p.video_frames > 0)
            .count()
            < args.expect_peers
    });
    if short {
        anyhow::bail!(
            "fewer than {} peers' audio and video were received and decrypted",
            args.expect_peers
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Recording keys are base64url, so one key in 64 begins with '-'; the
    /// command line must still read it as the flag's value (CI once drew
    /// such a key from `recording keygen` and `serve` refused it).
    #[test]
    fn a_recording_key_beginning_with_a_dash_is_a_value_not_a_flag() {
        let key = "-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for args in [
            &["conclave", "serve", "--recording-public-key", key][..],
            &[
                "conclave",
                "meeting",
                "create",
                "--url",
                "http://127.0.0.1:8080",
                "--recording-public-key",
                key,
            ][..],
        ] {
            let parsed = Cli::try_parse_from(args);
            assert!(parsed.is_ok(), "{args:?}: {:?}", parsed.err());
        }
        assert!(config::recording_public_key(key).is_ok());
    }
}
