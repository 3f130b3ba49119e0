//! Settings for `conclave serve`: defaults that work on loopback, a TOML file
//! for deployments, environment variables and flags on top (flags win, then
//! environment, then the file, then defaults).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::listener;
use crate::media::addresses::{self as media_addresses, MediaBinding};
use crate::origin::{HostName, Origin};
use crate::store::lifetime::{DEFAULT_MEETING_RETENTION, DEFAULT_MEETING_TTL, Lifetime};
use crate::ws;

#[derive(clap::Args, Debug, Default)]
pub struct ServeArgs {
    /// TOML configuration file (keys as the long flags, with underscores).
    #[arg(long, env = "CONCLAVE_CONFIG")]
    config: Option<PathBuf>,
    /// Address for HTTP(S) and WebSocket signaling [default: 127.0.0.1:8080].
    #[arg(long, env = "CONCLAVE_LISTEN")]
    listen: Option<SocketAddr>,
    /// UDP port for all media (0 picks a free one) [default: 40000]. With
    /// several media cores, core k uses this port plus k.
    #[arg(long, env = "CONCLAVE_MEDIA_PORT")]
    media_port: Option<u16>,
    /// Media cores: each forwards its share of the meetings (a meeting
    /// always on one) on its own port, so meetings spread over the CPUs
    /// [default: one per CPU, at most 16].
    #[arg(long, env = "CONCLAVE_MEDIA_CORES")]
    media_cores: Option<usize>,
    /// A TURN relay clients may use when UDP and TCP to the media port are
    /// blocked, e.g. `turns:turn.example.org:443?transport=tcp` (repeatable;
    /// with --turn-secret-file).
    #[arg(long = "turn-url", env = "CONCLAVE_TURN_URLS", value_delimiter = ',')]
    turn_urls: Vec<String>,
    /// File holding the secret shared with the TURN server (coturn's
    /// `static-auth-secret`), from which per-participant credentials are made.
    #[arg(long, env = "CONCLAVE_TURN_SECRET_FILE")]
    turn_secret_file: Option<PathBuf>,
    /// Address clients reach the media port at, e.g. a NAT's public
    /// address [default: every address of this host, one socket each].
    #[arg(long, alias = "advertise", env = "CONCLAVE_PUBLIC_IP")]
    public_ip: Option<IpAddr>,
    /// Where the meeting database (and a generated TLS certificate) live
    /// [default: ./conclave-data].
    #[arg(long, env = "CONCLAVE_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// PEM certificate chain for HTTPS (with --tls-key).
    #[arg(long, env = "CONCLAVE_TLS_CERT")]
    tls_cert: Option<PathBuf>,
    /// PEM private key for HTTPS (with --tls-cert).
    #[arg(long, env = "CONCLAVE_TLS_KEY")]
    tls_key: Option<PathBuf>,
    /// Serve HTTPS with a self-signed certificate kept in the data directory
    /// (for a LAN without a certificate authority; its fingerprint is printed).
    #[arg(long, env = "CONCLAVE_TLS_SELF_SIGNED")]
    tls_self_signed: bool,
    /// Most participants in one meeting [default: 100].
    #[arg(long, env = "CONCLAVE_MAX_PARTICIPANTS")]
    max_participants: Option<usize>,
    /// Cameras each participant receives: those of the N most recent
    /// speakers (plus any they pin); a client may ask for fewer or more, up
    /// to 100 [default: 25].
    #[arg(long, env = "CONCLAVE_LAST_N")]
    last_n: Option<usize>,
    /// Most signaling sockets open at once, server-wide (every participant
    /// holds one) [default: 1000].
    #[arg(long, env = "CONCLAVE_MAX_SOCKETS")]
    max_sockets: Option<usize>,
    /// Most HTTP(S) connections open at once, WebSockets included
    /// [default: 4096, or less if the open file limit is lower].
    #[arg(long, env = "CONCLAVE_MAX_CONNECTIONS")]
    max_connections: Option<usize>,
    /// Most connections from one client address (an IPv6 /64 counts as one)
    /// [default: 256].
    #[arg(long, env = "CONCLAVE_MAX_CONNECTIONS_PER_ADDRESS")]
    max_connections_per_address: Option<usize>,
    /// The origin browsers see when it differs from the address they
    /// connect to, e.g. behind a reverse proxy: https://meet.example.org.
    /// Pages of other origins may not create meetings or open sockets.
    #[arg(long, env = "CONCLAVE_PUBLIC_ORIGIN")]
    public_origin: Option<String>,
    /// A DNS name browsers may use to reach this server over plain HTTP,
    /// e.g. meet.school.lan (repeatable). IP addresses, localhost and the
    /// public origin's name always work; requests naming any other host
    /// are refused, so a hostile page cannot point its own name at this
    /// server (DNS rebinding). Not needed with TLS, whose certificate
    /// already binds the name.
    #[arg(
        long = "allowed-host",
        env = "CONCLAVE_ALLOWED_HOSTS",
        value_delimiter = ','
    )]
    allowed_hosts: Vec<String>,
    /// Who may create meetings: anyone who can reach the server, or only
    /// signed-in organisers (`conclave user add`) [default: anyone when
    /// listening on loopback only, organisers otherwise].
    #[arg(long, value_enum, env = "CONCLAVE_CREATE_MEETINGS")]
    create_meetings: Option<CreateMeetings>,
    /// A meeting nobody joins for this long ends by itself, e.g. 30d, 12h,
    /// 90m, 45s [default: 30d].
    #[arg(long, env = "CONCLAVE_MEETING_TTL")]
    meeting_ttl: Option<String>,
    /// How long an ended meeting's record and audit log are kept before
    /// they are deleted [default: 7d].
    #[arg(long, env = "CONCLAVE_MEETING_RETENTION")]
    meeting_retention: Option<String>,
    /// How long a finished recording (ciphertext only) is kept before it is
    /// deleted, e.g. 30d, 12h [default: 30d].
    #[arg(long, env = "CONCLAVE_RECORDING_RETENTION")]
    recording_retention: Option<String>,
    /// An organisation's recording public key (`conclave recording
    /// keygen` prints it): meetings created here carry it in their links,
    /// and hosts' clients seal recordings to it instead of the meeting key,
    /// so the archive team holding its private key, not the hosts, opens
    /// them.
    // Keys are base64url, so one in 64 begins with '-': still a key.
    #[arg(
        long,
        env = "CONCLAVE_RECORDING_PUBLIC_KEY",
        allow_hyphen_values = true
    )]
    recording_public_key: Option<String>,
    /// Append every signaling message the server receives or sends to this
    /// file, one JSON line each (for tests that prove what it never learns).
    #[arg(long, hide = true, env = "CONCLAVE_RECORD_SIGNALING")]
    record_signaling: Option<PathBuf>,
    // Clocks, hidden: for tests that must not wait the real values out.
    #[arg(long, hide = true, env = "CONCLAVE_TLS_HANDSHAKE_TIMEOUT_MS")]
    tls_handshake_timeout_ms: Option<u64>,
    #[arg(long, hide = true, env = "CONCLAVE_HEADER_READ_TIMEOUT_MS")]
    header_read_timeout_ms: Option<u64>,
    #[arg(long, hide = true, env = "CONCLAVE_IDLE_TIMEOUT_MS")]
    idle_timeout_ms: Option<u64>,
    #[arg(long, hide = true, env = "CONCLAVE_JOIN_TIMEOUT_MS")]
    join_timeout_ms: Option<u64>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<SocketAddr>,
    media_port: Option<u16>,
    media_cores: Option<usize>,
    public_ip: Option<IpAddr>,
    turn_urls: Option<Vec<String>>,
    turn_secret_file: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    tls_self_signed: Option<bool>,
    max_participants: Option<usize>,
    last_n: Option<usize>,
    max_sockets: Option<usize>,
    max_connections: Option<usize>,
    max_connections_per_address: Option<usize>,
    public_origin: Option<String>,
    allowed_hosts: Option<Vec<String>>,
    create_meetings: Option<CreateMeetings>,
    meeting_ttl: Option<String>,
    meeting_retention: Option<String>,
    recording_retention: Option<String>,
    recording_public_key: Option<String>,
}

