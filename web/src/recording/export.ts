// Export of an end-to-end encrypted recording in the page (docs/recording.md,
// "Export"): opens the recording's sealed epoch keys with the meeting
// secret from the host link, decrypts every frame it can and writes a
// standard WebM: one VP8 track per sender's camera (and screen), one Opus
// track per sender's microphone (and screen audio), all on one timeline.
// Nothing is mixed or re-encoded. The same decisions as `conclave recording
// export` (crates/recording/src/export.rs), so a host gets the same file
// contents from the browser as from the command line.
//
// A frame's sender is the one its SFrame key names (the KID's MLS leaf,
// looked up in the epoch's sealed roster), not the server's label on the
// packet: a server that relabels packets cannot put words in someone's
// mouth.

import { BufferTarget, EncodedAudioPacketSource, EncodedPacket, EncodedVideoPacketSource, Output, WebMOutputFormat } from 'mediabunny';
import { openRecordingEpoch, type MeetingSecret, type RecordingEpoch } from '../e2ee/meetingKey';
import { AES_128_GCM_SHA256_128, concat, decodeHeader, sframeDecrypt, sframeKey, type Header, type SFrameKey } from '../e2ee/sframe';
import { opusFrames, vp8Frames, type Frame } from './depacketize';
import {
  NotARecordingError,
  SOURCE_LABELS,
  isVideoSource,
  parseRecording,
  type KeyRecord,
  type MediaRecord,
  type ParsedRecording,
  type RecordingRecord,
  type SourceLabel,
  type SourceNumber,
} from './file';

/** One track of the exported file. */
export interface ExportedTrack {
  /** The WebM track number. */
  number: number;
  video: boolean;
  participant: number;
  name: string;
  source: SourceLabel;
  frames: number;
  /** Video only: the first key frame's size (0 for audio). */
  width: number;
  height: number;
}

export interface RecordingExport {
  webm: Uint8Array;
  tracks: ExportedTrack[];
  durationMs: number;
  /** Epochs whose keys opened. */
  epochs: number;
  /** Frames no opened key decrypts (sent before the first sealed epoch, or under an epoch nobody sealed). */
  undecryptableFrames: number;
  /** Frames missing a packet (lost on the sender's uplink). */
  incompleteFrames: number;
  /** Bytes at the end of the file that were no whole record (a crash). */
  trailingBytes: number;
}

/** Why a recording could not be exported, in words for the host. */
export class RecordingExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingExportError';
  }
}

/** KID layout of docs/e2ee.md: (context << 20) | (leaf << 4) | (epoch mod 16). */
const EPOCH_BITS = 4n;
const INDEX_BITS = 16n;
const VP8_CLOCK_HZ = 90_000;
const OPUS_CLOCK_HZ = 48_000;

/**
 * Frames of one stream decrypted at once. WebCrypto is asynchronous, so
 * awaiting each frame in turn leaves the page idle between round trips;
 * more at once overlaps them, at the cost of that many frames' promises
 * and plaintexts held in flight.
 */
const DECRYPT_BATCH = 64;

/**
 * A higher simulcast layer is kept over the fullest one if it has at least
 * this share of its frames: better pictures for a few more gaps (the sender
 * dropped it for a while on a poor uplink). The Rust exporter's value.
 */
const LAYER_FRAMES_SHARE_PERCENT = 80;

/**
 * When the RTP clock and the arrivals between two frames disagree by more
 * than this, the stream restarted (a republished camera starts a new RTP
 * clock): a new segment of the timeline begins there. Under it, the RTP
 * clock rules, which keeps network jitter and bursts (frames held up and
 * then sent together) out of the playback; over it, a real restart would
 * be played at a wrong place. The Rust exporter's value.
 */
const CLOCK_SLIP_US = 5_000_000;

/**
 * Frames of one track never share a WebM timestamp (millisecond units):
 * players mishandle two blocks of a track at one time, while moving a frame
 * by a millisecond is neither seen nor heard. The Rust exporter's value.
 */
const MIN_SPACING_US = 1000;

/** One epoch's keys, opened, with the SFrame keys derived from it so far (per KID). */
interface Epoch {
  /** When the server stored the sealed key (µs from the recording's start). */
  atUs: number;
  keys: RecordingEpoch;
  derived: Map<bigint, Promise<SFrameKey>>;
}

