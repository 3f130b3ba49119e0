// The browser's export of end-to-end encrypted recordings (docs/recording.md,
// src/recording/): the file reader, VP8/Opus depacketizing, the timeline,
// the opening of sealed epochs and the whole export against a recording the
// Rust exporter (crates/recording) was run on, which must give the same
// tracks, frames and sizes.
//
// Run from web/: `npm run test:unit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadTs } from './load.mjs';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), 'data', 'recording-sample');

// The pure modules load as every other unit test's do.
const file = await loadTs('src/recording/file.ts');
const dp = await loadTs('src/recording/depacketize.ts');

/**
 * The exporter imports mediabunny, whose entry re-exports a node-only module
 * (node:fs/promises) that its package.json maps away for browsers only, so
 * loadTs's platform-neutral bundle cannot resolve it. This bundles like the
 * real build (platform browser) instead; one bundle holds the exporter, the
 * meeting key, mediabunny's reader and HPKE, so none is loaded twice.
 */
async function loadBrowserBundle(contents) {
  const dir = mkdtempSync(join(tmpdir(), 'conclave-unit-'));
  const outfile = join(dir, 'module.mjs');
  try {
    await build({
      absWorkingDir: WEB_DIR,
      stdin: { contents, resolveDir: WEB_DIR, sourcefile: 'recording-test-entry.ts', loader: 'ts' },
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'warning',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const m = await loadBrowserBundle(`
  export * from './src/recording/export';
  export { deriveMeetingSecret, fromBase64Url, generateSeed, openRecordingEpoch, sealRecordingEpoch } from './src/e2ee/meetingKey';
  export { Input, BufferSource, WEBM, EncodedPacketSink } from 'mediabunny';
  export { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
`);

const sampleBytes = () => new Uint8Array(readFileSync(join(SAMPLE, 'media.crec')));
const expected = JSON.parse(readFileSync(join(SAMPLE, 'expected.json'), 'utf8'));

async function sampleSecret() {
  const link = readFileSync(join(SAMPLE, 'host-link.txt'), 'utf8').trim();
  const seed = m.fromBase64Url(new URLSearchParams(new URL(link).hash.slice(1)).get('key'));
  assert.ok(seed, 'the host link carries key=');
  return m.deriveMeetingSecret(seed);
}

// ------------------------------------------------------ hand-made files --

const MAGIC = new TextEncoder().encode('conclave-rec-v1\n');
const MEDIA_HEADER = 8 + 1 + 1 + 8 + 8 + 1 + 8;

function record(kind, body) {
  const out = new Uint8Array(5 + body.length);
  new DataView(out.buffer).setUint32(0, 1 + body.length, false);
  out[4] = kind;
  out.set(body, 5);
  return out;
}

function mediaRecord({ participant = 7, source = 1, layer = 2, seq, rtpTime, marker, atUs, payload }) {
  const body = new Uint8Array(MEDIA_HEADER + payload.length);
  const v = new DataView(body.buffer);
  v.setBigUint64(0, BigInt(participant));
  v.setUint8(8, source);
  v.setUint8(9, layer);
  v.setBigUint64(10, BigInt(seq));
  v.setBigUint64(18, BigInt(rtpTime));
  v.setUint8(26, marker ? 1 : 0);
  v.setBigUint64(27, BigInt(atUs));
  body.set(payload, MEDIA_HEADER);
  return record(1, body);
}

function keyRecord({ from, epoch, atUs, sealed }) {
  const text = new TextEncoder().encode(sealed);
  const body = new Uint8Array(24 + text.length);
  const v = new DataView(body.buffer);
  v.setBigUint64(0, BigInt(from));
  v.setBigUint64(8, BigInt(epoch));
  v.setBigUint64(16, BigInt(atUs));
  body.set(text, 24);
  return record(2, body);
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A recording's records as raw byte ranges (whole records only), for rewriting the sample. */
function rawRecords(bytes) {
  const out = [];
  let at = MAGIC.length;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (at + 4 <= bytes.length) {
    const len = v.getUint32(at);
    if (at + 4 + len > bytes.length) break;
    out.push(bytes.slice(at, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

// ------------------------------------------------------------ the file --

test('records round-trip, and a cut tail keeps everything before it', () => {
  const sample = (seq, payload) => mediaRecord({ seq, rtpTime: 90_000 + seq, marker: seq % 2 === 0, atUs: 1000 * seq, payload: new TextEncoder().encode(payload) });
  const last = sample(2, 'two');
  const bytes = concat(MAGIC, sample(1, 'one'), keyRecord({ from: 3, epoch: 9, atUs: 1500, sealed: 'c2VhbGVk' }), last);
  const parsed = file.parseRecording(bytes);
  assert.equal(parsed.trailingBytes, 0);
  assert.equal(parsed.skippedRecords, 0);
  assert.equal(parsed.records.length, 3);
  assert.deepEqual(parsed.records[1], { kind: 'key', from: 3, epoch: 9n, atUs: 1500, sealed: 'c2VhbGVk' });
  const m2 = parsed.records[2];
  assert.deepEqual(
    [m2.participant, m2.source, m2.layer, m2.seq, m2.rtpTime, m2.marker, m2.atUs, new TextDecoder().decode(m2.payload)],
    [7, 1, 2, 2, 90_002, true, 2000, 'two'],
  );
  // Every possible cut inside the last record keeps the first two.
  const whole = bytes.length;
  for (let cut = whole - last.length; cut < whole; cut++) {
    const p = file.parseRecording(bytes.subarray(0, cut));
    assert.equal(p.records.length, 2, `cut at ${cut}`);
    assert.equal(p.trailingBytes, cut - (whole - last.length));
  }
});

test('other files and hostile lengths are refused without reading past them', () => {
  assert.throws(() => file.parseRecording(new TextEncoder().encode('RIFF....')), file.NotARecordingError);
  assert.throws(() => file.parseRecording(new Uint8Array(0)), file.NotARecordingError);
  const huge = new Uint8Array(4 + 64).fill(1);
  new DataView(huge.buffer).setUint32(0, 0xffffffff);
  const p = file.parseRecording(concat(MAGIC, huge));
  assert.equal(p.records.length, 0);
  assert.equal(p.trailingBytes, 68);
  // A zero length is no record either: the end.
  assert.equal(file.parseRecording(concat(MAGIC, new Uint8Array(8))).trailingBytes, 8);
  // An unknown kind, and a media record too short for its header, are skipped, not fatal.
  const unknown = Uint8Array.of(0, 0, 0, 2, 9, 9);
  const short = record(1, new Uint8Array(MEDIA_HEADER - 1));
  const good = mediaRecord({ seq: 4, rtpTime: 4, marker: true, atUs: 4, payload: Uint8Array.of(0x78) });
  const q = file.parseRecording(concat(MAGIC, unknown, short, good));
  assert.equal(q.records.length, 1);
  assert.equal(q.skippedRecords, 2);
});

// ------------------------------------------------------- depacketizing --

function packet(seq, time, descriptor, body, marker) {
  return { seq, rtpTime: time, marker, atUs: seq * 10, payload: concat(Uint8Array.from(descriptor), new TextEncoder().encode(body)) };
}
const text = (frames) => frames.map((f) => new TextDecoder().decode(f.data));

test('VP8 descriptors: the basic byte, the extension, 7- and 15-bit picture ids, TL0PICIDX and TID', () => {
  assert.deepEqual(dp.vp8Descriptor(Uint8Array.of(0x10, 0xaa)), { length: 1, start: true });
  assert.deepEqual(dp.vp8Descriptor(Uint8Array.of(0x11, 0xaa)), { length: 1, start: false }, 'partition 1 starts no frame');
  assert.deepEqual(dp.vp8Descriptor(Uint8Array.of(0x90, 0x80, 0x81, 0x23, 0xaa)), { length: 4, start: true });
  assert.deepEqual(dp.vp8Descriptor(Uint8Array.of(0x80, 0x80, 0x05, 0xaa)), { length: 3, start: false });
  assert.deepEqual(dp.vp8Descriptor(Uint8Array.of(0x90, 0xe0, 0x81, 0x23, 0x01, 0x40, 0xaa)), { length: 6, start: true });
  assert.equal(dp.vp8Descriptor(Uint8Array.of(0x90, 0x80, 0x81, 0x23)), null, 'no payload after it');
  assert.equal(dp.vp8Descriptor(Uint8Array.of(0x90)), null);
  assert.equal(dp.vp8Descriptor(new Uint8Array(0)), null);
});

test('VP8 frames are rebuilt across packets, reordering and retransmission', () => {
  // Extended descriptor with a 15-bit picture id, as browsers send.
  const start = [0x90, 0x80, 0x81, 0x23];
  const cont = [0x80, 0x80, 0x81, 0x23];
  const { frames, incompleteFrames } = dp.vp8Frames([
    packet(11, 3000, cont, 'DEF', true),
    packet(10, 3000, start, 'ABC', false),
    packet(10, 3000, start, 'ABC', false), // resent
    packet(12, 6000, [0x10], 'G', true),
    // A frame whose middle packet never came.
    packet(13, 9000, start, 'H', false),
    packet(15, 9000, cont, 'J', true),
  ]);
  assert.deepEqual(text(frames), ['ABCDEF', 'G']);
  assert.equal(frames[0].atUs, 100, 'the first arrival dates a frame');
  assert.equal(frames[0].rtpTime, 3000);
  assert.equal(incompleteFrames, 1);
});

test('truncated descriptors, frames without a start and frames without an end are left out', () => {
  const { frames, incompleteFrames } = dp.vp8Frames([
    packet(1, 1, [0x90, 0x80], '', true), // descriptor cut short
    packet(2, 2, [0x00], 'X', true), // no S bit
    packet(3, 3, [0x11], 'Y', true), // partition 1 first
    packet(4, 4, [0x10], 'Z', false), // the marked last packet never came
    packet(5, 5, [0x10], 'A', true),
    packet(6, 5, [0x00], 'B', false), // a packet after the marked one
  ]);
  assert.equal(frames.length, 0);
  assert.equal(incompleteFrames, 5);
});

test('VP8 frames come out in arrival order, Opus packets once each', () => {
  const late = { ...packet(1, 100, [0x10], 'late', true), atUs: 500 };
  const early = { ...packet(2, 200, [0x10], 'early', true), atUs: 50 };
  assert.deepEqual(text(dp.vp8Frames([late, early]).frames), ['early', 'late']);
  const opus = dp.opusFrames([
    { seq: 1, rtpTime: 960, marker: true, atUs: 30, payload: Uint8Array.of(1) },
    { seq: 1, rtpTime: 960, marker: true, atUs: 31, payload: Uint8Array.of(1) }, // resent
    { seq: 2, rtpTime: 1920, marker: true, atUs: 10, payload: Uint8Array.of(2) },
    { seq: 3, rtpTime: 2880, marker: true, atUs: 40, payload: new Uint8Array(0) }, // empty: nothing to play
  ]);
  assert.deepEqual(opus.map((f) => f.data[0]), [2, 1]);
});

// ---------------------------------------------------- layers and timeline --

const plain = (atMs, rtp) => ({ atUs: atMs * 1000, rtpTime: rtp, data: new Uint8Array(0) });

test('the highest layer with showable frames is exported', () => {
  const frames = (n) => Array.from({ length: n }, (_, i) => plain(i, i));
  // A VP8 key frame's clear start (320x240), then delta frames.
  const key = Uint8Array.from([0x50, 0x2a, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00]);
  const video = (n, keyAt) => Array.from({ length: n }, (_, i) => ({ atUs: i * 1000, rtpTime: i, data: i === keyAt ? key : Uint8Array.from([1, 0, 0]) }));
  const chosen = m.bestLayers([
    { participant: 2, context: 0, layer: 0, frames: frames(10) },
    { participant: 1, context: 1, layer: 2, frames: video(50, 0) },
    { participant: 1, context: 1, layer: 0, frames: video(100, 0) },
    { participant: 1, context: 1, layer: 1, frames: video(85, 0) },
    { participant: 1, context: 0, layer: 0, frames: [] },
    // Participant 3's fullest layers never had a key frame once sealed.
    { participant: 3, context: 1, layer: 0, frames: video(100, 60) },
    { participant: 3, context: 1, layer: 1, frames: video(100, -1) },
    { participant: 3, context: 1, layer: 2, frames: video(100, -1) },
  ]);
  assert.deepEqual(
    chosen.map((c) => [c.participant, c.context, c.frames.length, c.frames === undefined]),
    [
      [1, 1, 85, false], // layer 1: 85% of the fullest
      [2, 0, 10, false], // audio needs no key frame
      [3, 1, 100, false], // the only layer a decoder can start
    ],
  );
  assert.equal(chosen[2].frames[60].data, key);
});

test('the timeline follows the RTP clock through bursts and restarts', () => {
  // Three frames sent together after a stall, then on time; then the camera
  // is republished with a new RTP clock far from the old one.
  const t = m.timeline([plain(1000, 90_000), plain(1000, 96_000), plain(1001, 102_000), plain(1200, 108_000), plain(5000, 7), plain(5066, 6007)], 90_000);
  // 6000 ticks = 66.7 ms apart; the least delayed frame (the third, 133 ms
  // of clock after the first and only 1 ms later in arrival) places the
  // segment: the burst's frames were made before it came.
  assert.deepEqual(t.slice(0, 4), [867_667, 934_333, 1_001_000, 1_067_667]);
  assert.deepEqual(t.slice(4), [4_999_333, 5_066_000]);
  // A clock that jumps ahead of the arrivals by more than 5 s starts a segment too.
  const jump = m.timeline([plain(0, 0), plain(20, 960), plain(40, 960 + 48_000 * 10)], 48_000);
  assert.deepEqual(jump, [0, 20_000, 40_000]);
  // Equal or backward times are spread, never repeated.
  const same = m.timeline([plain(10, 1), plain(10, 1), plain(10, 1)], 48_000);
  for (let i = 1; i < same.length; i++) assert.ok(same[i] >= same[i - 1] + 1000, String(same));
  assert.deepEqual(m.timeline([], 48_000), []);
});

test('VP8 key frames give their size; delta frames and other bytes none', () => {
  const key = Uint8Array.of(0x50, 0x2a, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0xc0);
  assert.deepEqual(m.vp8Size(key), { width: 320, height: 240 }, 'the top two bits are the scale, not the size');
  assert.equal(m.vp8Size(Uint8Array.of(0x51, ...key.subarray(1))), null, 'P bit set: a delta frame');
  assert.equal(m.vp8Size(key.subarray(0, 9)), null);
  assert.equal(m.vp8Size(Uint8Array.of(0x50, 0x2a, 0x00, 0x9d, 0x01, 0x2b, 0x40, 0x01, 0xf0, 0x00)), null);
});

test('the Opus header is RFC 7845 identification; packet lengths come from the TOC', () => {
  assert.equal(Buffer.from(m.opusHead()).toString('hex'), '4f707573486561640102000080bb0000000000');
  assert.equal(m.opusDurationUs(Uint8Array.of(0xfc)), 20_000, 'CELT FB 20 ms, one frame (WebRTC default)');
  assert.equal(m.opusDurationUs(Uint8Array.of(0x79)), 40_000, 'hybrid FB 20 ms, two frames');
  assert.equal(m.opusDurationUs(Uint8Array.of(0x1b, 0x03)), 180_000, 'SILK NB 60 ms, three frames (code 3)');
  assert.equal(m.opusDurationUs(new Uint8Array(0)), 0);
});

// ------------------------------------------------------- sealed epochs --

test('a sealed epoch opens with the meeting secret, to exactly what was sealed, and only then', async () => {
  const secret = await m.deriveMeetingSecret(m.generateSeed());
  const other = await m.deriveMeetingSecret(m.generateSeed());
  const epoch = { epoch: 12n, baseKey: Uint8Array.from({ length: 16 }, (_, i) => i), members: [{ leaf: 3, participant: 9, name: 'Grace' }] };
  const sealed = await m.sealRecordingEpoch(secret.public.knock, epoch);
  assert.deepEqual(await m.openRecordingEpoch(secret, sealed), epoch);
  assert.equal(await m.openRecordingEpoch(other, sealed), null, 'another meeting');
  assert.equal(await m.openRecordingEpoch(secret, 'not base64!'), null);

  // Plaintexts that open but are not exactly the format: refused.
  const suite = new m.CipherSuite({ kem: new m.DhkemX25519HkdfSha256(), kdf: new m.HkdfSha256(), aead: new m.Aes128Gcm() });
  const sealJson = async (json) => {
    const recipientPublicKey = await suite.kem.deserializePublicKey(secret.public.knock.slice().buffer);
    const { enc, ct } = await suite.seal({ recipientPublicKey, info: new TextEncoder().encode('conclave recording v1') }, new TextEncoder().encode(json).buffer, new ArrayBuffer(0));
    return Buffer.concat([Buffer.from(enc), Buffer.from(ct)]).toString('base64');
  };
  const key = Buffer.alloc(16, 7).toString('base64');
  const member = { leaf: 1, participant: 2, name: 'Ada' };
  assert.deepEqual(await m.openRecordingEpoch(secret, await sealJson(JSON.stringify({ epoch: 3, base_key: key, members: [member] }))), {
    epoch: 3n,
    baseKey: new Uint8Array(16).fill(7),
    members: [member],
  });
  for (const bad of [
    { epoch: 3, base_key: key, members: [member], extra: 1 },
    { epoch: 3, base_key: key },
    { epoch: -1, base_key: key, members: [] },
    { epoch: 3.5, base_key: key, members: [] },
    { epoch: '3', base_key: key, members: [] },
    { epoch: 3, base_key: Buffer.alloc(15).toString('base64'), members: [] },
    { epoch: 3, base_key: key.replace(/=+$/, ''), members: [] },
    { epoch: 3, base_key: key.slice(0, 21) + 'B==', members: [] }, // non-canonical trailing bits
    { epoch: 3, base_key: key, members: [{ leaf: 1, participant: 2 }] },
    { epoch: 3, base_key: key, members: [{ ...member, role: 'host' }] },
    { epoch: 3, base_key: key, members: [{ ...member, leaf: -1 }] },
    { epoch: 3, base_key: key, members: [{ ...member, name: 5 }] },
  ]) {
    assert.equal(await m.openRecordingEpoch(secret, await sealJson(JSON.stringify(bad))), null, JSON.stringify(bad));
  }
  assert.equal(await m.openRecordingEpoch(secret, await sealJson('{"epoch":3,')), null, 'not JSON');
});

// ---------------------------------------------------- the whole export --

test('the sample recording exports to what the Rust exporter found in it', async () => {
  const secret = await sampleSecret();
  const result = await m.exportRecording(sampleBytes(), secret);
  assert.equal(result.epochs, expected.epochs);
  assert.ok(Math.abs(result.durationMs - expected.duration_ms) <= 1, `duration ${result.durationMs} ms`);
  assert.equal(result.trailingBytes, 0);
  assert.equal(result.incompleteFrames, 0);
  assert.equal(result.undecryptableFrames, 0);
  assert.deepEqual(
    result.tracks.map((t) => ({ name: t.name, participant: t.participant, source: t.source, video: t.video, frames: t.frames, width: t.width, height: t.height })),
    expected.tracks.map((t) => ({ width: 0, height: 0, ...t })),
  );
  assert.deepEqual(result.tracks.map((t) => t.number), [1, 2, 3, 4]);

  const webm = result.webm;
  assert.ok(webm instanceof Uint8Array);
  assert.equal(Buffer.from(webm.subarray(0, 4)).toString('hex'), '1a45dfa3', 'EBML magic');
  const input = new m.Input({ source: new m.BufferSource(webm), formats: [m.WEBM] });
  const tracks = await input.getTracks();
  assert.equal(tracks.filter((t) => t.type === 'video').length, 2);
  assert.equal(tracks.filter((t) => t.type === 'audio').length, 2);
  for (const [i, track] of tracks.entries()) {
    const want = result.tracks[i];
    assert.equal(track.id, want.number);
    assert.equal(await track.getCodec(), want.video ? 'vp8' : 'opus');
    if (want.video) assert.deepEqual([track.codedWidth, track.codedHeight], [want.width, want.height]);
    else assert.deepEqual([track.sampleRate, track.numberOfChannels], [48_000, 2]);
    let count = 0;
    let first = null;
    let previous = -Infinity;
    for await (const p of new m.EncodedPacketSink(track).packets()) {
      first ??= p;
      assert.ok(p.timestamp > previous, 'every block of a track has its own, later time');
      previous = p.timestamp;
      count++;
    }
    assert.equal(count, want.frames, `${want.name}'s ${want.source}`);
    assert.equal(first.type, 'key', 'every track starts with a key frame');
  }
  const duration = await input.computeDuration();
  assert.ok(Math.abs(duration * 1000 - result.durationMs) <= 100, `WebM duration ${duration}`);
});

test("another meeting's key opens nothing, and says so", async () => {
  const other = await m.deriveMeetingSecret(m.generateSeed());
  await assert.rejects(m.exportRecording(sampleBytes(), other), (e) => {
    assert.ok(e instanceof m.RecordingExportError, String(e));
    assert.match(e.message, /key opens none of the recording's 2 sealed keys/);
    return true;
  });
});

test('a recording cut in the middle of its last record still exports', async () => {
  const bytes = sampleBytes();
  const records = rawRecords(bytes);
  const last = records.at(-1);
  const cut = bytes.length - Math.floor(last.length / 2);
  const result = await m.exportRecording(bytes.subarray(0, cut), await sampleSecret());
  assert.equal(result.trailingBytes, cut - (bytes.length - last.length));
  assert.ok(result.trailingBytes > 0);
  assert.equal(result.tracks.length, 4);
  assert.equal(result.epochs, 2);
});

test('a file that is no recording, or holds no sealed key, gets a clear error', async () => {
  const secret = await sampleSecret();
  const isExportError = (pattern) => (e) => {
    assert.ok(e instanceof m.RecordingExportError, String(e));
    assert.match(e.message, pattern);
    return true;
  };
  await assert.rejects(m.exportRecording(new TextEncoder().encode('RIFF....WEBPVP8 '), secret), isExportError(/not a Conclave recording/));
  await assert.rejects(m.exportRecording(new Uint8Array(0), secret), isExportError(/not a Conclave recording/));
  const bytes = sampleBytes();
  const mediaOnly = concat(MAGIC, ...rawRecords(bytes).filter((r) => r[4] === 1));
  await assert.rejects(m.exportRecording(mediaOnly, secret), isExportError(/holds no sealed keys/));
  // Keys, but no media: nothing to write.
  const keysOnly = concat(MAGIC, ...rawRecords(bytes).filter((r) => r[4] === 2));
  await assert.rejects(m.exportRecording(keysOnly, secret), isExportError(/No frame of the recording decrypts/));
});

test("frames are attributed by their key, not the server's label, and each epoch is used once", async () => {
  const bytes = sampleBytes();
  const records = rawRecords(bytes);
  // The server claims every packet of participant 1 came from 7, and stored
  // every sealed key twice (two hosts).
  const relabeled = records.map((r) => {
    const copy = r.slice();
    const v = new DataView(copy.buffer);
    if (copy[4] === 1 && v.getBigUint64(5) === 1n) v.setBigUint64(5, 7n);
    return copy;
  });
  const keys = records.filter((r) => r[4] === 2);
  const result = await m.exportRecording(concat(MAGIC, ...relabeled, ...keys), await sampleSecret());
  assert.equal(result.epochs, 2);
  assert.deepEqual(
    result.tracks.map((t) => [t.participant, t.name, t.source, t.frames]),
    expected.tracks.map((t) => [t.participant, t.name, t.source, t.frames]),
  );
});

test('frames that fail authentication are counted and left out; a key for none of the frames opens nothing', async () => {
  const secret = await sampleSecret();
  const records = rawRecords(sampleBytes());
  // Alter the tag of Ada's (participant 2) first five microphone packets:
  // one packet, one Opus frame.
  let altered = 0;
  const tampered = records.map((r) => {
    const v = new DataView(r.buffer);
    if (r[4] !== 1 || v.getBigUint64(5) !== 2n || r[13] !== 0 || altered === 5) return r;
    altered++;
    const copy = r.slice();
    copy[copy.length - 1] ^= 1;
    return copy;
  });
  const result = await m.exportRecording(concat(MAGIC, ...tampered), secret);
  assert.equal(result.undecryptableFrames, 5);
  assert.deepEqual(
    result.tracks.map((t) => t.frames),
    expected.tracks.map((t) => (t.participant === 2 && t.source === 'microphone' ? t.frames - 5 : t.frames)),
  );
  // Every frame of the sample was sent under its second epoch: the first
  // epoch's key alone opens, but decrypts nothing.
  const keys = records.filter((r) => r[4] === 2);
  await assert.rejects(m.exportRecording(concat(MAGIC, ...records.filter((r) => r[4] === 1), keys[0]), secret), (e) => {
    assert.ok(e instanceof m.RecordingExportError);
    assert.match(e.message, /No frame of the recording decrypts/);
    return true;
  });
});