/// Who may create meetings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CreateMeetings {
    /// Anyone who can open the landing page.
    Anyone,
    /// Only organisers signed in with an account (`conclave user add`).
    Organisers,
}

#[derive(Debug, Clone)]
pub enum Tls {
    Off,
    Files { cert: PathBuf, key: PathBuf },
    SelfSigned,
}

/// `--turn-url` and `--turn-secret-file`, checked for pairing; the secret
/// is read when the server starts (see [`crate::turn`]).
#[derive(Debug, Clone)]
pub struct TurnSettings {
    pub urls: Vec<String>,
    pub secret_file: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub media_port: u16,
    /// Media tasks, each with its own sockets and its share of the meetings.
    pub media_cores: usize,
    /// TURN relays offered to admitted participants, if any.
    pub turn: Option<TurnSettings>,
    /// `--public-ip`: the one address media is reached at; `None` offers
    /// every address of this host (see [`crate::media::addresses`]).
    pub public_ip: Option<IpAddr>,
    pub data_dir: PathBuf,
    pub tls: Tls,
    pub max_participants: usize,
    /// Recent speakers' cameras a participant gets by default.
    pub last_n: usize,
    /// Signaling sockets open at once, server-wide.
    pub max_sockets: usize,
    /// How long a signaling socket may take to be admitted to its meeting.
    pub join_timeout: Duration,
    /// `--record-signaling`: where to record every signaling message.
    pub record_signaling: Option<PathBuf>,
    /// Connection caps and clocks for the HTTP(S) listener.
    pub connections: listener::Settings,
    /// Another origin whose pages may use this server (a reverse proxy's).
    pub public_origin: Option<Origin>,
    /// Host names plain HTTP answers to besides addresses and localhost.
    pub allowed_hosts: Vec<HostName>,
    pub create_meetings: CreateMeetings,
    /// When meetings end by themselves and when they are deleted.
    pub lifetime: Lifetime,
    /// How long finished recordings are kept.
    pub recording_retention: Duration,
    /// `--recording-public-key`, checked: what new meetings' links carry as `rec=`.
    pub recording_public_key: Option<String>,
}