/** A decrypted frame, attributed. */
export interface Plain {
  atUs: number;
  rtpTime: number;
  data: Uint8Array;
}

/** The frames of one sender's track (the KID's context) on one simulcast layer. */
export interface LayerFrames {
  participant: number;
  context: SourceNumber;
  layer: number;
  frames: Plain[];
}

/** The layer of a sender's track the export keeps. */
export interface ChosenTrack {
  participant: number;
  context: SourceNumber;
  frames: Plain[];
}

/**
 * Exports a recording file's bytes with the meeting secret of its host link.
 * Throws RecordingExportError when the bytes are no recording, hold no key,
 * the secret opens none of them, or nothing decrypts.
 */
export async function exportRecording(bytes: Uint8Array, secret: MeetingSecret): Promise<RecordingExport> {
  let parsed: ParsedRecording;
  try {
    parsed = parseRecording(bytes);
  } catch (e) {
    if (e instanceof NotARecordingError) throw new RecordingExportError(e.message);
    throw e;
  }
  const epochs = await openEpochs(parsed.records, secret);
  let undecryptableFrames = 0;
  let incompleteFrames = 0;

  const tracks = new Map<string, LayerFrames>();
  const names = new Map<number, string>();
  for (const stream of mediaStreams(parsed.records)) {
    const video = isVideoSource(stream.source);
    let frames: Frame[];
    if (video) {
      const rebuilt = vp8Frames(stream.packets);
      incompleteFrames += rebuilt.incompleteFrames;
      frames = rebuilt.frames;
    } else {
      frames = opusFrames(stream.packets);
    }
    for (let at = 0; at < frames.length; at += DECRYPT_BATCH) {
      const batch = frames.slice(at, at + DECRYPT_BATCH);
      const opened = await Promise.all(batch.map((f) => decryptFrame(epochs, video, f)));
      for (const [i, plain] of opened.entries()) {
        const frame = batch[i];
        if (!plain || !frame) {
          undecryptableFrames++;
          continue;
        }
        if (!names.has(plain.participant)) names.set(plain.participant, plain.name);
        const key = `${plain.participant}/${plain.context}/${stream.layer}`;
        let track = tracks.get(key);
        if (!track) {
          track = { participant: plain.participant, context: plain.context, layer: stream.layer, frames: [] };
          tracks.set(key, track);
        }
        track.frames.push({ atUs: frame.atUs, rtpTime: frame.rtpTime, data: plain.data });
      }
    }
  }
  const chosen = bestLayers([...tracks.values()]);
  if (chosen.length === 0) throw nothingDecrypts();
  const muxed = await mux(chosen, names);
  return {
    ...muxed,
    epochs: epochs.length,
    undecryptableFrames,
    incompleteFrames,
    trailingBytes: parsed.trailingBytes,
  };
}

function nothingDecrypts(): RecordingExportError {
  return new RecordingExportError('No frame of the recording decrypts with its keys.');
}

/**
 * Opens every sealed epoch the secret opens, one per epoch (each host's
 * client seals each epoch). The first copy that opens is the one kept, as
 * in the Rust exporter, so the later copies of an opened epoch are not
 * even opened.
 */
async function openEpochs(records: RecordingRecord[], secret: MeetingSecret): Promise<Epoch[]> {
  const keyRecords = records.filter((r): r is KeyRecord => r.kind === 'key');
  if (keyRecords.length === 0) {
    throw new RecordingExportError("The recording holds no sealed keys (no host's client sealed any), so none of it can be opened.");
  }
  const epochs: Epoch[] = [];
  for (const k of keyRecords) {
    if (epochs.some((e) => e.keys.epoch === k.epoch)) continue;
    const keys = await openRecordingEpoch(secret, k.sealed);
    // A sealed key whose contents name another epoch than its record was
    // misfiled or tampered with: left out, as by the Rust exporter.
    if (keys && keys.epoch === k.epoch) epochs.push({ atUs: k.atUs, keys, derived: new Map() });
  }
  if (epochs.length === 0) {
    throw new RecordingExportError(
      `This key opens none of the recording's ${keyRecords.length} sealed keys: it is not this recording's key (the host link of another meeting?).`,
    );
  }
  return epochs;
}

interface Stream {
  source: SourceNumber;
  layer: number;
  packets: MediaRecord[];
}

