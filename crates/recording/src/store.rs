//! Where recordings live on the server's disk: one directory per recording
//! under `<data-dir>/recordings/`, holding the append-only media file and a
//! small `meta.json` (when, which meeting by its short tag, when it
//! expires). Nothing here can read the media.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The media file's name inside a recording's directory.
pub const MEDIA_FILE: &str = "media.crec";
const META_FILE: &str = "meta.json";

/// A recording's id: 128 random bits in hex, so ids can be listed and
/// typed, but never guessed into a download.
pub const ID_HEX_LEN: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    /// The meeting as logs name it (its first characters only).
    pub meeting: String,
    /// SHA-256 of the meeting's id (hex): which meeting's hosts may fetch
    /// it, without the store holding the id itself.
    #[serde(default)]
    pub meeting_hash: Option<String>,
    pub started_unix: u64,
    #[serde(default)]
    pub stopped_unix: Option<u64>,
    /// Deleted by the server after this time (the retention policy).
    #[serde(default)]
    pub expires_unix: Option<u64>,
}

/// One listed recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub meta: Meta,
    pub media_bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no recording {0}")]
    NotFound(String),
    #[error("{0:?} is not a recording id (32 hexadecimal characters)")]
    BadId(String),
    #[error("recording store: {0}")]
    Io(#[from] io::Error),
    #[error("recording {0}: its meta.json is unreadable: {1}")]
    BadMeta(String, String),
}

/// Whether `id` has the shape of a recording id: what keeps a name typed on
/// a command line or sent over HTTP from reaching outside the store.
pub fn is_valid_id(id: &str) -> bool {
    id.len() == ID_HEX_LEN && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

pub struct Store {
    root: PathBuf,
}

impl Store {
    /// The store under a server's data directory.
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("recordings"),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The directory of a recording (after checking the id's shape).
    pub fn dir(&self, id: &str) -> Result<PathBuf, StoreError> {
        if !is_valid_id(id) {
            return Err(StoreError::BadId(id.to_owned()));
        }
        Ok(self.root.join(id))
    }

    /// Creates a new recording's directory and meta; returns the path of
    /// its (not yet created) media file.
    pub fn create(&self, meta: &Meta) -> Result<PathBuf, StoreError> {
        let dir = self.dir(&meta.id)?;
        fs::create_dir_all(&self.root)?;
        restrict(&self.root);
        fs::create_dir(&dir)?;
        restrict(&dir);
        self.write_meta(meta)?;
        Ok(dir.join(MEDIA_FILE))
    }

    /// Replaces a recording's meta (written beside, then renamed, so a
    /// crash leaves the old or the new one, never half of either).
    pub fn write_meta(&self, meta: &Meta) -> Result<(), StoreError> {
        let dir = self.dir(&meta.id)?;
        let tmp = dir.join("meta.json.tmp");
        let json = serde_json::to_vec_pretty(meta)
            .map_err(|e| StoreError::BadMeta(meta.id.clone(), e.to_string()))?;
        fs::write(&tmp, json)?;
        fs::rename(&tmp, dir.join(META_FILE))?;
        Ok(())
    }

    pub fn meta(&self, id: &str) -> Result<Meta, StoreError> {
        let path = self.dir(id)?.join(META_FILE);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound(id.to_owned()));
            }
            Err(e) => return Err(e.into()),
        };
        serde_json::from_slice(&bytes)
            .map_err(|e| StoreError::BadMeta(id.to_owned(), e.to_string()))
    }

    /// The media file of an existing recording.
    pub fn media_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        let path = self.dir(id)?.join(MEDIA_FILE);
        if !path.exists() {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        Ok(path)
    }

    /// Every recording, oldest first. Directories that are not
    /// recordings are left alone.
    pub fn list(&self) -> Result<Vec<Listed>, StoreError> {
        let entries = match fs::read_dir(&self.root) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry?;
            let Some(id) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if !is_valid_id(&id) {
                continue;
            }
            let Ok(meta) = self.meta(&id) else {
                tracing::warn!(recording = %id, "a recording without readable meta is left out");
                continue;
            };
            let media_bytes = fs::metadata(entry.path().join(MEDIA_FILE)).map_or(0, |m| m.len());
            out.push(Listed { meta, media_bytes });
        }
        out.sort_by(|a, b| {
            (a.meta.started_unix, &a.meta.id).cmp(&(b.meta.started_unix, &b.meta.id))
        });
        Ok(out)
    }

    /// Deletes a recording's files.
    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        let dir = self.dir(id)?;
        match fs::remove_dir_all(&dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Err(StoreError::NotFound(id.to_owned()))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes every finished recording whose retention ran out; returns
    /// their ids. A recording still running is never expired under it.
    pub fn expire(&self, now_unix: u64) -> Result<Vec<String>, StoreError> {
        let mut gone = Vec::new();
        for listed in self.list()? {
            let due = listed.meta.expires_unix.is_some_and(|t| t <= now_unix);
            if due && listed.meta.stopped_unix.is_some() {
                self.delete(&listed.meta.id)?;
                gone.push(listed.meta.id);
            }
        }
        Ok(gone)
    }
}

/// Recordings are ciphertext, but still nobody else's business on a shared
/// machine: owner-only where the platform has modes.
fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = fs::set_permissions(path, fs::Permissions::from_mode(0o700)) {
            tracing::warn!("could not restrict {}: {e}", path.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str, started: u64, stopped: Option<u64>, expires: Option<u64>) -> Meta {
        Meta {
            id: id.into(),
            meeting: "m:abcd…".into(),
            meeting_hash: None,
            started_unix: started,
            stopped_unix: stopped,
            expires_unix: expires,
        }
    }

    #[test]
    fn recordings_are_created_listed_expired_and_deleted_by_id_only() {
        let tmp = tempdir();
        let store = Store::in_data_dir(&tmp);
        assert!(
            store.list().unwrap().is_empty(),
            "no store yet is an empty list"
        );
        let a = "0123456789abcdef0123456789abcdef";
        let b = "fedcba9876543210fedcba9876543210";
        let c = "00000000000000000000000000000000";
        let media = store.create(&meta(a, 20, Some(30), Some(100))).unwrap();
        fs::write(&media, b"12345").unwrap();
        store.create(&meta(b, 10, None, Some(50))).unwrap();
        store.create(&meta(c, 5, Some(6), None)).unwrap();
        fs::create_dir_all(store.root().join("not-a-recording")).unwrap();

        let listed = store.list().unwrap();
        let ids: Vec<&str> = listed.iter().map(|l| l.meta.id.as_str()).collect();
        assert_eq!(ids, [c, b, a]);
        assert_eq!(listed[2].media_bytes, 5);

        // b is past its time but still running; a is not due yet.
        assert!(store.expire(60).unwrap().is_empty());
        assert_eq!(store.expire(100).unwrap(), [a]);
        assert!(matches!(store.meta(a), Err(StoreError::NotFound(_))));

        for bad in ["../etc", "0123456789ABCDEF0123456789ABCDEF", ""] {
            assert!(matches!(store.delete(bad), Err(StoreError::BadId(_))));
        }
        store.delete(c).unwrap();
        assert!(matches!(store.delete(c), Err(StoreError::NotFound(_))));
        assert_eq!(store.list().unwrap().len(), 1);
        fs::remove_dir_all(&tmp).unwrap();
    }

    fn tempdir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "conclave-recording-store-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }
}
