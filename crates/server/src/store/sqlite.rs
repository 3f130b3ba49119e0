//! The embedded store: one SQLite file in the data directory, in WAL mode,
//! every change a committed transaction (so `kill -9` loses nothing that was
//! answered), the schema moved forward by numbered migrations recorded in
//! SQLite's `user_version`.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{
    AccountStore, AuditEntry, AuditEvent, Lifetime, MeetingRecord, MeetingSettings, MeetingStore,
    MeetingTimes, NewMeeting, ScreenShare, StoreError, Swept, UnixTime, UserId, UserRecord,
};
use crate::meeting_id::MeetingId;

/// The schema, one step per version. Step N takes a database at version N
/// to N + 1; a step is never edited once released, only new ones appended.
/// Step 0 is the schema Conclave had before versioning (created with
/// `IF NOT EXISTS`, so databases from then pass through it unchanged).
const MIGRATIONS: &[&str] = &[
    // 0 → 1: meetings and their host secret hashes (the original schema).
    "CREATE TABLE IF NOT EXISTS meetings (
         id TEXT PRIMARY KEY,
         host_secret_hash BLOB NOT NULL,
         created_at INTEGER NOT NULL
     );",
    // 1 → 2: settings, owner, lifetime, audit log, organiser accounts.
    "CREATE TABLE users (
         id INTEGER PRIMARY KEY,
         name TEXT NOT NULL UNIQUE COLLATE NOCASE,
         password_hash TEXT NOT NULL,
         created_at INTEGER NOT NULL
     );
     CREATE TABLE sessions (
         token_hash BLOB PRIMARY KEY,
         user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         expires_at INTEGER NOT NULL
     );
     CREATE INDEX sessions_by_user ON sessions(user_id);
     ALTER TABLE meetings ADD COLUMN owner INTEGER REFERENCES users(id) ON DELETE SET NULL;
     ALTER TABLE meetings ADD COLUMN lobby INTEGER NOT NULL DEFAULT 1;
     ALTER TABLE meetings ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE meetings ADD COLUMN passcode_hash TEXT;
     ALTER TABLE meetings ADD COLUMN max_participants INTEGER;
     ALTER TABLE meetings ADD COLUMN screen_share TEXT NOT NULL DEFAULT 'everyone';
     ALTER TABLE meetings ADD COLUMN last_used_at INTEGER;
     UPDATE meetings SET last_used_at = created_at;
     ALTER TABLE meetings ADD COLUMN ended_at INTEGER;
     CREATE INDEX meetings_by_last_use ON meetings(last_used_at) WHERE ended_at IS NULL;
     CREATE INDEX meetings_by_end ON meetings(ended_at) WHERE ended_at IS NOT NULL;
     CREATE TABLE audit (
         seq INTEGER PRIMARY KEY AUTOINCREMENT,
         meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
         at INTEGER NOT NULL,
         event TEXT NOT NULL,
         subject INTEGER
     );
     CREATE INDEX audit_by_meeting ON audit(meeting_id, seq);",
    // 2 → 3: the host who acted (admissions), an opaque id like `subject`.
    "ALTER TABLE audit ADD COLUMN actor INTEGER;",
];

/// How long a statement waits for another connection's write (a `conclave
/// user add` while the server runs) before failing. Writes here take
/// milliseconds; 5 s rides out a slow disk without hanging a request long.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// One connection behind a mutex: every query is a lookup or a small write
/// by primary key (microseconds to a few ms with `synchronous = FULL`), and
/// all run on the blocking pool, so a pool would add nothing but
/// connections.
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl SqliteStore {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::init(Connection::open(path)?)
    }

    #[cfg(test)]
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers never block the writer. synchronous = FULL syncs the
        // log at every commit, so a committed change survives a power cut,
        // not only a killed process; writes are rare (creates, joins,
        // sign-ins), so the fsync per commit is affordable.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;",
        )?;
        migrate(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.conn.lock().map_err(|_| StoreError::Poisoned)
    }
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = schema_version();
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    for (version, step) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        tracing::info!(version = version + 1, "database schema migrated");
    }
    Ok(())
}

