//! Offline export: opens a recording's sealed epoch keys with the recording
//! key, decrypts every frame it can and writes a standard WebM: one VP8
//! track per sender's camera (and screen), one Opus track per sender's
//! microphone (and screen audio), all on one timeline. No mixing and no
//! grid, so nothing is re-encoded and nothing is lost; players show the
//! first video track and `ffmpeg -map` picks any other.
//!
//! A frame's sender is the one its SFrame key names (the KID's MLS leaf,
//! looked up in the epoch's sealed roster), not the server's label on the
//! packet: a server that relabels packets cannot put words in someone's
//! mouth.

use std::collections::{BTreeMap, HashMap};
use std::io::{Seek, Write};
use std::time::Instant;

use conclave_e2ee::{
    Codec, FrameDecryptor, MeetingKeyError, RecordingEpoch, RecordingOpener, TrackContext,
};

use crate::depacketize::{self, Frame};
use crate::file::{self, MediaRecord, Record, Source};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    File(#[from] file::FileError),
    #[error(
        "the recording holds no sealed keys (no host's client sealed any), so none of it can be opened"
    )]
    NoKeys,
    #[error(
        "this key opens none of the recording's {0} sealed keys: it is not this recording's key (another meeting's host link, or the wrong organisation key)"
    )]
    WrongKey(usize),
    #[error("no frame of the recording decrypts with its keys")]
    NothingDecrypts,
    #[error("writing the WebM: {0}")]
    Mux(String),
}

/// One track of the exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedTrack {
    /// The WebM track number.
    pub number: u64,
    pub video: bool,
    pub participant: u64,
    pub name: String,
    pub source: &'static str,
    pub frames: u64,
    /// Video only: the first key frame's size.
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    pub tracks: Vec<ExportedTrack>,
    pub duration_ms: u64,
    /// Epochs whose keys opened.
    pub epochs: usize,
    /// Frames no opened key decrypts (sent before the first sealed epoch,
    /// or under an epoch nobody sealed).
    pub undecryptable_frames: u64,
    /// Frames missing a packet (lost on the sender's uplink).
    pub incomplete_frames: u64,
    /// Bytes at the end of the file that were no whole record (a crash).
    pub trailing_bytes: usize,
}

struct Epoch {
    at_us: u64,
    keys: RecordingEpoch,
    decryptor: FrameDecryptor,
}

/// A decrypted frame, attributed.
struct Plain {
    at_us: u64,
    rtp_time: u64,
    data: Vec<u8>,
}

/// (sender participant, track context as its number, layer) → frames.
type Tracks = BTreeMap<(u64, u8, u8), Vec<Plain>>;

/// Exports a recording file's bytes with `opener` (the meeting key from a
/// host link, or an organisation's recording key) into `out`.
pub fn export<W: Write + Seek>(
    recording: &[u8],
    opener: &dyn RecordingOpener,
    out: W,
) -> Result<ExportReport, ExportError> {
    let (records, summary) = file::parse(recording)?;
    let mut report = ExportReport {
        trailing_bytes: summary.trailing_bytes,
        ..ExportReport::default()
    };
    let mut epochs = open_epochs(&records, opener)?;
    report.epochs = epochs.len();

    let mut streams: BTreeMap<(u64, Source, u8), Vec<&MediaRecord>> = BTreeMap::new();
    for r in &records {
        if let Record::Media(m) = r {
            streams
                .entry((m.participant, m.source, m.layer))
                .or_default()
                .push(m);
        }
    }
    let mut tracks: Tracks = BTreeMap::new();
    let mut names: HashMap<u64, String> = HashMap::new();
    for ((_, source, layer), packets) in streams {
        let frames = if source.is_video() {
            let (frames, losses) = depacketize::vp8_frames(packets.iter().copied());
            report.incomplete_frames += losses.incomplete_frames;
            frames
        } else {
            depacketize::opus_frames(packets.iter().copied())
        };
        let codec = if source.is_video() {
            Codec::Vp8
        } else {
            Codec::Opus
        };
        for frame in frames {
            match decrypt(&mut epochs, codec, &frame) {
                Some((participant, name, context, data)) => {
                    names.entry(participant).or_insert(name);
                    tracks
                        .entry((participant, context as u8, layer))
                        .or_default()
                        .push(Plain {
                            at_us: frame.at_us,
                            rtp_time: frame.rtp_time,
                            data,
                        });
                }
                None => report.undecryptable_frames += 1,
            }
        }
    }
    let chosen = best_layers(tracks);
    if chosen.is_empty() {
        return Err(ExportError::NothingDecrypts);
    }
    mux(chosen, &names, out, &mut report)?;
    Ok(report)
}

