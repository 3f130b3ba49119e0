//! Settings for `conclave serve`: defaults that work on loopback, a TOML file
//! for deployments, environment variables and flags on top (flags win, then
//! environment, then the file, then defaults).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

#[derive(clap::Args, Debug, Default)]
pub struct ServeArgs {
    /// TOML configuration file (keys as the long flags, with underscores).
    #[arg(long, env = "CONCLAVE_CONFIG")]
    config: Option<PathBuf>,
    /// Address for HTTP(S) and WebSocket signaling [default: 127.0.0.1:8080].
    #[arg(long, env = "CONCLAVE_LISTEN")]
    listen: Option<SocketAddr>,
    /// UDP port for all media (0 picks a free one) [default: 40000].
    #[arg(long, env = "CONCLAVE_MEDIA_PORT")]
    media_port: Option<u16>,
    /// Address clients reach the media port at (defaults to the listen
    /// address when that is a specific address).
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
}

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<SocketAddr>,
    media_port: Option<u16>,
    public_ip: Option<IpAddr>,
    data_dir: Option<PathBuf>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    tls_self_signed: Option<bool>,
    max_participants: Option<usize>,
}

#[derive(Debug, Clone)]
pub enum Tls {
    Off,
    Files { cert: PathBuf, key: PathBuf },
    SelfSigned,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub media_port: u16,
    pub public_ip: IpAddr,
    pub data_dir: PathBuf,
    pub tls: Tls,
    pub max_participants: usize,
}

/// The media port when none is given. A fixed port is easy to open in a
/// firewall; 40000 is outside the ephemeral ranges of Linux and Windows.
const DEFAULT_MEDIA_PORT: u16 = 40000;

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
        let public_ip = match args.public_ip.or(file.public_ip) {
            Some(ip) => ip,
            None if !listen.ip().is_unspecified() => listen.ip(),
            None => bail!(
                "listening on {listen} (all interfaces): give --public-ip with the address \
                 clients reach this machine at, so media can find it"
            ),
        };
        if public_ip.is_unspecified() {
            bail!("--public-ip must be a specific address, not {public_ip}");
        }
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
        Ok(Config {
            listen,
            media_port: args
                .media_port
                .or(file.media_port)
                .unwrap_or(DEFAULT_MEDIA_PORT),
            public_ip,
            data_dir: args
                .data_dir
                .or(file.data_dir)
                .unwrap_or_else(|| PathBuf::from("conclave-data")),
            tls,
            max_participants,
        })
    }

    /// Where the UDP media socket binds: the listen address when it is
    /// specific (so a loopback-only server stays loopback-only), else all
    /// interfaces.
    pub fn media_bind(&self) -> SocketAddr {
        let ip = if self.listen.ip().is_unspecified() {
            self.listen.ip()
        } else {
            self.public_ip
        };
        SocketAddr::new(ip, self.media_port)
    }
}

fn load_file(path: &Path) -> anyhow::Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading config file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing config file {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_work_on_loopback() {
        let c = Config::resolve(ServeArgs::default()).unwrap();
        assert_eq!(c.listen, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(c.public_ip, IpAddr::from(Ipv4Addr::LOCALHOST));
        assert_eq!(c.media_bind(), "127.0.0.1:40000".parse().unwrap());
        assert!(matches!(c.tls, Tls::Off));
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
        assert_eq!(c.public_ip.to_string(), "192.0.2.7");
        assert_eq!(c.media_port, 42000);
        assert_eq!(c.media_bind(), "0.0.0.0:42000".parse().unwrap());

        std::fs::write(&path, "lisen = \"oops\"\n").unwrap();
        let err = Config::resolve(ServeArgs {
            config: Some(path),
            ..Default::default()
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("unknown field"), "{err:#}");
    }

    #[test]
    fn all_interfaces_needs_a_public_address_and_tls_flags_must_pair() {
        let args = ServeArgs {
            listen: Some("0.0.0.0:8080".parse().unwrap()),
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
