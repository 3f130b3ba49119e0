//! Writes recorded meetings to disk, off the media task: one writer thread
//! per running recording, fed through a bounded queue. The media task only
//! ever `try_send`s, so a slow disk costs recorded packets (counted), never
//! forwarding. What is written is what the SFU forwarded: ciphertext.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::time::{Duration, Instant};

use conclave_recording::file::{self, KeyRecord, MediaRecordRef};
use conclave_recording::{Meta, Source, Store};
use conclave_sfu::RoomKey;
use conclave_sfu::recording::RecordedPacket;
use conclave_signaling::{ParticipantId, TrackSource};

use crate::meeting_id::MeetingId;

/// Packets queued for one recording's writer. About four seconds of a
/// 20-person meeting's uplinks: enough to ride out a disk hiccup; past it
/// packets are dropped (the recording gets a gap) rather than the media
/// task's memory growing.
const WRITER_QUEUE: usize = 16 * 1024;

/// A crash (or `kill -9`) loses at most this much of a recording: the
/// writer flushes at least this often. Shorter means more small writes.
const FLUSH_EVERY: Duration = Duration::from_millis(500);

/// Where recordings go and for how long they are kept.
#[derive(Debug, Clone)]
pub struct RecordingConfig {
    pub data_dir: PathBuf,
    /// Finished recordings are deleted this long after they stop.
    pub retention: Option<Duration>,
}

enum Entry {
    Media(RecordedPacket),
    Key {
        from: ParticipantId,
        epoch: u64,
        sealed: String,
        at: Instant,
    },
}

struct Running {
    id: String,
    queue: SyncSender<Entry>,
    dropped: u64,
}

pub struct Recorders {
    config: Option<RecordingConfig>,
    running: HashMap<RoomKey, Running>,
    /// Recordings whose writer gave up (a write error): the media task
    /// stops them in their meetings, so nobody believes they still record.
    failed: Vec<RoomKey>,
}

impl Recorders {
    pub fn new(config: Option<RecordingConfig>) -> Self {
        Self {
            config,
            running: HashMap::new(),
            failed: Vec::new(),
        }
    }

    /// Opens a recording for `room`; its id on success.
    pub fn start(&mut self, room: RoomKey, meeting: &MeetingId) -> Result<String, String> {
        let config = self
            .config
            .as_ref()
            .ok_or("this server keeps no recordings")?;
        if let Some(r) = self.running.get(&room) {
            return Ok(r.id.clone());
        }
        let mut raw = [0u8; 16];
        rand::fill(&mut raw);
        let id: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        let store = Store::in_data_dir(&config.data_dir);
        let started = unix_now();
        let meta = Meta {
            id: id.clone(),
            meeting: meeting.to_string(),
            meeting_hash: Some(crate::recordings_api::meeting_hash(meeting)),
            started_unix: started,
            stopped_unix: None,
            expires_unix: None,
        };
        let path = store.create(&meta).map_err(|e| e.to_string())?;
        let mut out = BufWriter::new(File::create(&path).map_err(|e| e.to_string())?);
        file::write_header(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())?;
        let (queue, rx) = sync_channel(WRITER_QUEUE);
        let retention = config.retention;
        let thread_id = id.clone();
        std::thread::Builder::new()
            .name("recording-writer".into())
            .spawn(move || write_loop(out, rx, Instant::now(), store, meta, retention))
            .map_err(|e| e.to_string())?;
        tracing::info!(recording = %thread_id, "recording started");
        self.running.insert(
            room,
            Running {
                id,
                queue,
                dropped: 0,
            },
        );
        Ok(thread_id)
    }

    /// Closes `room`'s recording: the writer drains its queue, flushes and
    /// notes when it stopped.
    pub fn stop(&mut self, room: RoomKey) {
        if let Some(r) = self.running.remove(&room) {
            tracing::info!(recording = %r.id, dropped = r.dropped, "recording stopped");
        }
    }

    /// A recording whose writer failed since the last call.
    pub fn poll_failed(&mut self) -> Option<RoomKey> {
        self.failed.pop()
    }

    pub fn packet(&mut self, packet: RecordedPacket) {
        let room = packet.room;
        self.offer(room, Entry::Media(packet));
    }

    pub fn key(&mut self, room: RoomKey, from: ParticipantId, epoch: u64, sealed: String) {
        let at = Instant::now();
        self.offer(
            room,
            Entry::Key {
                from,
                epoch,
                sealed,
                at,
            },
        );
    }

    fn offer(&mut self, room: RoomKey, entry: Entry) {
        let Some(r) = self.running.get_mut(&room) else {
            return;
        };
        match r.queue.try_send(entry) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                r.dropped += 1;
                if r.dropped.is_power_of_two() {
                    tracing::warn!(recording = %r.id, dropped = r.dropped, "recording writer behind; packets dropped");
                }
            }
            Err(TrySendError::Disconnected(_)) => {
                // The writer gave up (a write error, logged there).
                self.running.remove(&room);
                self.failed.push(room);
            }
        }
    }
}

fn unix_now() -> u64 {
    u64::try_from(crate::store::now()).unwrap_or(0)
}

fn source_of(s: TrackSource) -> Source {
    match s {
        TrackSource::Microphone => Source::Microphone,
        TrackSource::Camera => Source::Camera,
        TrackSource::Screen => Source::Screen,
        TrackSource::ScreenAudio => Source::ScreenAudio,
    }
}

fn write_loop(
    mut out: BufWriter<File>,
    rx: Receiver<Entry>,
    start: Instant,
    store: Store,
    mut meta: Meta,
    retention: Option<Duration>,
) {
    let since = |at: Instant| {
        u64::try_from(at.saturating_duration_since(start).as_micros()).unwrap_or(u64::MAX)
    };
    let mut last_flush = Instant::now();
    let mut failed = false;
    loop {
        let entry = match rx.recv_timeout(FLUSH_EVERY) {
            Ok(e) => Some(e),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let written = match &entry {
            Some(Entry::Media(p)) => file::write_media(
                &mut out,
                &MediaRecordRef {
                    participant: p.from.0,
                    source: source_of(p.source),
                    layer: p.layer,
                    seq: p.seq,
                    rtp_time: p.rtp_time,
                    marker: p.marker,
                    at_us: since(p.at),
                    payload: &p.payload,
                },
            ),
            Some(Entry::Key {
                from,
                epoch,
                sealed,
                at,
            }) => file::write_key(
                &mut out,
                &KeyRecord {
                    from: from.0,
                    epoch: *epoch,
                    at_us: since(*at),
                    sealed: sealed.clone(),
                },
            ),
            None => Ok(()),
        };
        let flushed = if last_flush.elapsed() >= FLUSH_EVERY {
            last_flush = Instant::now();
            out.flush().map_err(file::FileError::from)
        } else {
            Ok(())
        };
        if let Err(e) = written.and(flushed) {
            tracing::error!(recording = %meta.id, "recording write failed; the recording stops here: {e}");
            failed = true;
            break;
        }
    }
    if let Err(e) = out.flush() {
        tracing::error!(recording = %meta.id, "recording flush failed: {e}");
    }
    drop(rx);
    let stopped = unix_now();
    meta.stopped_unix = Some(stopped);
    meta.expires_unix = retention.map(|r| stopped.saturating_add(r.as_secs()));
    if let Err(e) = store.write_meta(&meta) {
        tracing::error!(recording = %meta.id, "could not note the recording's end: {e}");
    }
    tracing::info!(recording = %meta.id, failed, "recording file closed");
}