/// The media port when none is given. A fixed port is easy to open in a
/// firewall; 40000 is outside the ephemeral ranges of Linux and Windows.
const DEFAULT_MEDIA_PORT: u16 = 40000;

/// Beyond 16 media cores a machine is better split into several servers
/// (larger deployments add nodes); each core also costs a port to open.
const MAX_MEDIA_CORES: usize = 16;

/// One media core per CPU: meetings spread over all of them.
fn default_media_cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(MAX_MEDIA_CORES)
}

impl Config {
    pub fn resolve(args: ServeArgs) -> anyhow::Result<Self> {
        let file = match &args.config {
            Some(path) => load_file(path)?,
            None => FileConfig::default(),
        };
        let listen = args
            .listen
            .or(file.listen)
            .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, 8080)));
        let public_ip = args.public_ip.or(file.public_ip);
        if let Some(ip) = public_ip.filter(IpAddr::is_unspecified) {
            bail!("--public-ip must be a specific address, not {ip}");
        }
        let turn_urls = if args.turn_urls.is_empty() {
            file.turn_urls.unwrap_or_default()
        } else {
            args.turn_urls
        };
        let turn = match (
            turn_urls.is_empty(),
            args.turn_secret_file.or(file.turn_secret_file),
        ) {
            (true, None) => None,
            (false, Some(secret_file)) => Some(TurnSettings {
                urls: turn_urls,
                secret_file,
            }),
            _ => bail!("--turn-url and --turn-secret-file go together"),
        };
        let cert = args.tls_cert.or(file.tls_cert);
        let key = args.tls_key.or(file.tls_key);
        let self_signed = args.tls_self_signed || file.tls_self_signed.unwrap_or(false);
        let tls = match (cert, key, self_signed) {
            (Some(_), Some(_), true) => {
                bail!("choose either --tls-cert/--tls-key or --tls-self-signed")
            }
            (Some(cert), Some(key), false) => Tls::Files { cert, key },
            (None, None, true) => Tls::SelfSigned,
            (None, None, false) => Tls::Off,
            _ => bail!("--tls-cert and --tls-key go together"),
        };
        let max_participants = args
            .max_participants
            .or(file.max_participants)
            .unwrap_or(conclave_room::DEFAULT_MAX_PARTICIPANTS);
        if max_participants < 2 {
            bail!("--max-participants must be at least 2");
        }
        let last_n = args
            .last_n
            .or(file.last_n)
            .unwrap_or(conclave_sfu::selection::DEFAULT_LAST_N);
        if last_n > conclave_signaling::MAX_LAST_N {
            bail!(
                "--last-n must be at most {}",
                conclave_signaling::MAX_LAST_N
            );
        }
        let media_cores = positive(
            "--media-cores",
            args.media_cores.or(file.media_cores),
            default_media_cores(),
        )?;
        if media_cores > MAX_MEDIA_CORES {
            bail!("--media-cores must be at most {MAX_MEDIA_CORES}");
        }
        let media_port = args
            .media_port
            .or(file.media_port)
            .unwrap_or(DEFAULT_MEDIA_PORT);
        if media_port != 0 && usize::from(media_port) + media_cores - 1 > usize::from(u16::MAX) {
            bail!("--media-port {media_port} leaves no room for {media_cores} media cores' ports");
        }
        let max_sockets = positive(
            "--max-sockets",
            args.max_sockets.or(file.max_sockets),
            ws::DEFAULT_MAX_SOCKETS,
        )?;
        let connections = listener::Settings {
            max_connections: positive(
                "--max-connections",
                args.max_connections.or(file.max_connections),
                listener::DEFAULT_MAX_CONNECTIONS,
            )?,
            max_connections_per_client: positive(
                "--max-connections-per-address",
                args.max_connections_per_address
                    .or(file.max_connections_per_address),
                listener::DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
            )?,
            tls_handshake_timeout: millis(
                args.tls_handshake_timeout_ms,
                listener::DEFAULT_TLS_HANDSHAKE_TIMEOUT,
            ),
            header_read_timeout: millis(
                args.header_read_timeout_ms,
                listener::DEFAULT_HEADER_READ_TIMEOUT,
            ),
            idle_timeout: millis(args.idle_timeout_ms, listener::DEFAULT_IDLE_TIMEOUT),
        };
        let public_origin = match args.public_origin.or(file.public_origin) {
            Some(text) => Some(Origin::parse(text.trim_end_matches('/')).with_context(|| {
                format!("--public-origin {text:?}: expected scheme://host[:port], e.g. https://meet.example.org")
            })?),
            None => None,
        };
        let allowed_hosts = if args.allowed_hosts.is_empty() {
            file.allowed_hosts.unwrap_or_default()
        } else {
            args.allowed_hosts
        };
        let allowed_hosts = allowed_hosts
            .iter()
            .map(|text| {
                HostName::parse(text).with_context(|| {
                    format!("--allowed-host {text:?}: expected a DNS name without port, e.g. meet.school.lan")
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        // Zero-config `serve` on loopback keeps one click to a meeting;
        // anything reachable from elsewhere (another address, or a reverse
        // proxy in front: a public origin) needs an account unless the
        // operator opens it on purpose.
        let reachable_from_elsewhere = !listen.ip().is_loopback() || public_origin.is_some();
        let create_meetings =
            args.create_meetings
                .or(file.create_meetings)
                .unwrap_or(if reachable_from_elsewhere {
                    CreateMeetings::Organisers
                } else {
                    CreateMeetings::Anyone
                });
        let lifetime = Lifetime {
            ttl: duration_setting(
                "--meeting-ttl",
                args.meeting_ttl.or(file.meeting_ttl),
                DEFAULT_MEETING_TTL,
            )?,
            retention: duration_setting(
                "--meeting-retention",
                args.meeting_retention.or(file.meeting_retention),
                DEFAULT_MEETING_RETENTION,
            )?,
        };
        let recording_retention = duration_setting(
            "--recording-retention",
            args.recording_retention.or(file.recording_retention),
            DEFAULT_RECORDING_RETENTION,
        )?;
        let recording_public_key = args
            .recording_public_key
            .or(file.recording_public_key)
            .map(|k| recording_public_key(&k))
            .transpose()?;
        Ok(Config {
            recording_retention,
            recording_public_key,
            listen,
            media_port,
            media_cores,
            public_ip,
            turn,
            data_dir: args
                .data_dir
                .or(file.data_dir)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR)),
            tls,
            max_participants,
            last_n,
            max_sockets,
            join_timeout: millis(args.join_timeout_ms, ws::DEFAULT_JOIN_TIMEOUT),
            record_signaling: args.record_signaling,
            connections,
            public_origin,
            allowed_hosts,
            create_meetings,
            lifetime,
        })
    }

    /// The media sockets core `core` opens: where each binds and what it
    /// advertises. Core k's port is the media port plus k (or any free one).
    pub fn media_bindings(&self, core: usize) -> Vec<MediaBinding> {
        let mut host = media_addresses::of_this_host();
        if host.is_empty() {
            host = media_addresses::LOOPBACK.to_vec();
        }
        let port = match self.media_port {
            0 => 0,
            // Checked against u16::MAX when the configuration was read.
            base => u16::try_from(usize::from(base) + core).unwrap_or(base),
        };
        media_addresses::plan(self.listen.ip(), self.public_ip, port, &host)
    }
}

