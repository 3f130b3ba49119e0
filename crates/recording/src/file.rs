//! The recording file: append-only, ciphertext only (docs/recording.md).
//!
//! After a 16-byte magic come records, each `length: u32 BE` (of what
//! follows) and `kind: u8`:
//! - `1` media: `participant u64, source u8, layer u8, seq u64,
//!   rtp_time u64, marker u8, at_us u64`, then the RTP payload exactly as
//!   forwarded (SFrame-encrypted by the sender).
//! - `2` sealed key: `from u64, epoch u64, at_us u64`, then the sealed
//!   epoch (base64 text) a host's client sent.
//!
//! Integers are big-endian; `at_us` counts from the recording's start.
//! A record is only ever appended whole, so a crash leaves a file whose
//! last record may be cut short: readers stop there and keep the rest.

use std::io::{self, Read, Write};

/// The file's first bytes: what it is, and the format's version.
pub const MAGIC: &[u8; 16] = b"conclave-rec-v1\n";

/// No record is longer: a media payload is one RTP packet (under 1500
/// bytes), a sealed key at most the signaling limit (192 KiB). A longer
/// length can only be corruption, and reading it would allocate for it.
pub const MAX_RECORD_BYTES: usize = 256 * 1024;

const KIND_MEDIA: u8 = 1;
const KIND_KEY: u8 = 2;
const MEDIA_HEADER: usize = 8 + 1 + 1 + 8 + 8 + 1 + 8;
const KEY_HEADER: usize = 8 + 8 + 8;

/// Which of a sender's tracks a packet belongs to (the same numbering as
/// the SFrame KID's context, docs/e2ee.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Microphone = 0,
    Camera = 1,
    Screen = 2,
    ScreenAudio = 3,
}

impl Source {
    fn from_byte(b: u8) -> Option<Self> {
        Some(match b {
            0 => Source::Microphone,
            1 => Source::Camera,
            2 => Source::Screen,
            3 => Source::ScreenAudio,
            _ => return None,
        })
    }

    pub fn is_video(self) -> bool {
        matches!(self, Source::Camera | Source::Screen)
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Microphone => "microphone",
            Source::Camera => "camera",
            Source::Screen => "screen",
            Source::ScreenAudio => "screen audio",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRecord {
    pub participant: u64,
    pub source: Source,
    pub layer: u8,
    pub seq: u64,
    pub rtp_time: u64,
    pub marker: bool,
    pub at_us: u64,
    pub payload: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    pub from: u64,
    pub epoch: u64,
    pub at_us: u64,
    pub sealed: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Media(MediaRecord),
    Key(KeyRecord),
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("not a Conclave recording (or another version of the format)")]
    NotARecording,
    #[error("reading the recording: {0}")]
    Io(#[from] io::Error),
    #[error("a record is too long to write ({0} bytes)")]
    TooLong(usize),
}

/// Writes the magic; every record follows it.
pub fn write_header(out: &mut impl Write) -> io::Result<()> {
    out.write_all(MAGIC)
}

/// Appends one media record.
pub fn write_media(out: &mut impl Write, m: &MediaRecordRef<'_>) -> Result<(), FileError> {
    let len = 1 + MEDIA_HEADER + m.payload.len();
    if len > MAX_RECORD_BYTES {
        return Err(FileError::TooLong(len));
    }
    let mut head = [0u8; 4 + 1 + MEDIA_HEADER];
    head[..4].copy_from_slice(&(len as u32).to_be_bytes());
    head[4] = KIND_MEDIA;
    head[5..13].copy_from_slice(&m.participant.to_be_bytes());
    head[13] = m.source as u8;
    head[14] = m.layer;
    head[15..23].copy_from_slice(&m.seq.to_be_bytes());
    head[23..31].copy_from_slice(&m.rtp_time.to_be_bytes());
    head[31] = u8::from(m.marker);
    head[32..40].copy_from_slice(&m.at_us.to_be_bytes());
    out.write_all(&head)?;
    out.write_all(m.payload)?;
    Ok(())
}

/// A media record to write, borrowing its payload.
#[derive(Debug, Clone, Copy)]
pub struct MediaRecordRef<'a> {
    pub participant: u64,
    pub source: Source,
    pub layer: u8,
    pub seq: u64,
    pub rtp_time: u64,
    pub marker: bool,
    pub at_us: u64,
    pub payload: &'a [u8],
}

pub fn write_key(out: &mut impl Write, k: &KeyRecord) -> Result<(), FileError> {
    let len = 1 + KEY_HEADER + k.sealed.len();
    if len > MAX_RECORD_BYTES {
        return Err(FileError::TooLong(len));
    }
    let mut head = [0u8; 4 + 1 + KEY_HEADER];
    head[..4].copy_from_slice(&(len as u32).to_be_bytes());
    head[4] = KIND_KEY;
    head[5..13].copy_from_slice(&k.from.to_be_bytes());
    head[13..21].copy_from_slice(&k.epoch.to_be_bytes());
    head[21..29].copy_from_slice(&k.at_us.to_be_bytes());
    out.write_all(&head)?;
    out.write_all(k.sealed.as_bytes())?;
    Ok(())
}

/// What a read found besides the records.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReadSummary {
    /// Bytes at the end that do not make a whole record (a crash while
    /// writing, or corruption): left out.
    pub trailing_bytes: usize,
    /// Whole records of a kind this build does not know, or malformed.
    pub skipped_records: usize,
}