/** Media records per (server's participant label, source, layer), in that order, each in file order. */
function mediaStreams(records: RecordingRecord[]): Stream[] {
  const streams = new Map<string, Stream & { participant: number }>();
  for (const r of records) {
    if (r.kind !== 'media') continue;
    const key = `${r.participant}/${r.source}/${r.layer}`;
    let stream = streams.get(key);
    if (!stream) {
      stream = { participant: r.participant, source: r.source, layer: r.layer, packets: [] };
      streams.set(key, stream);
    }
    stream.packets.push(r);
  }
  return [...streams.values()].sort((a, b) => a.participant - b.participant || a.source - b.source || a.layer - b.layer);
}

/** VP8's clear start: the frame tag, and on key frames the start code and size (docs/e2ee.md). */
function vp8PrefixLength(frame: Uint8Array): number | null {
  const first = frame[0];
  if (first === undefined) return null;
  const length = (first & 0x01) === 0 ? 10 : 3;
  return frame.length >= length ? length : null;
}

interface Decrypted {
  participant: number;
  name: string;
  context: SourceNumber;
  /** The whole frame again: clear prefix, then plaintext. */
  data: Uint8Array;
}

/**
 * Tries the epochs sealed nearest the frame's arrival first: the KID
 * carries only the epoch's low bits, and authentication tells which epoch
 * of those it really was.
 */
async function decryptFrame(epochs: Epoch[], video: boolean, frame: Frame): Promise<Decrypted | null> {
  const prefixLength = video ? vp8PrefixLength(frame.data) : 0;
  if (prefixLength === null) return null;
  const prefix = frame.data.subarray(0, prefixLength);
  const body = frame.data.subarray(prefixLength);
  const header = decodeHeader(body);
  if (!header) return null;
  const kid = header.kid;
  const epochBits = kid & ((1n << EPOCH_BITS) - 1n);
  const leaf = Number((kid >> EPOCH_BITS) & ((1n << INDEX_BITS) - 1n));
  const contextBits = kid >> (INDEX_BITS + EPOCH_BITS);
  if (contextBits > 3n) return null;
  const context = Number(contextBits) as SourceNumber;
  // A microphone's key on a video stream (or the reverse) is no frame of it.
  if (isVideoSource(context) !== video) return null;
  const order = epochs
    .filter((e) => e.keys.epoch % (1n << EPOCH_BITS) === epochBits)
    .sort((a, b) => Math.abs(a.atUs - frame.atUs) - Math.abs(b.atUs - frame.atUs));
  for (const epoch of order) {
    const plain = await tryDecrypt(epoch, header, prefix, body);
    if (!plain) continue;
    const member = epoch.keys.members.find((m) => m.leaf === leaf);
    // Authentic under this epoch, yet its roster has no such leaf: nobody to
    // attribute it to, so it is left out rather than guessed.
    if (!member) return null;
    return { participant: member.participant, name: member.name, context, data: concat(prefix, plain) };
  }
  return null;
}

async function tryDecrypt(epoch: Epoch, header: Header, prefix: Uint8Array, body: Uint8Array): Promise<Uint8Array | null> {
  let key = epoch.derived.get(header.kid);
  if (!key) {
    key = sframeKey(AES_128_GCM_SHA256_128, epoch.keys.baseKey, header.kid);
    epoch.derived.set(header.kid, key);
  }
  try {
    return await sframeDecrypt(await key, header, prefix, body);
  } catch {
    return null;
  }
}

/**
 * For each sender's track, the highest simulcast layer that kept flowing
 * (nearly as many frames as the fullest one); audio has one layer. Sorted
 * by participant, then track context: the order of the WebM's tracks.
 */
/**
 * Frames of a layer a decoder can show: for video, from its first key frame
 * on (a layer whose key frames all fell before the first sealed epoch shows
 * nothing). As the Rust exporter counts them.
 */
function usable(layer: LayerFrames): number {
  if (!isVideoSource(layer.context)) return layer.frames.length;
  const first = layer.frames.findIndex((f) => vp8Size(f.data) !== null);
  return first < 0 ? 0 : layer.frames.length - first;
}

