//! `conclave meeting show ID`: what the store holds about one meeting (its
//! settings, times and audit log), for the operator. `conclave meeting
//! create`: a meeting with its host and participant links, the meeting key
//! drawn here as an organiser's browser would (the store keeps neither the
//! key nor the host secret). Both use the data directory directly, so they
//! work whether or not `serve` is running (SQLite in WAL mode).

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::meeting_id::{HostSecret, MeetingId};
use crate::store::sqlite::SqliteStore;
use crate::store::{AuditEvent, MeetingSettings, MeetingStore, NewMeeting};

#[derive(clap::Args)]
pub struct MeetingArgs {
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
    /// Create a meeting (lobby on) and print its participant link and host
    /// link. The host link holds the meeting key: whoever has it can admit
    /// people, so hand it over only to hosts.
    Create {
        /// The server's address as participants reach it, to print whole
        /// links (e.g. https://meet.example.org); paths only without it.
        #[arg(long)]
        url: Option<String>,
        /// Let anyone with the link in without a lobby (not recommended).
        #[arg(long)]
        no_lobby: bool,
        /// Protect the meeting with a passcode, typed at a prompt (or one
        /// line of standard input), never given as an argument. The links
        /// printed carry it, so one click still opens the meeting; without
        /// it the meeting answers as an unknown one does.
        #[arg(long)]
        passcode: bool,
        /// Seal this meeting's recordings to an organisation's recording
        /// key (`conclave recording keygen`) instead of the meeting key.
        // Keys are base64url, so one in 64 begins with '-': still a key.
        #[arg(
            long,
            env = "CONCLAVE_RECORDING_PUBLIC_KEY",
            allow_hyphen_values = true
        )]
        recording_public_key: Option<String>,
    },
    /// Print a meeting's settings, times and audit log (times in Unix
    /// seconds; participants by opaque id).
    Show {
        /// The meeting id (the part of its link after /m/).
        // Ids are base64url, so one in 64 begins with '-': still an id.
        #[arg(allow_hyphen_values = true)]
        id: String,
    },
}

pub fn run(args: MeetingArgs) -> anyhow::Result<()> {
    let dir = crate::config::data_dir(args.config.as_deref(), args.data_dir)?;
    let path = dir.join("conclave.sqlite");
    if !path.exists() {
        bail!("no database at {}", path.display());
    }
    let store = SqliteStore::open(&path).with_context(|| format!("opening {}", path.display()))?;
    match args.action {
        Action::Create {
            url,
            no_lobby,
            passcode,
            recording_public_key,
        } => {
            let rec = recording_public_key
                .map(|k| crate::config::recording_public_key(&k))
                .transpose()?
                .map_or(String::new(), |k| format!("&rec={k}"));
            let passcode = if passcode {
                let p = crate::user::read_secret("Passcode")?;
                if p.is_empty() {
                    bail!("a passcode cannot be empty");
                }
                if p.is_too_long() {
                    bail!(
                        "a passcode must be at most {} bytes",
                        crate::accounts::MAX_PASSWORD_BYTES
                    );
                }
                Some(p)
            } else {
                None
            };
            let passcode_hash = passcode
                .as_ref()
                .map(crate::accounts::hash_password)
                .transpose()
                .context("hashing the passcode")?;
            // As POST /api/meetings does: the links carry the passcode in
            // their query.
            let passcode_query =
                crate::meeting_id::passcode_query(passcode.as_ref().map(|p| p.expose()));
            let query = passcode_query.as_str();
            let id = MeetingId::generate();
            let host = HostSecret::generate();
            let key = conclave_e2ee::MeetingKey::generate()
                .map_err(|e| anyhow::anyhow!("drawing the meeting key: {e}"))?;
            let settings = MeetingSettings {
                lobby: !no_lobby,
                passcode_hash,
                ..MeetingSettings::default()
            };
            store.create_meeting(&NewMeeting {
                id: &id,
                host_secret_hash: HostSecret::hash(host.expose()),
                owner: None,
                settings,
                now: crate::store::now(),
            })?;
            let base = url.as_deref().unwrap_or("").trim_end_matches('/');
            println!(
                "Participant link: {base}/m/{}{query}#pub={}{rec}",
                id.as_str(),
                key.public().to_link_part()
            );
            println!(
                "Host link: {base}/m/{}{query}#host={}&key={}{rec}",
                id.as_str(),
                host.expose(),
                key.to_link_part().as_str()
            );
        }
        Action::Show { id } => {
            let id = MeetingId::parse(&id).context("not a meeting id")?;
            let Some(m) = store.meeting(&id)? else {
                bail!("no such meeting");
            };
            let s = &m.settings;
            println!("created_at: {}", m.times.created_at);
            println!("last_used_at: {}", m.times.last_used_at);
            match m.times.ended_at {
                Some(t) => println!("ended_at: {t}"),
                None => println!("ended_at: -"),
            }
            match m.owner {
                Some(u) => println!("owner: user {}", u.0),
                None => println!("owner: -"),
            }
            println!("lobby: {}", s.lobby);
            println!("locked: {}", s.locked);
            println!(
                "passcode: {}",
                if s.passcode_hash.is_some() {
                    "set"
                } else {
                    "none"
                }
            );
            match s.max_participants {
                Some(n) => println!("max_participants: {n}"),
                None => println!("max_participants: server default"),
            }
            println!("screen_share: {:?}", s.screen_share);
            println!("audit:");
            for entry in store.audit(&id)? {
                let line = match entry.event {
                    AuditEvent::Created => "created".to_owned(),
                    AuditEvent::Joined(p) => format!("joined {p}"),
                    AuditEvent::Left(p) => format!("left {p}"),
                    AuditEvent::Ended => "ended".to_owned(),
                    AuditEvent::Expired => "expired".to_owned(),
                    AuditEvent::Knocked(p) => format!("knocked {p}"),
                    AuditEvent::Admitted(p, by) => format!("admitted {p} by {by}"),
                    AuditEvent::Denied(p) => format!("denied {p}"),
                    AuditEvent::Removed(p) => format!("removed {p}"),
                    AuditEvent::Promoted(p, by) => format!("promoted {p} by {by}"),
                    AuditEvent::Locked => "locked".to_owned(),
                    AuditEvent::Unlocked => "unlocked".to_owned(),
                    AuditEvent::ScreenShare(who) => format!("screen sharing: {who:?}"),
                    AuditEvent::RecordingStarted(by) => format!("recording started by {by}"),
                    AuditEvent::RecordingStopped(Some(by)) => format!("recording stopped by {by}"),
                    AuditEvent::RecordingStopped(None) => "recording stopped".to_owned(),
                    AuditEvent::RecordingDownloaded => "recording downloaded by a host".to_owned(),
                    AuditEvent::RecordingDeleted => "recording deleted by a host".to_owned(),
                };
                println!("  {} {line}", entry.at);
            }
        }
    }
    Ok(())
}
