//! What the server keeps on disk: meetings (their settings, owner, host
//! secret hash and times), each meeting's audit log, organiser accounts and
//! their sign-in sessions. Nothing said or shown in a meeting, and no
//! participant's name, is ever written.
//!
//! The interface is two small blocking traits, [`MeetingStore`] and
//! [`AccountStore`], so a shared store can replace the embedded SQLite one
//! ([`sqlite::SqliteStore`]) when Conclave runs on several nodes. The async
//! code never calls them directly: [`Store::run`] moves every call onto
//! tokio's blocking pool, so a slow disk never stalls a runtime thread.
//! Times are Unix seconds, passed in by the caller: the stores read no clock.

pub mod lifetime;
pub mod sqlite;

use std::sync::Arc;

use conclave_signaling::ParticipantId;

use crate::meeting_id::MeetingId;

pub use lifetime::Lifetime;

/// Seconds since the Unix epoch.
pub type UnixTime = i64;

/// The wall clock, for the shell only (cores and stores take time as input).
pub fn now() -> UnixTime {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database lock was poisoned by a crash in another request")]
    Poisoned,
    #[error(
        "the database was written by a newer Conclave (schema version {found}, this one knows {known}); \
         upgrade Conclave or restore a backup"
    )]
    TooNew { found: i64, known: i64 },
    #[error("the database task failed: {0}")]
    Task(String),
}

/// Who may share a screen in a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreenShare {
    #[default]
    Everyone,
    Hosts,
}

impl ScreenShare {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ScreenShare::Everyone => "everyone",
            ScreenShare::Hosts => "hosts",
        }
    }

    fn parse(s: &str) -> Self {
        // Anything unknown is the stricter choice.
        if s == "everyone" {
            ScreenShare::Everyone
        } else {
            ScreenShare::Hosts
        }
    }
}

/// A meeting's settings, chosen when it is created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingSettings {
    /// Guests wait to be admitted (enforced once the lobby exists).
    pub lobby: bool,
    /// Nobody new may come in.
    pub locked: bool,
    /// An argon2id PHC string; the passcode itself is never stored.
    pub passcode_hash: Option<String>,
    /// This meeting's own cap, below the server's; `None` = the server's.
    pub max_participants: Option<u32>,
    pub screen_share: ScreenShare,
}

impl Default for MeetingSettings {
    fn default() -> Self {
        Self {
            lobby: true,
            locked: false,
            passcode_hash: None,
            max_participants: None,
            screen_share: ScreenShare::Everyone,
        }
    }
}

/// An organiser account's row id (opaque; never a name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UserId(pub i64);

/// When a meeting was made, last used and ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeetingTimes {
    pub created_at: UnixTime,
    /// Creation, or the latest join or leave.
    pub last_used_at: UnixTime,
    pub ended_at: Option<UnixTime>,
}

pub struct NewMeeting<'a> {
    pub id: &'a MeetingId,
    pub host_secret_hash: [u8; 32],
    pub owner: Option<UserId>,
    pub settings: MeetingSettings,
    pub now: UnixTime,
}

/// What the server knows about a meeting.
#[derive(Clone, Debug)]
pub struct MeetingRecord {
    pub host_secret_hash: Vec<u8>,
    pub owner: Option<UserId>,
    pub settings: MeetingSettings,
    pub times: MeetingTimes,
}

/// Something that happened to a meeting. Participants appear only as the
/// opaque per-connection ids the signaling uses; never by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditEvent {
    Created,
    Joined(ParticipantId),
    Left(ParticipantId),
    /// Ended by a host.
    Ended,
    /// Waiting in the lobby with a sealed knock.
    Knocked(ParticipantId),
    /// Let in by a host (the second id).
    Admitted(ParticipantId, ParticipantId),
    /// Turned away by a host.
    Denied(ParticipantId),
    /// Removed by a host.
    Removed(ParticipantId),
    /// Made a co-host by a host (the second id).
    Promoted(ParticipantId, ParticipantId),
    /// A host locked the meeting (the stored setting follows).
    Locked,
    Unlocked,
    /// A host changed who may share a screen (the stored setting follows).
    ScreenShare(ScreenShare),
    /// Unused for longer than the meeting lifetime.
    Expired,
    /// A host started a recording.
    RecordingStarted(ParticipantId),
    /// A recording stopped: by this host, or by itself (no host left, the
    /// meeting ended, the disk failed).
    RecordingStopped(Option<ParticipantId>),
    /// A host fetched a recording's ciphertext over HTTP.
    RecordingDownloaded,
    /// A host deleted a recording over HTTP.
    RecordingDeleted,
}