/// Reads a whole recording file's records in order.
pub fn read_all(mut input: impl Read) -> Result<(Vec<Record>, ReadSummary), FileError> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    parse(&bytes)
}

/// Parses a recording file's bytes.
pub fn parse(bytes: &[u8]) -> Result<(Vec<Record>, ReadSummary), FileError> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or(FileError::NotARecording)?;
    let mut records = Vec::new();
    let mut summary = ReadSummary::default();
    let mut at = 0;
    while at < rest.len() {
        let Some(len_bytes) = rest.get(at..at + 4) else {
            summary.trailing_bytes = rest.len() - at;
            break;
        };
        let len =
            u32::from_be_bytes([len_bytes[0], len_bytes[1], len_bytes[2], len_bytes[3]]) as usize;
        let body = (len <= MAX_RECORD_BYTES && len > 0)
            .then(|| rest.get(at + 4..at + 4 + len))
            .flatten();
        let Some(body) = body else {
            summary.trailing_bytes = rest.len() - at;
            break;
        };
        match parse_record(body) {
            Some(r) => records.push(r),
            None => summary.skipped_records += 1,
        }
        at += 4 + len;
    }
    Ok((records, summary))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn parse_record(body: &[u8]) -> Option<Record> {
    let (&kind, b) = body.split_first()?;
    match kind {
        KIND_MEDIA => {
            if b.len() < MEDIA_HEADER {
                return None;
            }
            Some(Record::Media(MediaRecord {
                participant: u64_at(b, 0)?,
                source: Source::from_byte(b[8])?,
                layer: b[9],
                seq: u64_at(b, 10)?,
                rtp_time: u64_at(b, 18)?,
                marker: b[26] != 0,
                at_us: u64_at(b, 27)?,
                payload: b[MEDIA_HEADER..].to_vec(),
            }))
        }
        KIND_KEY => {
            if b.len() < KEY_HEADER {
                return None;
            }
            Some(Record::Key(KeyRecord {
                from: u64_at(b, 0)?,
                epoch: u64_at(b, 8)?,
                at_us: u64_at(b, 16)?,
                sealed: String::from_utf8(b[KEY_HEADER..].to_vec()).ok()?,
            }))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media(seq: u64, payload: &[u8]) -> MediaRecordRef<'_> {
        MediaRecordRef {
            participant: 7,
            source: Source::Camera,
            layer: 2,
            seq,
            rtp_time: 90_000 + seq,
            marker: seq.is_multiple_of(2),
            at_us: 1000 * seq,
            payload,
        }
    }

    #[test]
    fn records_round_trip_and_a_cut_tail_keeps_everything_before_it() {
        let mut file = Vec::new();
        write_header(&mut file).unwrap();
        write_media(&mut file, &media(1, b"one")).unwrap();
        let key = KeyRecord {
            from: 3,
            epoch: 9,
            at_us: 1500,
            sealed: "c2VhbGVk".into(),
        };
        write_key(&mut file, &key).unwrap();
        write_media(&mut file, &media(2, b"two")).unwrap();
        let whole = file.len();

        let (records, summary) = parse(&file).unwrap();
        assert_eq!(summary, ReadSummary::default());
        assert_eq!(records.len(), 3);
        assert_eq!(records[1], Record::Key(key));
        let Record::Media(m) = &records[2] else {
            panic!("media expected")
        };
        assert_eq!(
            (m.seq, m.marker, m.layer, &m.payload[..]),
            (2, true, 2, &b"two"[..])
        );

        // Every possible cut inside the last record keeps the first two.
        let last = 4 + 1 + MEDIA_HEADER + 3;
        for cut in whole - last..whole {
            let (records, summary) = parse(&file[..cut]).unwrap();
            assert_eq!(records.len(), 2, "cut at {cut}");
            assert_eq!(summary.trailing_bytes, cut - (whole - last));
        }
    }

    #[test]
    fn other_files_and_hostile_lengths_are_refused_without_allocating_for_them() {
        assert!(matches!(parse(b"RIFF...."), Err(FileError::NotARecording)));
        let mut file = MAGIC.to_vec();
        file.extend_from_slice(&u32::MAX.to_be_bytes());
        file.extend_from_slice(&[1; 64]);
        let (records, summary) = parse(&file).unwrap();
        assert!(records.is_empty());
        assert_eq!(summary.trailing_bytes, 68);
        // An unknown kind is skipped, not fatal.
        let mut file = MAGIC.to_vec();
        file.extend_from_slice(&2u32.to_be_bytes());
        file.extend_from_slice(&[9, 9]);
        write_media(&mut file, &media(4, b"x")).unwrap();
        let (records, summary) = parse(&file).unwrap();
        assert_eq!((records.len(), summary.skipped_records), (1, 1));
        let huge = vec![0u8; MAX_RECORD_BYTES];
        assert!(matches!(
            write_media(&mut Vec::new(), &media(5, &huge)),
            Err(FileError::TooLong(_))
        ));
    }
}
