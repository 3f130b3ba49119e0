//! Recorded media the native participant sends: a short VP8 clip in IVF and
//! an Opus clip in Ogg, committed under `fixtures/` and compiled into the
//! binary (see `fixtures/README.md` for how they were made). They loop.

use std::time::Duration;

const VP8_IVF: &[u8] = include_bytes!("../fixtures/video-320x240-vp8.ivf");
const OPUS_OGG: &[u8] = include_bytes!("../fixtures/audio-48k-opus.ogg");

#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    #[error("IVF: {0}")]
    Ivf(String),
    #[error("Ogg: {0}")]
    Ogg(String),
}

/// One encoded frame and how long it lasts.
#[derive(Clone, Debug)]
pub struct Frame {
    pub data: Vec<u8>,
    pub duration: Duration,
}

/// IVF: a 32-byte file header ("DKIF", frame rate), then per frame a 12-byte
/// header (size, timestamp) and the frame. Every length is checked.
pub fn parse_ivf(bytes: &[u8]) -> Result<Vec<Frame>, FixtureError> {
    let err = |m: &str| FixtureError::Ivf(m.to_owned());
    if bytes.len() < 32 || &bytes[..4] != b"DKIF" {
        return Err(err("not an IVF file"));
    }
    let header_len = usize::from(u16::from_le_bytes([bytes[6], bytes[7]]));
    if &bytes[8..12] != b"VP80" {
        return Err(err("not VP8"));
    }
    let rate = u32::from_le_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let scale = u32::from_le_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    if rate == 0 || scale == 0 {
        return Err(err("zero frame rate"));
    }
    let duration = Duration::from_secs_f64(f64::from(scale) / f64::from(rate));
    let mut frames = Vec::new();
    let mut at = header_len.max(32);
    while at < bytes.len() {
        let head = bytes
            .get(at..at + 12)
            .ok_or_else(|| err("truncated frame header"))?;
        let size = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let data = bytes
            .get(at + 12..at + 12 + size)
            .ok_or_else(|| err("truncated frame"))?;
        frames.push(Frame {
            data: data.to_vec(),
            duration,
        });
        at += 12 + size;
    }
    if frames.is_empty() {
        return Err(err("no frames"));
    }
    Ok(frames)
}

/// Ogg Opus: the packets after the two header packets (OpusHead, OpusTags),
/// each 20 ms as the fixture was encoded.
pub fn parse_ogg_opus(bytes: &[u8]) -> Result<Vec<Frame>, FixtureError> {
    let mut reader = ogg::PacketReader::new(std::io::Cursor::new(bytes));
    let mut frames = Vec::new();
    let mut index = 0;
    loop {
        match reader.read_packet() {
            Ok(Some(p)) => {
                if index == 0 && !p.data.starts_with(b"OpusHead") {
                    return Err(FixtureError::Ogg("not an Opus stream".into()));
                }
                if index >= 2 {
                    frames.push(Frame {
                        data: p.data,
                        duration: Duration::from_millis(20),
                    });
                }
                index += 1;
            }
            Ok(None) => break,
            Err(e) => return Err(FixtureError::Ogg(e.to_string())),
        }
    }
    if frames.is_empty() {
        return Err(FixtureError::Ogg("no audio packets".into()));
    }
    Ok(frames)
}

pub fn video() -> Result<Vec<Frame>, FixtureError> {
    parse_ivf(VP8_IVF)
}

pub fn audio() -> Result<Vec<Frame>, FixtureError> {
    parse_ogg_opus(OPUS_OGG)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_fixtures_parse() {
        let v = video().unwrap();
        assert!(v.len() >= 30);
        assert_eq!(v[0].data[0] & 0x01, 0, "the clip starts with a key frame");
        let a = audio().unwrap();
        assert!(a.len() >= 50);
    }

    #[test]
    fn truncated_or_foreign_files_are_errors_not_panics() {
        assert!(parse_ivf(b"").is_err());
        assert!(parse_ivf(&VP8_IVF[..40]).is_err());
        assert!(parse_ivf(&[b'D', b'K', b'I', b'F'].repeat(8)).is_err());
        assert!(parse_ogg_opus(b"OggS garbage").is_err());
        assert!(parse_ogg_opus(&VP8_IVF[..100]).is_err());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Container parsers take any bytes (a damaged or foreign file)
        /// without panicking; a valid header with a damaged body is an error.
        #[test]
        fn arbitrary_files_never_panic(data in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_ivf(&data);
            let _ = parse_ogg_opus(&data);
            let mut ivf = VP8_IVF[..32].to_vec();
            ivf.extend_from_slice(&data);
            let _ = parse_ivf(&ivf);
        }
    }
}