export function bestLayers(tracks: LayerFrames[]): ChosenTrack[] {
  const sorted = tracks
    .filter((t) => t.frames.length > 0)
    .sort((a, b) => a.participant - b.participant || a.context - b.context || a.layer - b.layer);
  const chosen: ChosenTrack[] = [];
  for (let start = 0; start < sorted.length; ) {
    const first = sorted[start];
    if (!first) break;
    let end = start + 1;
    while (end < sorted.length && sorted[end]?.participant === first.participant && sorted[end]?.context === first.context) end++;
    const layers = sorted.slice(start, end);
    const most = Math.max(...layers.map(usable));
    let pick = first;
    for (const l of layers) if (usable(l) * 100 >= most * LAYER_FRAMES_SHARE_PERCENT) pick = l;
    chosen.push({ participant: first.participant, context: first.context, frames: pick.frames });
    start = end;
  }
  return chosen;
}

/** floor(rtp × 10^6 / clock) without going through a product that could lose precision. */
function rtpToUs(rtp: number, clock: number): number {
  let whole = Math.floor(rtp / clock);
  let rest = rtp - whole * clock;
  // Floating division may land one off near a multiple; integers set it right.
  if (rest < 0) {
    whole -= 1;
    rest += clock;
  } else if (rest >= clock) {
    whole += 1;
    rest -= clock;
  }
  return whole * 1_000_000 + Math.floor((rest * 1_000_000) / clock);
}

/**
 * Each frame's presentation time (µs from the start of the recording): the
 * RTP clock, placed where the least delayed frame of its segment says.
 */
export function timeline(frames: ReadonlyArray<{ atUs: number; rtpTime: number }>, clock: number): number[] {
  const us = (rtp: number): number => rtpToUs(rtp, clock);
  const times: number[] = [];
  let start = 0;
  while (start < frames.length) {
    let end = start + 1;
    while (end < frames.length) {
      const a = frames[end - 1];
      const b = frames[end];
      if (!a || !b) break;
      const byClock = us(b.rtpTime) - us(a.rtpTime);
      const byArrival = b.atUs - a.atUs;
      if (b.rtpTime < a.rtpTime || Math.abs(byClock - byArrival) > CLOCK_SLIP_US) break;
      end++;
    }
    const segment = frames.slice(start, end);
    const first = us(segment[0]?.rtpTime ?? 0);
    // A loop, not Math.min(...): an hour of audio is more arguments than a call takes.
    let offset = Infinity;
    for (const f of segment) offset = Math.min(offset, f.atUs - (us(f.rtpTime) - first));
    for (const f of segment) times.push(Math.max(0, us(f.rtpTime) - first + offset));
    start = end;
  }
  for (let i = 1; i < times.length; i++) {
    const last = times[i - 1] ?? 0;
    if ((times[i] ?? 0) < last + MIN_SPACING_US) times[i] = last + MIN_SPACING_US;
  }
  return times;
}

/** A VP8 key frame's size (RFC 6386 §9.1), or null for anything else. */
export function vp8Size(frame: Uint8Array): { width: number; height: number } | null {
  if (frame.length < 10 || ((frame[0] ?? 1) & 0x01) !== 0) return null;
  if (frame[3] !== 0x9d || frame[4] !== 0x01 || frame[5] !== 0x2a) return null;
  const width = ((frame[6] ?? 0) | ((frame[7] ?? 0) << 8)) & 0x3fff;
  const height = ((frame[8] ?? 0) | ((frame[9] ?? 0) << 8)) & 0x3fff;
  return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * RFC 7845's identification header, which WebM carries as the Opus track's
 * CodecPrivate: version 1, 2 channels (a mono stream decodes to both), no
 * pre-skip (WebRTC streams have no encoder delay to trim), 48 kHz, no gain,
 * mapping family 0. The same bytes as the Rust exporter writes.
 */
export function opusHead(): Uint8Array {
  const head = new Uint8Array(19);
  head.set(new TextEncoder().encode('OpusHead'));
  const view = new DataView(head.buffer);
  view.setUint8(8, 1);
  view.setUint8(9, 2);
  view.setUint16(10, 0, true);
  view.setUint32(12, OPUS_CLOCK_HZ, true);
  view.setInt16(16, 0, true);
  view.setUint8(18, 0);
  return head;
}

/** Milliseconds of one Opus frame per TOC configuration (RFC 6716 §3.1). */
const OPUS_FRAME_MS = [10, 20, 40, 60, 10, 20, 40, 60, 10, 20, 40, 60, 10, 20, 10, 20, 2.5, 5, 10, 20, 2.5, 5, 10, 20, 2.5, 5, 10, 20, 2.5, 5, 10, 20];

/** An Opus packet's duration in µs from its TOC byte (RFC 6716 §3.1); 0 when unreadable. */
export function opusDurationUs(packet: Uint8Array): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const frameMs = OPUS_FRAME_MS[toc >> 3] ?? 0;
  const code = toc & 0x03;
  const count = code === 0 ? 1 : code === 3 ? (packet[1] ?? 0) & 0x3f : 2;
  return frameMs * count * 1000;
}