/// Checks an organisation's recording public key (base64url of an X25519
/// key, as `conclave recording keygen` prints it) and returns it trimmed.
pub fn recording_public_key(text: &str) -> anyhow::Result<String> {
    use base64::Engine as _;
    let text = text.trim();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .ok()
        .filter(|b| b.len() == 32);
    if bytes.is_none() {
        bail!(
            "--recording-public-key {text:?}: expected the 43-character key `conclave recording keygen` printed"
        );
    }
    Ok(text.to_owned())
}

/// A month: long enough to fetch and archive a recording after the
/// meeting; ciphertext kept longer is still data an operator must justify.
pub const DEFAULT_RECORDING_RETENTION: Duration = Duration::from_secs(30 * 86_400);

/// A count that must be at least one (a cap of zero would refuse everyone).
fn positive(flag: &str, value: Option<usize>, default: usize) -> anyhow::Result<usize> {
    match value {
        Some(0) => bail!("{flag} must be at least 1"),
        Some(n) => Ok(n),
        None => Ok(default),
    }
}

/// A hidden clock setting in milliseconds; zero counts as unset (a zero
/// deadline would close every connection at once).
fn millis(value: Option<u64>, default: Duration) -> Duration {
    value
        .filter(|&ms| ms > 0)
        .map_or(default, Duration::from_millis)
}