fn append(tx: &Transaction<'_>, id: &str, entry: AuditEntry) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit (meeting_id, at, event, subject, actor) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id,
            entry.at,
            entry.event.kind(),
            entry.event.subject(),
            entry.event.actor()
        ],
    )?;
    Ok(())
}

impl MeetingStore for SqliteStore {
    fn create_meeting(&self, m: &NewMeeting<'_>) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let s = &m.settings;
        tx.execute(
            "INSERT INTO meetings (id, host_secret_hash, created_at, last_used_at, owner, lobby,
                 locked, passcode_hash, max_participants, screen_share)
             VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                m.id.as_str(),
                &m.host_secret_hash[..],
                m.now,
                m.owner.map(|u| u.0),
                s.lobby,
                s.locked,
                s.passcode_hash,
                s.max_participants,
                s.screen_share.as_str(),
            ],
        )?;
        append(
            &tx,
            m.id.as_str(),
            AuditEntry {
                at: m.now,
                event: AuditEvent::Created,
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    fn meeting(&self, id: &MeetingId) -> Result<Option<MeetingRecord>, StoreError> {
        let conn = self.conn()?;
        Ok(conn
            .query_row(
                "SELECT host_secret_hash, owner, lobby, locked, passcode_hash, max_participants,
                     screen_share, created_at, last_used_at, ended_at
                 FROM meetings WHERE id = ?1",
                params![id.as_str()],
                |row| {
                    let screen_share: String = row.get(6)?;
                    Ok(MeetingRecord {
                        host_secret_hash: row.get(0)?,
                        owner: row.get::<_, Option<i64>>(1)?.map(UserId),
                        settings: MeetingSettings {
                            lobby: row.get(2)?,
                            locked: row.get(3)?,
                            passcode_hash: row.get(4)?,
                            max_participants: row.get(5)?,
                            screen_share: ScreenShare::parse(&screen_share),
                        },
                        times: MeetingTimes {
                            created_at: row.get(7)?,
                            last_used_at: row.get(8)?,
                            ended_at: row.get(9)?,
                        },
                    })
                },
            )
            .optional()?)
    }

    fn record(&self, id: &MeetingId, entry: AuditEntry) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let exists = tx
            .query_row(
                "SELECT 1 FROM meetings WHERE id = ?1",
                params![id.as_str()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        // A meeting deleted meanwhile (retention) takes no new entries.
        if exists {
            if let AuditEvent::Joined(_) | AuditEvent::Left(_) = entry.event {
                tx.execute(
                    "UPDATE meetings SET last_used_at = MAX(last_used_at, ?2) WHERE id = ?1",
                    params![id.as_str(), entry.at],
                )?;
            }
            // The lock is a setting the next node (or restart) must see, so
            // it changes with its audit entry, in one transaction.
            if let AuditEvent::Locked | AuditEvent::Unlocked = entry.event {
                tx.execute(
                    "UPDATE meetings SET locked = ?2 WHERE id = ?1",
                    params![id.as_str(), entry.event == AuditEvent::Locked],
                )?;
            }
            if let AuditEvent::ScreenShare(who) = entry.event {
                tx.execute(
                    "UPDATE meetings SET screen_share = ?2 WHERE id = ?1",
                    params![id.as_str(), who.as_str()],
                )?;
            }
            append(&tx, id.as_str(), entry)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn end_meeting(&self, id: &MeetingId, at: UnixTime) -> Result<bool, StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let changed = tx.execute(
            "UPDATE meetings SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL",
            params![id.as_str(), at],
        )?;
        if changed == 1 {
            append(
                &tx,
                id.as_str(),
                AuditEntry {
                    at,
                    event: AuditEvent::Ended,
                },
            )?;
        }
        tx.commit()?;
        Ok(changed == 1)
    }

    fn audit(&self, id: &MeetingId) -> Result<Vec<AuditEntry>, StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT at, event, subject, actor FROM audit WHERE meeting_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map(params![id.as_str()], |row| {
            let at: i64 = row.get(0)?;
            let kind: String = row.get(1)?;
            let subject: Option<i64> = row.get(2)?;
            let actor: Option<i64> = row.get(3)?;
            Ok(AuditEvent::from_row(&kind, subject, actor).map(|event| AuditEntry { at, event }))
        })?;
        let mut out = Vec::new();
        for row in rows {
            // Entries of kinds a newer version wrote are skipped, not fatal.
            if let Some(entry) = row? {
                out.push(entry);
            }
        }
        Ok(out)
    }

    fn sweep(&self, now: UnixTime, lifetime: &Lifetime) -> Result<Swept, StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let mut expired = Vec::new();
        {
            let mut stmt = tx.prepare(
                "SELECT id, last_used_at FROM meetings
                 WHERE ended_at IS NULL AND last_used_at <= ?1",
            )?;
            let rows = stmt.query_map(params![lifetime.unused_since(now)], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })?;
            for row in rows {
                expired.push(row?);
            }
        }
        let mut swept = Swept::default();
        for (id, last_used) in expired {
            let at = lifetime.expires_at(last_used);
            tx.execute(
                "UPDATE meetings SET ended_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            append(
                &tx,
                &id,
                AuditEntry {
                    at,
                    event: AuditEvent::Expired,
                },
            )?;
            if let Some(id) = MeetingId::parse(&id) {
                swept.expired.push(id);
            }
        }
        let cutoff = lifetime.delete_ended_before(now);
        tx.execute(
            "DELETE FROM audit WHERE meeting_id IN
                 (SELECT id FROM meetings WHERE ended_at <= ?1)",
            params![cutoff],
        )?;
        swept.deleted = tx.execute("DELETE FROM meetings WHERE ended_at <= ?1", params![cutoff])?;
        swept.sessions_deleted =
            tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", params![now])?;
        tx.commit()?;
        Ok(swept)
    }
}