/// One epoch's keys as a recording holds them, opened.
pub struct OpenedEpoch {
    /// When the server stored them (µs from the recording's start).
    pub at_us: u64,
    pub keys: RecordingEpoch,
}

/// Opens every sealed epoch of a recording that `opener` can open (one per
/// epoch: each host's client seals each epoch). Errors when there are none
/// to open, or when the key opens none of them.
pub fn open_keys(
    recording: &[u8],
    opener: &dyn RecordingOpener,
) -> Result<Vec<OpenedEpoch>, ExportError> {
    let (records, _) = file::parse(recording)?;
    open_records(&records, opener)
}

fn open_records(
    records: &[Record],
    opener: &dyn RecordingOpener,
) -> Result<Vec<OpenedEpoch>, ExportError> {
    let mut opened: Vec<OpenedEpoch> = Vec::new();
    let mut sealed = 0;
    for r in records {
        let Record::Key(k) = r else { continue };
        sealed += 1;
        match opener.open_recording_epoch(&k.sealed) {
            Ok(keys) if keys.epoch == k.epoch => {
                if !opened.iter().any(|e| e.keys.epoch == keys.epoch) {
                    opened.push(OpenedEpoch {
                        at_us: k.at_us,
                        keys,
                    });
                }
            }
            Ok(_) => tracing::warn!(
                epoch = k.epoch,
                "a sealed key names another epoch inside: skipped"
            ),
            Err(MeetingKeyError::RecordingDoesNotOpen) => {}
            Err(e) => tracing::warn!(epoch = k.epoch, "a sealed key is unreadable: {e}"),
        }
    }
    if sealed == 0 {
        return Err(ExportError::NoKeys);
    }
    if opened.is_empty() {
        return Err(ExportError::WrongKey(sealed));
    }
    Ok(opened)
}

fn open_epochs(
    records: &[Record],
    opener: &dyn RecordingOpener,
) -> Result<Vec<Epoch>, ExportError> {
    Ok(open_records(records, opener)?
        .into_iter()
        .map(|o| {
            let mut decryptor = FrameDecryptor::new();
            decryptor.set_epoch(o.keys.epoch, &o.keys.base_key, Instant::now());
            Epoch {
                at_us: o.at_us,
                keys: o.keys,
                decryptor,
            }
        })
        .collect())
}

/// Tries the epochs sealed nearest the frame's arrival first: the KID
/// carries only the epoch's low bits, and authentication tells which epoch
/// of those it really was.
fn decrypt(
    epochs: &mut [Epoch],
    codec: Codec,
    frame: &Frame,
) -> Option<(u64, String, TrackContext, Vec<u8>)> {
    let mut order: Vec<usize> = (0..epochs.len()).collect();
    order.sort_by_key(|&i| epochs[i].at_us.abs_diff(frame.at_us));
    let mut out = Vec::new();
    for i in order {
        let e = &mut epochs[i];
        if let Ok((leaf, context)) = e.decryptor.decrypt(codec, &frame.data, &mut out) {
            let member = e.keys.members.iter().find(|m| m.leaf == leaf)?;
            return Some((member.participant, member.name.clone(), context, out));
        }
    }
    None
}