/// A duration written as a whole number and a unit: `30d`, `12h`, `90m`,
/// `45s`. Zero is refused (every meeting would be over at once).
fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let unit_at = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(unit_at);
    let n: u64 = number.parse().ok()?;
    let unit_secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    let secs = n.checked_mul(unit_secs)?;
    (secs > 0).then(|| Duration::from_secs(secs))
}

fn duration_setting(
    flag: &str,
    value: Option<String>,
    default: Duration,
) -> anyhow::Result<Duration> {
    match value {
        None => Ok(default),
        Some(text) => parse_duration(&text).with_context(|| {
            format!("{flag} {text:?}: expected a positive whole number and a unit, e.g. 30d, 12h, 90m, 45s")
        }),
    }
}

/// The data directory for commands other than `serve` (`conclave user`):
/// the flag or environment, else the configuration file's, else the default.
pub fn data_dir(config: Option<&Path>, flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    let file = match config {
        Some(path) => load_file(path)?,
        None => FileConfig::default(),
    };
    Ok(file
        .data_dir
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR)))
}

/// Where data lives when nothing says otherwise.
const DEFAULT_DATA_DIR: &str = "conclave-data";

fn load_file(path: &Path) -> anyhow::Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading config file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing config file {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_cores_are_bounded_and_need_room_for_their_ports() {
        let cores = |n: usize, port: u16| {
            Config::resolve(ServeArgs {
                media_cores: Some(n),
                media_port: Some(port),
                ..Default::default()
            })
        };
        let c = cores(4, 0).unwrap();
        assert_eq!(c.media_cores, 4);
        assert_eq!(
            c.media_bindings(3)[0].bind.port(),
            0,
            "any free port, per core"
        );
        assert!(cores(0, 40000).is_err());
        assert!(cores(MAX_MEDIA_CORES + 1, 40000).is_err());
        assert!(cores(2, u16::MAX).is_err(), "no port after 65535");
        assert!(cores(1, u16::MAX).is_ok());
    }

    #[test]
    fn defaults_work_on_loopback() {
        let c = Config::resolve(ServeArgs::default()).unwrap();
        assert_eq!(c.listen, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(c.public_ip, None);
        let media = c.media_bindings(0);
        assert_eq!(
            media.first().map(|b| b.bind),
            Some("127.0.0.1:40000".parse().unwrap()),
            "loopback first, then this host's other addresses"
        );
        assert!(c.media_cores >= 1 && c.media_cores <= MAX_MEDIA_CORES);
        assert_eq!(
            c.media_bindings(1).first().map(|b| b.bind),
            Some("127.0.0.1:40001".parse().unwrap()),
            "the next core, the next port"
        );
        assert!(matches!(c.tls, Tls::Off));
        assert_eq!(c.max_sockets, ws::DEFAULT_MAX_SOCKETS);
        assert_eq!(
            c.connections.max_connections,
            listener::DEFAULT_MAX_CONNECTIONS
        );
        assert_eq!(c.join_timeout, ws::DEFAULT_JOIN_TIMEOUT);
        assert!(c.public_origin.is_none());
        assert_eq!(c.create_meetings, CreateMeetings::Anyone);
        assert_eq!(c.lifetime, Lifetime::default());
    }

    #[test]
    fn only_organisers_create_meetings_on_a_reachable_server_unless_opened() {
        let public = |create_meetings| ServeArgs {
            listen: Some("192.0.2.7:443".parse().unwrap()),
            create_meetings,
            ..Default::default()
        };
        let c = Config::resolve(public(None)).unwrap();
        assert_eq!(c.create_meetings, CreateMeetings::Organisers);
        let c = Config::resolve(public(Some(CreateMeetings::Anyone))).unwrap();
        assert_eq!(c.create_meetings, CreateMeetings::Anyone);
        let proxied = ServeArgs {
            public_origin: Some("https://meet.example.org".into()),
            ..Default::default()
        };
        let c = Config::resolve(proxied).unwrap();
        assert_eq!(
            c.create_meetings,
            CreateMeetings::Organisers,
            "behind a proxy"
        );
        let closed = ServeArgs {
            create_meetings: Some(CreateMeetings::Organisers),
            ..Default::default()
        };
        let c = Config::resolve(closed).unwrap();
        assert_eq!(c.create_meetings, CreateMeetings::Organisers);
    }

    #[test]
    fn meeting_lifetimes_are_durations_with_units() {
        assert_eq!(
            parse_duration("30d"),
            Some(Duration::from_secs(30 * 86_400))
        );
        assert_eq!(parse_duration("12h"), Some(Duration::from_secs(12 * 3600)));
        assert_eq!(parse_duration("90m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_duration("2s"), Some(Duration::from_secs(2)));
        for bad in [
            "",
            "0d",
            "30",
            "d",
            "1.5h",
            "-1d",
            "3w",
            "99999999999999999999d",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conclave.toml");
        std::fs::write(
            &path,
            "meeting_ttl = \"1d\"\nmeeting_retention = \"2h\"\ncreate_meetings = \"organisers\"\n",
        )
        .unwrap();
        let c = Config::resolve(ServeArgs {
            config: Some(path),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(c.lifetime.ttl, Duration::from_secs(86_400));
        assert_eq!(c.lifetime.retention, Duration::from_secs(7200));
        assert_eq!(c.create_meetings, CreateMeetings::Organisers);
        let bad = ServeArgs {
            meeting_ttl: Some("forever".into()),
            ..Default::default()
        };
        assert!(Config::resolve(bad).is_err());
    }

    #[test]
    fn caps_and_the_public_origin_come_from_the_file_and_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conclave.toml");
        std::fs::write(
            &path,
            "max_sockets = 50\nmax_connections = 500\nmax_connections_per_address = 20\n\
             public_origin = \"https://Meet.Example.org/\"\n\
             allowed_hosts = [\"Meet.School.lan\"]\n",
        )
        .unwrap();
        let c = Config::resolve(ServeArgs {
            config: Some(path),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(c.max_sockets, 50);
        assert_eq!(c.connections.max_connections, 500);
        assert_eq!(c.connections.max_connections_per_client, 20);
        assert_eq!(
            c.public_origin,
            Some(Origin::parse("https://meet.example.org:443").unwrap())
        );
        assert_eq!(
            c.allowed_hosts,
            [HostName::parse("meet.school.lan").unwrap()]
        );

        let zero = ServeArgs {
            max_sockets: Some(0),
            ..Default::default()
        };
        assert!(Config::resolve(zero).is_err());
        let not_an_origin = ServeArgs {
            public_origin: Some("meet.example.org".into()),
            ..Default::default()
        };
        assert!(Config::resolve(not_an_origin).is_err());
        let not_a_name = ServeArgs {
            allowed_hosts: vec!["meet.school.lan:8080".into()],
            ..Default::default()
        };
        let err = Config::resolve(not_a_name).unwrap_err();
        assert!(format!("{err:#}").contains("--allowed-host"), "{err:#}");
    }

    #[test]
    fn file_values_apply_and_flags_override_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conclave.toml");
        std::fs::write(
            &path,
            "listen = \"0.0.0.0:9000\"\npublic_ip = \"192.0.2.7\"\nmedia_port = 41000\n",
        )
        .unwrap();
        let args = ServeArgs {
            config: Some(path.clone()),
            media_port: Some(42000),
            ..Default::default()
        };
        let c = Config::resolve(args).unwrap();
        assert_eq!(c.listen.port(), 9000);
        assert_eq!(c.public_ip, Some("192.0.2.7".parse().unwrap()));
        assert_eq!(c.media_port, 42000);
        assert_eq!(
            c.media_bindings(0)
                .iter()
                .map(|b| b.bind)
                .collect::<Vec<_>>(),
            ["0.0.0.0:42000".parse().unwrap()]
        );

        std::fs::write(&path, "lisen = \"oops\"\n").unwrap();
        let err = Config::resolve(ServeArgs {
            config: Some(path),
            ..Default::default()
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("unknown field"), "{err:#}");
    }

    #[test]
    fn turn_flags_must_pair() {
        let only_url = ServeArgs {
            turn_urls: vec!["turns:turn.example.org:443?transport=tcp".into()],
            ..Default::default()
        };
        assert!(Config::resolve(only_url).is_err());
        let only_secret = ServeArgs {
            turn_secret_file: Some("secret".into()),
            ..Default::default()
        };
        assert!(Config::resolve(only_secret).is_err());
        let both = ServeArgs {
            turn_urls: vec!["turns:turn.example.org:443?transport=tcp".into()],
            turn_secret_file: Some("secret".into()),
            ..Default::default()
        };
        let turn = Config::resolve(both).unwrap().turn.unwrap();
        assert_eq!(turn.urls.len(), 1);
        assert!(
            Config::resolve(ServeArgs::default())
                .unwrap()
                .turn
                .is_none()
        );
    }

    #[test]
    fn an_unspecified_public_address_is_refused_and_tls_flags_must_pair() {
        let args = ServeArgs {
            listen: Some("0.0.0.0:8080".parse().unwrap()),
            public_ip: Some("0.0.0.0".parse().unwrap()),
            ..Default::default()
        };
        assert!(Config::resolve(args).is_err());
        let args = ServeArgs {
            tls_cert: Some("cert.pem".into()),
            ..Default::default()
        };
        assert!(Config::resolve(args).is_err());
    }
}
