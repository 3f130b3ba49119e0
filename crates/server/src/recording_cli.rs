//! `conclave recording`: the recordings in the data directory, for the
//! operator. `list` and `delete` need no key (and can open nothing);
//! `export` decrypts offline with the key from a file: the meeting's host
//! link, or an organisation's recording private key. The server alone has
//! neither.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use conclave_e2ee::{MeetingKey, RecordingKeyPair, RecordingOpener};
use conclave_recording::Store;

#[derive(clap::Args)]
pub struct RecordingArgs {
    #[command(subcommand)]
    action: Action,
    /// The data directory `serve` uses [default: ./conclave-data, or the
    /// configuration file's].
    #[arg(long, global = true, env = "CONCLAVE_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// The configuration file `serve` uses (for its data_dir).
    #[arg(long, global = true, env = "CONCLAVE_CONFIG")]
    config: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
enum Action {
    /// List recordings: id, start and stop (Unix seconds), size, meeting.
    List,
    /// Decrypt a recording into a WebM file (VP8 and Opus, one track per
    /// sender and source). Needs the key; the server's disk alone opens
    /// nothing.
    Export {
        /// The recording's id (from `list`).
        id: String,
        /// A file holding the meeting's host link, or the organisation's
        /// recording private key (`conclave recording keygen`).
        #[arg(long)]
        key: PathBuf,
        /// Where to write the WebM.
        #[arg(long)]
        out: PathBuf,
    },
    /// Who each epoch of a recording was encrypted to, with a fingerprint
    /// of its key (needs the key, like export).
    Info {
        id: String,
        /// As for export: the host link, or the organisation's key.
        #[arg(long)]
        key: PathBuf,
    },
    /// Delete a recording's files.
    Delete { id: String },
    /// Make an organisation recording key pair: the private key goes to
    /// FILE (keep it with the archive team), the public key is printed
    /// for `serve --recording-public-key`.
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(args: RecordingArgs) -> anyhow::Result<()> {
    let dir = crate::config::data_dir(args.config.as_deref(), args.data_dir)?;
    let store = Store::in_data_dir(&dir);
    match args.action {
        Action::List => {
            let listed = store.list()?;
            if listed.is_empty() {
                println!("no recordings in {}", store.root().display());
            }
            for l in listed {
                let stopped = l
                    .meta
                    .stopped_unix
                    .map_or_else(|| "running".to_owned(), |t| t.to_string());
                println!(
                    "{}  started {}  stopped {}  {} bytes  {}",
                    l.meta.id, l.meta.started_unix, stopped, l.media_bytes, l.meta.meeting
                );
            }
        }
        Action::Export { id, key, out } => export(&store, &id, &key, &out)?,
        Action::Info { id, key } => info(&store, &id, &key)?,
        Action::Delete { id } => {
            store.delete(&id)?;
            println!("deleted recording {id}");
        }
        Action::Keygen { out } => keygen(&out)?,
    }
    Ok(())
}

fn export(store: &Store, id: &str, key: &Path, out: &Path) -> anyhow::Result<()> {
    let opener = read_key(key)?;
    let media = store.media_path(id)?;
    let bytes = std::fs::read(&media).with_context(|| format!("reading {}", media.display()))?;
    let file = std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
    let started = std::time::Instant::now();
    let report = match conclave_recording::export(&bytes, opener.as_ref(), BufWriter::new(file)) {
        Ok(r) => r,
        Err(e) => {
            // Nothing half-written is left to be mistaken for the meeting.
            let _ = std::fs::remove_file(out);
            bail!("recording {id}: {e}");
        }
    };
    let took = started.elapsed();
    println!(
        "wrote {}: {} tracks, {:.1} s, from {} epoch keys, in {:.2} s",
        out.display(),
        report.tracks.len(),
        report.duration_ms as f64 / 1000.0,
        report.epochs,
        took.as_secs_f64()
    );
    for t in &report.tracks {
        let what = if t.video {
            format!("video {}x{}", t.width, t.height)
        } else {
            "audio".to_owned()
        };
        println!(
            "  track {}: {} of {} ({}), {} frames",
            t.number, what, t.name, t.source, t.frames
        );
    }
    if report.undecryptable_frames > 0 || report.incomplete_frames > 0 {
        println!(
            "  left out: {} frames no sealed key opens, {} frames missing packets",
            report.undecryptable_frames, report.incomplete_frames
        );
    }
    if report.trailing_bytes > 0 {
        println!(
            "  the file ends in {} bytes of an unfinished record (the server stopped mid-write)",
            report.trailing_bytes
        );
    }
    Ok(())
}

fn info(store: &Store, id: &str, key: &Path) -> anyhow::Result<()> {
    let opener = read_key(key)?;
    let media = store.media_path(id)?;
    let bytes = std::fs::read(&media).with_context(|| format!("reading {}", media.display()))?;
    let epochs = conclave_recording::open_keys(&bytes, opener.as_ref())
        .map_err(|e| anyhow::anyhow!("recording {id}: {e}"))?;
    for e in epochs {
        let members: Vec<String> = e
            .keys
            .members
            .iter()
            .map(|m| {
                format!(
                    "{} (participant {}, leaf {})",
                    m.name, m.participant, m.leaf
                )
            })
            .collect();
        println!(
            "epoch {} at {:.1} s: key {}, encrypted to {}",
            e.keys.epoch,
            e.at_us as f64 / 1e6,
            conclave_e2ee::media::key_fingerprint(&e.keys.base_key[..]),
            members.join(", ")
        );
    }
    Ok(())
}

/// The key in `path`: a host link's meeting key, or an organisation's
/// recording key.
fn read_key(path: &Path) -> anyhow::Result<Box<dyn RecordingOpener>> {
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
    );
    let text = text.trim();
    if text.starts_with(conclave_e2ee::meeting_key::RECORDING_PRIVATE_PREFIX) {
        let pair = RecordingKeyPair::from_private_text(text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        return Ok(Box::new(pair));
    }
    let Ok(url) = url::Url::parse(text) else {
        bail!(
            "{} holds neither a meeting's host link nor a recording private key",
            path.display()
        );
    };
    let fragment = |name: &str| {
        url.fragment().and_then(|f| {
            url::form_urlencoded::parse(f.as_bytes())
                .find(|(k, _)| k == name)
                .map(|(_, v)| zeroize::Zeroizing::new(v.into_owned()))
        })
    };
    match fragment("key") {
        Some(seed) => Ok(Box::new(
            MeetingKey::from_link_part(&seed)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        )),
        None if fragment("pub").is_some() => bail!(
            "{} holds a participant link: it has no meeting key. Use the host link.",
            path.display()
        ),
        None => bail!("{} holds a link without a meeting key", path.display()),
    }
}

fn keygen(out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        bail!("{} exists: not overwriting a key", out.display());
    }
    let pair = RecordingKeyPair::generate().map_err(|e| anyhow::anyhow!("{e}"))?;
    write_private(out, pair.to_private_text().as_bytes())
        .with_context(|| format!("writing {}", out.display()))?;
    println!("{}", pair.public_text());
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}