/// A higher simulcast layer is kept over the fullest one if it has at
/// least this share of its frames: better pictures for a few more gaps
/// (the sender dropped it for a while on a poor uplink).
const LAYER_FRAMES_SHARE_PERCENT: usize = 80;

/// Frames of a layer a decoder can show: for video, from its first key
/// frame on (a layer whose key frames all fell before the recording's
/// first sealed epoch shows nothing).
fn usable(context: u8, frames: &[Plain]) -> usize {
    if context != TrackContext::Camera as u8 && context != TrackContext::Screen as u8 {
        return frames.len();
    }
    frames
        .iter()
        .position(|f| vp8_size(&f.data).is_some())
        .map_or(0, |first| frames.len() - first)
}

/// For each sender's video, the highest simulcast layer that kept flowing
/// (nearly as many showable frames as the fullest one); audio has one layer.
fn best_layers(tracks: Tracks) -> BTreeMap<(u64, u8), Vec<Plain>> {
    let mut layers: BTreeMap<(u64, u8), Vec<Vec<Plain>>> = BTreeMap::new();
    // Tracks iterate by layer, lowest first.
    for ((participant, context, _layer), frames) in tracks {
        if !frames.is_empty() {
            layers
                .entry((participant, context))
                .or_default()
                .push(frames);
        }
    }
    layers
        .into_iter()
        .filter_map(|(key, mut found)| {
            let most = found.iter().map(|f| usable(key.1, f)).max()?;
            let pick = found
                .iter()
                .rposition(|f| usable(key.1, f) * 100 >= most * LAYER_FRAMES_SHARE_PERCENT)?;
            Some((key, found.swap_remove(pick)))
        })
        .collect()
}

/// When the RTP clock and the arrivals between two frames disagree by more
/// than this, the stream restarted (a republished camera starts a new RTP
/// clock): a new segment of the timeline begins there. Under it, the RTP
/// clock rules, which keeps network jitter and bursts (frames held up and
/// then sent together) out of the playback.
const CLOCK_SLIP_US: i128 = 5_000_000;

/// Frames of one track never share a WebM timestamp (millisecond units).
const MIN_SPACING_US: u64 = 1000;

/// Each frame's presentation time (µs from the start of the recording):
/// the RTP clock, placed where the least delayed frame of its segment says.
fn timeline(frames: &[Plain], clock: u64) -> Vec<u64> {
    let us = |rtp: u64| i128::from(rtp) * 1_000_000 / i128::from(clock);
    let mut times = Vec::with_capacity(frames.len());
    let mut start = 0;
    while start < frames.len() {
        let mut end = start + 1;
        while end < frames.len() {
            let (a, b) = (&frames[end - 1], &frames[end]);
            let by_clock = us(b.rtp_time) - us(a.rtp_time);
            let by_arrival = i128::from(b.at_us) - i128::from(a.at_us);
            if b.rtp_time < a.rtp_time || (by_clock - by_arrival).abs() > CLOCK_SLIP_US {
                break;
            }
            end += 1;
        }
        let segment = &frames[start..end];
        let first = us(segment[0].rtp_time);
        let offset = segment
            .iter()
            .map(|f| i128::from(f.at_us) - (us(f.rtp_time) - first))
            .min()
            .unwrap_or(0);
        for f in segment {
            let t = (us(f.rtp_time) - first + offset).max(0);
            times.push(u64::try_from(t).unwrap_or(0));
        }
        start = end;
    }
    let mut last: Option<u64> = None;
    for t in &mut times {
        if let Some(l) = last
            && *t < l + MIN_SPACING_US
        {
            *t = l + MIN_SPACING_US;
        }
        last = Some(*t);
    }
    times
}

