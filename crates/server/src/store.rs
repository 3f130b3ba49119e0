//! Persistent state in one SQLite file in the data directory: which meetings
//! exist and the hash of each one's host secret. Nothing else about a
//! meeting (names, chat, media) is ever written to disk.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension, params};

use crate::meeting_id::{HostSecret, MeetingId};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database lock was poisoned by a crash in another request")]
    Poisoned,
}

/// What the server knows about a meeting.
pub struct MeetingRecord {
    pub host_secret_hash: Vec<u8>,
}

/// Queries are single-row lookups by primary key (microseconds), so a mutex
/// around one connection is simpler than a pool and not a bottleneck.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        Self::init(conn)
    }

    #[cfg(test)]
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Self, StoreError> {
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE IF NOT EXISTS meetings (
                 id TEXT PRIMARY KEY,
                 host_secret_hash BLOB NOT NULL,
                 created_at INTEGER NOT NULL
             );",
        )?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    pub fn create_meeting(&self, id: &MeetingId, host: &HostSecret) -> Result<(), StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        conn.execute(
            "INSERT INTO meetings (id, host_secret_hash, created_at) VALUES (?1, ?2, ?3)",
            params![id.as_str(), &HostSecret::hash(host.expose())[..], now],
        )?;
        Ok(())
    }

    pub fn meeting(&self, id: &MeetingId) -> Result<Option<MeetingRecord>, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        Ok(conn
            .query_row(
                "SELECT host_secret_hash FROM meetings WHERE id = ?1",
                params![id.as_str()],
                |row| {
                    Ok(MeetingRecord {
                        host_secret_hash: row.get(0)?,
                    })
                },
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meetings_are_found_by_id_with_their_host_hash() {
        let store = Store::in_memory().unwrap();
        let id = MeetingId::generate();
        let host = HostSecret::generate();
        store.create_meeting(&id, &host).unwrap();
        let rec = store.meeting(&id).unwrap().unwrap();
        assert!(HostSecret::matches(host.expose(), &rec.host_secret_hash));
        assert!(store.meeting(&MeetingId::generate()).unwrap().is_none());
    }

    #[test]
    fn meetings_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conclave.sqlite");
        let id = MeetingId::generate();
        Store::open(&path)
            .unwrap()
            .create_meeting(&id, &HostSecret::generate())
            .unwrap();
        assert!(Store::open(&path).unwrap().meeting(&id).unwrap().is_some());
    }
}
