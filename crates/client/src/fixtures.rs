//! Recorded media the native participant sends: a short VP8 clip in IVF at
//! three sizes (its simulcast layers) and an Opus clip in Ogg, committed
//! under `fixtures/` and compiled into the binary (see `fixtures/README.md`
//! for how they were made). They loop.

use std::time::Duration;

/// The camera's simulcast layers, lowest first, as the web client publishes
/// them (rids `q`, `h`, `f`: a quarter, half and full size): the SFU can
/// then lower a native sender for a small tile or a slow link, as it lowers
/// a browser.
const VP8_LAYERS: [(&str, &[u8]); 3] = [
    ("q", include_bytes!("../fixtures/video-160x120-vp8.ivf")),
    ("h", include_bytes!("../fixtures/video-320x240-vp8.ivf")),
    ("f", include_bytes!("../fixtures/video-640x480-vp8.ivf")),
];
#[cfg(test)]
const VP8_IVF: &[u8] = VP8_LAYERS[1].1;
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

/// The picture height a VP8 key frame announces (RFC 6386 §9.2: frame tag,
/// start code, then 14-bit width and height); `None` for a delta frame or
/// anything else.
pub fn keyframe_height(frame: &[u8]) -> Option<u16> {
    let header = frame.get(..10)?;
    if header[0] & 0x01 != 0 || header[3..6] != [0x9d, 0x01, 0x2a] {
        return None;
    }
    Some(u16::from_le_bytes([header[8], header[9]]) & 0x3fff)
}

/// One simulcast layer of the camera: its rid and its frames.
pub struct Layer {
    pub rid: &'static str,
    pub frames: Vec<Frame>,
}

/// The camera's layers, lowest first. Frame `i` of every layer is the same
/// picture at the same time (key frames aligned), so a receiver switched
/// between layers at a key frame sees no jump.
pub fn video_layers() -> Result<Vec<Layer>, FixtureError> {
    let layers = VP8_LAYERS
        .iter()
        .map(|(rid, ivf)| {
            Ok(Layer {
                rid,
                frames: parse_ivf(ivf)?,
            })
        })
        .collect::<Result<Vec<_>, FixtureError>>()?;
    let count = layers[0].frames.len();
    if layers.iter().any(|l| l.frames.len() != count) {
        return Err(FixtureError::Ivf(
            "simulcast layers differ in length".into(),
        ));
    }
    Ok(layers)
}

pub fn audio() -> Result<Vec<Frame>, FixtureError> {
    parse_ogg_opus(OPUS_OGG)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_fixtures_parse() {
        let layers = video_layers().unwrap();
        assert_eq!(
            layers.iter().map(|l| l.rid).collect::<Vec<_>>(),
            ["q", "h", "f"]
        );
        let heights: Vec<Option<u16>> = layers
            .iter()
            .map(|l| keyframe_height(&l.frames[0].data))
            .collect();
        assert_eq!(
            heights,
            [Some(120), Some(240), Some(480)],
            "lowest first, each twice the last"
        );
        assert_eq!(keyframe_height(&layers[0].frames[1].data), None, "delta");
        assert_eq!(keyframe_height(&[0x00, 0x9d]), None, "truncated");
        for layer in &layers {
            let v = &layer.frames;
            assert!(v.len() >= 30);
            assert_eq!(v[0].data[0] & 0x01, 0, "the clip starts with a key frame");
            let keys: Vec<usize> = (0..v.len()).filter(|&i| v[i].data[0] & 0x01 == 0).collect();
            let first: Vec<usize> = (0..layers[0].frames.len())
                .filter(|&i| layers[0].frames[i].data[0] & 0x01 == 0)
                .collect();
            assert_eq!(keys, first, "key frames aligned across layers");
        }
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