impl AccountStore for SqliteStore {
    fn add_user(&self, name: &str, password_hash: &str, now: UnixTime) -> Result<bool, StoreError> {
        let conn = self.conn()?;
        let added = conn.execute(
            "INSERT INTO users (name, password_hash, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(name) DO NOTHING",
            params![name, password_hash, now],
        )?;
        Ok(added == 1)
    }

    fn remove_user(&self, name: &str) -> Result<bool, StoreError> {
        let conn = self.conn()?;
        Ok(conn.execute("DELETE FROM users WHERE name = ?1", params![name])? == 1)
    }

    fn user_names(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare("SELECT name FROM users ORDER BY name")?;
        let names = stmt
            .query_map([], |row| row.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(names)
    }

    fn user(&self, name: &str) -> Result<Option<UserRecord>, StoreError> {
        let conn = self.conn()?;
        Ok(conn
            .query_row(
                "SELECT id, password_hash FROM users WHERE name = ?1",
                params![name],
                |row| {
                    Ok(UserRecord {
                        id: UserId(row.get(0)?),
                        password_hash: row.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    fn create_session(
        &self,
        token_hash: &[u8; 32],
        user: UserId,
        expires_at: UnixTime,
    ) -> Result<(), StoreError> {
        let conn = self.conn()?;
        conn.execute(
            "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)",
            params![&token_hash[..], user.0, expires_at],
        )?;
        Ok(())
    }

    fn session(
        &self,
        token_hash: &[u8; 32],
        now: UnixTime,
    ) -> Result<Option<(UserId, String)>, StoreError> {
        let conn = self.conn()?;
        let found = conn
            .query_row(
                "SELECT users.id, users.name, sessions.expires_at
                 FROM sessions JOIN users ON users.id = sessions.user_id
                 WHERE sessions.token_hash = ?1",
                params![&token_hash[..]],
                |row| Ok((UserId(row.get(0)?), row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        Ok(found
            .filter(|(_, _, expires_at)| crate::accounts::session_valid(*expires_at, now))
            .map(|(id, name, _)| (id, name)))
    }

    fn delete_session(&self, token_hash: &[u8; 32]) -> Result<(), StoreError> {
        let conn = self.conn()?;
        conn.execute(
            "DELETE FROM sessions WHERE token_hash = ?1",
            params![&token_hash[..]],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting_id::HostSecret;
    use conclave_signaling::ParticipantId;

    fn create(store: &SqliteStore, id: &MeetingId, now: UnixTime) {
        store
            .create_meeting(&NewMeeting {
                id,
                host_secret_hash: HostSecret::hash("secret"),
                owner: None,
                settings: MeetingSettings::default(),
                now,
            })
            .unwrap();
    }

    #[test]
    fn meetings_are_found_by_id_with_their_host_hash_and_settings() {
        let store = SqliteStore::in_memory().unwrap();
        let id = MeetingId::generate();
        let host = HostSecret::generate();
        let settings = MeetingSettings {
            lobby: false,
            locked: true,
            passcode_hash: Some("$argon2id$…".into()),
            max_participants: Some(7),
            screen_share: ScreenShare::Hosts,
        };
        store
            .create_meeting(&NewMeeting {
                id: &id,
                host_secret_hash: HostSecret::hash(host.expose()),
                owner: None,
                settings: settings.clone(),
                now: 100,
            })
            .unwrap();
        let rec = store.meeting(&id).unwrap().unwrap();
        assert!(HostSecret::matches(host.expose(), &rec.host_secret_hash));
        assert_eq!(rec.settings, settings);
        assert_eq!(
            rec.times,
            MeetingTimes {
                created_at: 100,
                last_used_at: 100,
                ended_at: None
            }
        );
        assert!(store.meeting(&MeetingId::generate()).unwrap().is_none());
    }

    #[test]
    fn a_database_of_the_unversioned_schema_migrates_and_keeps_its_meetings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conclave.sqlite");
        let id = MeetingId::generate();
        {
            // Exactly what the server created before migrations existed.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "PRAGMA journal_mode = WAL;
                 CREATE TABLE IF NOT EXISTS meetings (
                     id TEXT PRIMARY KEY,
                     host_secret_hash BLOB NOT NULL,
                     created_at INTEGER NOT NULL
                 );",
            )
            .unwrap();
            conn.execute(
                "INSERT INTO meetings (id, host_secret_hash, created_at) VALUES (?1, ?2, 1234)",
                params![id.as_str(), &HostSecret::hash("old")[..]],
            )
            .unwrap();
        }
        let store = SqliteStore::open(&path).unwrap();
        let rec = store.meeting(&id).unwrap().unwrap();
        assert!(HostSecret::matches("old", &rec.host_secret_hash));
        assert_eq!(
            rec.settings,
            MeetingSettings::default(),
            "lobby on by default"
        );
        assert_eq!(rec.times.last_used_at, 1234);
        let version: i64 = store
            .conn()
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, schema_version());
        drop(store);
        // Opening again runs nothing twice.
        assert!(
            SqliteStore::open(&path)
                .unwrap()
                .meeting(&id)
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conclave.sqlite");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        assert!(matches!(
            SqliteStore::open(&path),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }

    #[test]
    fn audit_entries_append_in_order_and_joins_count_as_use() {
        let store = SqliteStore::in_memory().unwrap();
        let id = MeetingId::generate();
        create(&store, &id, 10);
        let p = ParticipantId(7);
        for entry in [
            AuditEntry {
                at: 20,
                event: AuditEvent::Joined(p),
            },
            AuditEntry {
                at: 30,
                event: AuditEvent::Left(p),
            },
        ] {
            store.record(&id, entry).unwrap();
        }
        assert!(store.end_meeting(&id, 40).unwrap());
        assert!(!store.end_meeting(&id, 41).unwrap(), "ends once");
        let kinds: Vec<(i64, AuditEvent)> = store
            .audit(&id)
            .unwrap()
            .into_iter()
            .map(|e| (e.at, e.event))
            .collect();
        assert_eq!(
            kinds,
            [
                (10, AuditEvent::Created),
                (20, AuditEvent::Joined(p)),
                (30, AuditEvent::Left(p)),
                (40, AuditEvent::Ended)
            ]
        );
        let times = store.meeting(&id).unwrap().unwrap().times;
        assert_eq!(times.last_used_at, 30, "joins and leaves count as use");
        assert_eq!(times.ended_at, Some(40));
        // Entries for a meeting that no longer exists are dropped.
        store
            .record(
                &MeetingId::generate(),
                AuditEntry {
                    at: 1,
                    event: AuditEvent::Created,
                },
            )
            .unwrap();
    }

    #[test]
    fn housekeeping_expires_unused_meetings_then_deletes_them_after_the_retention() {
        let store = SqliteStore::in_memory().unwrap();
        let lifetime = Lifetime {
            ttl: Duration::from_secs(100),
            retention: Duration::from_secs(1000),
        };
        let (old, fresh, ended) = (
            MeetingId::generate(),
            MeetingId::generate(),
            MeetingId::generate(),
        );
        create(&store, &old, 0);
        create(&store, &fresh, 0);
        create(&store, &ended, 0);
        store
            .record(
                &fresh,
                AuditEntry {
                    at: 90,
                    event: AuditEvent::Joined(ParticipantId(1)),
                },
            )
            .unwrap();
        store.end_meeting(&ended, 50).unwrap();

        let swept = store.sweep(150, &lifetime).unwrap();
        assert_eq!(swept.expired, std::slice::from_ref(&old));
        assert_eq!(swept.deleted, 0, "kept for the retention period");
        let last = store.audit(&old).unwrap().pop().unwrap();
        assert_eq!(
            last,
            AuditEntry {
                at: 100,
                event: AuditEvent::Expired
            }
        );
        assert!(
            store
                .meeting(&fresh)
                .unwrap()
                .unwrap()
                .times
                .ended_at
                .is_none()
        );

        let swept = store.sweep(1_100, &lifetime).unwrap();
        assert_eq!(swept.deleted, 2, "`old` (ended at 100) and `ended` (at 50)");
        assert!(store.meeting(&old).unwrap().is_none());
        assert!(store.audit(&ended).unwrap().is_empty());
        assert!(store.meeting(&fresh).unwrap().is_some());
    }

    #[test]
    fn users_sessions_and_removal() {
        let store = SqliteStore::in_memory().unwrap();
        assert!(store.add_user("Ada", "hash", 1).unwrap());
        assert!(
            !store.add_user("ada", "other", 1).unwrap(),
            "names ignore case"
        );
        assert_eq!(store.user_names().unwrap(), ["Ada"]);
        let user = store.user("ADA").unwrap().unwrap();
        assert_eq!(user.password_hash, "hash");
        let token = [7u8; 32];
        store.create_session(&token, user.id, 100).unwrap();
        assert_eq!(
            store.session(&token, 99).unwrap(),
            Some((user.id, "Ada".into()))
        );
        assert_eq!(store.session(&token, 100).unwrap(), None, "expired");
        let id = MeetingId::generate();
        store
            .create_meeting(&NewMeeting {
                id: &id,
                host_secret_hash: [0; 32],
                owner: Some(user.id),
                settings: MeetingSettings::default(),
                now: 1,
            })
            .unwrap();
        assert!(store.remove_user("Ada").unwrap());
        assert!(!store.remove_user("Ada").unwrap());
        assert_eq!(store.session(&token, 0).unwrap(), None, "sessions go too");
        let meeting = store.meeting(&id).unwrap().unwrap();
        assert_eq!(meeting.owner, None, "the meeting stays, without owner");
    }
}