interface Planned {
  video: boolean;
  source: EncodedVideoPacketSource | EncodedAudioPacketSource;
  times: number[];
  frames: Plain[];
}

async function mux(chosen: ChosenTrack[], names: Map<number, string>): Promise<{ webm: Uint8Array; tracks: ExportedTrack[]; durationMs: number }> {
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  const tracks: ExportedTrack[] = [];
  const planned: Planned[] = [];
  for (const track of chosen) {
    const video = isVideoSource(track.context);
    const name = names.get(track.participant) ?? '';
    // Mediabunny numbers tracks 1, 2, … in the order they are added.
    const number = planned.length + 1;
    if (video) {
      // A decoder starts at a key frame: whatever came before the first one cannot be shown.
      const firstKey = track.frames.findIndex((f) => vp8Size(f.data) !== null);
      const frames = firstKey < 0 ? [] : track.frames.slice(firstKey);
      const size = frames[0] && vp8Size(frames[0].data);
      if (!size) continue;
      const source = new EncodedVideoPacketSource('vp8');
      output.addVideoTrack(source, { decoderConfig: { codec: 'vp8', codedWidth: size.width, codedHeight: size.height } });
      tracks.push({ number, video, participant: track.participant, name, source: SOURCE_LABELS[track.context], frames: frames.length, ...size });
      planned.push({ video, source, times: timeline(frames, VP8_CLOCK_HZ), frames });
    } else {
      const source = new EncodedAudioPacketSource('opus');
      output.addAudioTrack(source, { decoderConfig: { codec: 'opus', numberOfChannels: 2, sampleRate: OPUS_CLOCK_HZ, description: opusHead() } });
      tracks.push({ number, video, participant: track.participant, name, source: SOURCE_LABELS[track.context], frames: track.frames.length, width: 0, height: 0 });
      planned.push({ video, source, times: timeline(track.frames, OPUS_CLOCK_HZ), frames: track.frames });
    }
  }
  const firsts = planned.flatMap((p) => p.times.slice(0, 1));
  const lasts = planned.flatMap((p) => p.times.slice(-1));
  if (firsts.length === 0) throw nothingDecrypts();
  const start = Math.min(...firsts);
  const end = Math.max(...lasts);

  // Every frame of every track in one time order, as the Rust exporter
  // writes them: the muxer interleaves by time and so holds little.
  const order: Array<[number, number, number]> = [];
  for (const [t, p] of planned.entries()) for (const [i, at] of p.times.entries()) order.push([at, t, i]);
  order.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);

  try {
    await output.start();
    for (const [at, t, i] of order) {
      const p = planned[t];
      const frame = p?.frames[i];
      if (!p || !frame) continue;
      const next = p.times[i + 1];
      const keyframe = !p.video || ((frame.data[0] ?? 1) & 0x01) === 0;
      // Whole milliseconds, truncated as libwebm does for the Rust exporter:
      // both files then carry the same block times.
      const timestamp = Math.floor((at - start) / 1000) / 1000;
      // A video frame lasts until the track's next one; an Opus packet says
      // its own length. Only the WebM's overall duration reads these.
      const durationUs = p.video ? (next === undefined ? 0 : next - at) : opusDurationUs(frame.data);
      const packet = new EncodedPacket(frame.data, keyframe ? 'key' : 'delta', timestamp, durationUs / 1e6);
      await p.source.add(packet);
      // The muxer interleaves by time: a track it knows has ended no longer
      // holds the others' blocks back in memory until the end.
      if (i + 1 === p.frames.length) p.source.close();
    }
    await output.finalize();
  } catch (e) {
    throw new RecordingExportError(`Writing the WebM failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!target.buffer) throw new RecordingExportError('Writing the WebM failed: the muxer produced no file.');
  return { webm: new Uint8Array(target.buffer), tracks, durationMs: Math.floor((end - start) / 1000) };
}