impl AuditEvent {
    fn kind(self) -> &'static str {
        match self {
            AuditEvent::Created => "created",
            AuditEvent::Joined(_) => "joined",
            AuditEvent::Left(_) => "left",
            AuditEvent::Ended => "ended",
            AuditEvent::Expired => "expired",
            AuditEvent::Knocked(_) => "knocked",
            AuditEvent::Admitted(..) => "admitted",
            AuditEvent::Denied(_) => "denied",
            AuditEvent::Removed(_) => "removed",
            AuditEvent::Promoted(..) => "promoted",
            AuditEvent::Locked => "locked",
            AuditEvent::Unlocked => "unlocked",
            AuditEvent::ScreenShare(ScreenShare::Everyone) => "screen_share_everyone",
            AuditEvent::ScreenShare(ScreenShare::Hosts) => "screen_share_hosts",
            AuditEvent::RecordingStarted(_) => "recording_started",
            AuditEvent::RecordingStopped(_) => "recording_stopped",
            AuditEvent::RecordingDownloaded => "recording_downloaded",
            AuditEvent::RecordingDeleted => "recording_deleted",
        }
    }

    fn subject(self) -> Option<i64> {
        match self {
            AuditEvent::Joined(p)
            | AuditEvent::Left(p)
            | AuditEvent::Knocked(p)
            | AuditEvent::Admitted(p, _)
            | AuditEvent::Promoted(p, _)
            | AuditEvent::Denied(p)
            | AuditEvent::Removed(p) => i64::try_from(p.0).ok(),
            _ => None,
        }
    }

    /// The host who acted, for events that have one.
    fn actor(self) -> Option<i64> {
        match self {
            AuditEvent::Admitted(_, by)
            | AuditEvent::Promoted(_, by)
            | AuditEvent::RecordingStarted(by)
            | AuditEvent::RecordingStopped(Some(by)) => i64::try_from(by.0).ok(),
            _ => None,
        }
    }

    fn from_row(kind: &str, subject: Option<i64>, actor: Option<i64>) -> Option<Self> {
        let id = |v: Option<i64>| v.and_then(|s| u64::try_from(s).ok()).map(ParticipantId);
        let participant = || id(subject);
        Some(match kind {
            "created" => AuditEvent::Created,
            "joined" => AuditEvent::Joined(participant()?),
            "left" => AuditEvent::Left(participant()?),
            "ended" => AuditEvent::Ended,
            "expired" => AuditEvent::Expired,
            "knocked" => AuditEvent::Knocked(participant()?),
            "admitted" => AuditEvent::Admitted(participant()?, id(actor)?),
            "denied" => AuditEvent::Denied(participant()?),
            "removed" => AuditEvent::Removed(participant()?),
            "promoted" => AuditEvent::Promoted(participant()?, id(actor)?),
            "locked" => AuditEvent::Locked,
            "recording_started" => AuditEvent::RecordingStarted(id(actor)?),
            "recording_stopped" => AuditEvent::RecordingStopped(id(actor)),
            "recording_downloaded" => AuditEvent::RecordingDownloaded,
            "recording_deleted" => AuditEvent::RecordingDeleted,
            "unlocked" => AuditEvent::Unlocked,
            "screen_share_everyone" => AuditEvent::ScreenShare(ScreenShare::Everyone),
            "screen_share_hosts" => AuditEvent::ScreenShare(ScreenShare::Hosts),
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: UnixTime,
    pub event: AuditEvent,
}

/// What one housekeeping pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Meetings that were found unused past their lifetime and ended now.
    pub expired: Vec<MeetingId>,
    /// Ended meetings (with their audit logs) deleted after the retention.
    pub deleted: usize,
    pub sessions_deleted: usize,
}

pub trait MeetingStore: Send + Sync {
    /// Stores a new meeting and its `created` audit entry, together.
    fn create_meeting(&self, meeting: &NewMeeting<'_>) -> Result<(), StoreError>;
    fn meeting(&self, id: &MeetingId) -> Result<Option<MeetingRecord>, StoreError>;
    /// Appends to the meeting's audit log; a join or leave also counts as
    /// a use (renewing the meeting's lifetime).
    fn record(&self, id: &MeetingId, entry: AuditEntry) -> Result<(), StoreError>;
    /// Ends a meeting that is not ended yet (with an `ended` entry); false
    /// if there was no such open meeting.
    fn end_meeting(&self, id: &MeetingId, at: UnixTime) -> Result<bool, StoreError>;
    fn audit(&self, id: &MeetingId) -> Result<Vec<AuditEntry>, StoreError>;
    /// Ends meetings unused past their lifetime, deletes meetings ended
    /// longer ago than the retention, and expired sessions.
    fn sweep(&self, now: UnixTime, lifetime: &Lifetime) -> Result<Swept, StoreError>;
}

/// An organiser as the sign-in check needs it.
pub struct UserRecord {
    pub id: UserId,
    pub password_hash: String,
}

pub trait AccountStore: Send + Sync {
    /// False if a user of that name (ignoring case) exists already.
    fn add_user(&self, name: &str, password_hash: &str, now: UnixTime) -> Result<bool, StoreError>;
    /// Also ends the user's sessions; their meetings stay, without owner.
    fn remove_user(&self, name: &str) -> Result<bool, StoreError>;
    fn user_names(&self) -> Result<Vec<String>, StoreError>;
    fn user(&self, name: &str) -> Result<Option<UserRecord>, StoreError>;
    fn create_session(
        &self,
        token_hash: &[u8; 32],
        user: UserId,
        expires_at: UnixTime,
    ) -> Result<(), StoreError>;
    /// The signed-in user and their name, if the session exists and is
    /// still valid at `now`.
    fn session(
        &self,
        token_hash: &[u8; 32],
        now: UnixTime,
    ) -> Result<Option<(UserId, String)>, StoreError>;
    fn delete_session(&self, token_hash: &[u8; 32]) -> Result<(), StoreError>;
}

/// Both halves, as one backend.
pub trait Backend: MeetingStore + AccountStore {}
impl<T: MeetingStore + AccountStore> Backend for T {}

/// The async shell's handle on the store.
#[derive(Clone)]
pub struct Store {
    backend: Arc<dyn Backend>,
}

impl Store {
    pub fn new(backend: impl Backend + 'static) -> Self {
        Self {
            backend: Arc::new(backend),
        }
    }

    /// Runs `f` on the blocking pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Backend) -> Result<T, StoreError> + Send + 'static,
    {
        let backend = Arc::clone(&self.backend);
        tokio::task::spawn_blocking(move || f(backend.as_ref()))
            .await
            .map_err(|e| StoreError::Task(e.to_string()))?
    }
}