fn vp8_size(frame: &[u8]) -> Option<(u32, u32)> {
    let keyframe = frame.first()? & 0x01 == 0;
    if !keyframe || frame.get(3..6)? != [0x9d, 0x01, 0x2a] {
        return None;
    }
    let w = u16::from_le_bytes([*frame.get(6)?, *frame.get(7)?]) & 0x3fff;
    let h = u16::from_le_bytes([*frame.get(8)?, *frame.get(9)?]) & 0x3fff;
    (w > 0 && h > 0).then_some((u32::from(w), u32::from(h)))
}

/// RFC 7845's identification header, which WebM carries as the Opus
/// track's CodecPrivate: version 1, 2 channels (a mono stream decodes to
/// both), no pre-skip (WebRTC streams have no encoder delay to trim),
/// 48 kHz, no gain, mapping family 0.
fn opus_head() -> Vec<u8> {
    let mut h = b"OpusHead".to_vec();
    h.push(1);
    h.push(2);
    h.extend_from_slice(&0u16.to_le_bytes());
    h.extend_from_slice(&48_000u32.to_le_bytes());
    h.extend_from_slice(&0u16.to_le_bytes());
    h.push(0);
    h
}

fn mux<W: Write + Seek>(
    chosen: BTreeMap<(u64, u8), Vec<Plain>>,
    names: &HashMap<u64, String>,
    out: W,
    report: &mut ExportReport,
) -> Result<(), ExportError> {
    use webm::mux::{AudioCodecId, SegmentBuilder, VideoCodecId, Writer};
    let mux_err = |e: webm::mux::Error| ExportError::Mux(format!("{e:?}"));
    let mut builder = SegmentBuilder::new(Writer::new(out))
        .map_err(mux_err)?
        .set_writing_app("conclave recording export")
        .map_err(mux_err)?;
    // (track number, keyframe-aware, times, frames)
    let mut planned: Vec<(u64, bool, Vec<u64>, Vec<Plain>)> = Vec::new();
    for ((participant, context), mut frames) in chosen {
        let video = context == TrackContext::Camera as u8 || context == TrackContext::Screen as u8;
        let source = source_label(context);
        let name = names.get(&participant).cloned().unwrap_or_default();
        if video {
            // A decoder starts at a key frame: whatever came before the
            // first one cannot be shown.
            let Some(first_key) = frames.iter().position(|f| vp8_size(&f.data).is_some()) else {
                tracing::warn!(participant, "a video without a key frame is left out");
                continue;
            };
            frames.drain(..first_key);
            let Some((width, height)) = vp8_size(&frames[0].data) else {
                continue;
            };
            let (b, track) = builder
                .add_video_track(width, height, VideoCodecId::VP8, None)
                .map_err(mux_err)?;
            builder = b;
            let number = webm::mux::Track::track_number(&track);
            report.tracks.push(ExportedTrack {
                number,
                video,
                participant,
                name,
                source,
                frames: frames.len() as u64,
                width,
                height,
            });
            planned.push((number, true, timeline(&frames, 90_000), frames));
        } else {
            let (b, track) = builder
                .add_audio_track(48_000, 2, AudioCodecId::Opus, None)
                .map_err(mux_err)?;
            let number = webm::mux::Track::track_number(&track);
            builder = b.set_codec_private(number, &opus_head()).map_err(mux_err)?;
            report.tracks.push(ExportedTrack {
                number,
                video,
                participant,
                name,
                source,
                frames: frames.len() as u64,
                width: 0,
                height: 0,
            });
            planned.push((number, false, timeline(&frames, 48_000), frames));
        }
    }
    let start = planned
        .iter()
        .filter_map(|(_, _, times, _)| times.first().copied())
        .min()
        .ok_or(ExportError::NothingDecrypts)?;
    let end = planned
        .iter()
        .filter_map(|(_, _, times, _)| times.last().copied())
        .max()
        .unwrap_or(start);
    // Every frame of every track in one time order: the muxer wants
    // timestamps that never go back, across tracks too.
    let mut order: Vec<(u64, usize, usize)> = planned
        .iter()
        .enumerate()
        .flat_map(|(t, (_, _, times, _))| times.iter().enumerate().map(move |(i, at)| (*at, t, i)))
        .collect();
    order.sort_unstable();
    let mut segment = builder.build();
    for (at, t, i) in order {
        let (number, video, _, frames) = &planned[t];
        let data = &frames[i].data;
        let keyframe = !*video || data.first().is_some_and(|b| b & 0x01 == 0);
        segment
            .add_frame(*number, data, (at - start) * 1000, keyframe)
            .map_err(mux_err)?;
    }
    report.duration_ms = (end - start) / 1000;
    segment
        .finalize(None)
        .map_err(|_| ExportError::Mux("finalizing the WebM failed".into()))?;
    Ok(())
}

fn source_label(context: u8) -> &'static str {
    match context {
        0 => Source::Microphone.label(),
        1 => Source::Camera.label(),
        2 => Source::Screen.label(),
        _ => Source::ScreenAudio.label(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(at_ms: u64, rtp: u64) -> Plain {
        Plain {
            at_us: at_ms * 1000,
            rtp_time: rtp,
            data: Vec::new(),
        }
    }

    #[test]
    fn the_highest_layer_with_showable_frames_is_exported() {
        // A VP8 key frame's clear start (320x240), then delta frames.
        let key = vec![0x50, 0x2a, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00];
        let frames = |n: u64, key_at: Option<u64>| {
            (0..n)
                .map(|i| Plain {
                    data: if Some(i) == key_at {
                        key.clone()
                    } else {
                        vec![0x01, 0, 0]
                    },
                    ..frame(i, i)
                })
                .collect::<Vec<_>>()
        };
        let mut tracks: Tracks = BTreeMap::new();
        tracks.insert((1, 1, 0), frames(100, Some(0)));
        tracks.insert((1, 1, 1), frames(85, Some(0)));
        tracks.insert((1, 1, 2), frames(50, Some(0)));
        // Participant 3's fullest layers never had a key frame once sealed.
        tracks.insert((3, 1, 0), frames(100, Some(60)));
        tracks.insert((3, 1, 1), frames(100, None));
        tracks.insert((3, 1, 2), frames(100, None));
        tracks.insert((2, 0, 0), frames(10, None));
        let chosen = best_layers(tracks);
        assert_eq!(chosen[&(1, 1)].len(), 85, "layer 1: 85% of the fullest");
        assert_eq!(
            chosen[&(3, 1)].len(),
            100,
            "the only layer a decoder can start"
        );
        assert_eq!(chosen[&(2, 0)].len(), 10, "audio needs no key frame");
    }

    #[test]
    fn the_timeline_follows_the_rtp_clock_through_bursts_and_restarts() {
        // Three frames sent together after a stall, then on time; then the
        // camera is republished with a new RTP clock far from the old one.
        let frames = [
            frame(1000, 90_000),
            frame(1000, 96_000),
            frame(1001, 102_000),
            frame(1200, 108_000),
            frame(5000, 7),
            frame(5066, 6007),
        ];
        let t = timeline(&frames, 90_000);
        // 6000 ticks = 66.7 ms apart; the least delayed frame (the third,
        // 133 ms of clock after the first and only 1 ms later in arrival)
        // places the segment: the burst's frames were made before it came.
        assert_eq!(&t[..4], &[867_667, 934_333, 1_001_000, 1_067_667]);
        assert_eq!(&t[4..], &[4_999_333, 5_066_000]);
        // Equal or backward times are spread, never repeated.
        let same = [frame(10, 1), frame(10, 1), frame(10, 1)];
        let t = timeline(&same, 48_000);
        assert!(t.windows(2).all(|w| w[1] >= w[0] + MIN_SPACING_US), "{t:?}");
    }
}
