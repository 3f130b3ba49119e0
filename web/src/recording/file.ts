// The recording file of docs/recording.md, read in the page: a 16-byte
// magic, then records `length u32 BE` (of what follows), `kind u8`, body.
// The same reading as crates/recording/src/file.rs `parse`, so the browser
// and `conclave recording export` keep and leave out the same records.

/** The file's first bytes: what it is, and the format's version. */
export const MAGIC = new TextEncoder().encode('conclave-rec-v1\n');

/**
 * No record is longer: a media payload is one RTP packet (under 1500
 * bytes), a sealed key at most the signaling limit (192 KiB). A longer
 * length can only be corruption (or a cut in the middle of the length), so
 * reading stops there rather than skip an arbitrary span of the file.
 */
export const MAX_RECORD_BYTES = 256 * 1024;

const KIND_MEDIA = 1;
const KIND_KEY = 2;
const MEDIA_HEADER = 8 + 1 + 1 + 8 + 8 + 1 + 8;
const KEY_HEADER = 8 + 8 + 8;

/** 0 microphone, 1 camera, 2 screen, 3 screen audio: the SFrame KID's context numbering too. */
export type SourceNumber = 0 | 1 | 2 | 3;

export const SOURCE_LABELS = ['microphone', 'camera', 'screen', 'screen audio'] as const;
export type SourceLabel = (typeof SOURCE_LABELS)[number];

export function isVideoSource(source: SourceNumber): boolean {
  return source === 1 || source === 2;
}

export interface MediaRecord {
  kind: 'media';
  /** The server's label: who it says sent the packet (the export trusts the KID instead). */
  participant: number;
  source: SourceNumber;
  layer: number;
  seq: number;
  /** The extended RTP timestamp. */
  rtpTime: number;
  marker: boolean;
  /** When the packet reached the server, µs from the recording's start. */
  atUs: number;
  /** The RTP payload as forwarded: still SFrame ciphertext. */
  payload: Uint8Array;
}

export interface KeyRecord {
  kind: 'key';
  from: number;
  epoch: bigint;
  atUs: number;
  /** The sealed epoch (base64 text) a host's client sent. */
  sealed: string;
}

export type RecordingRecord = MediaRecord | KeyRecord;

export interface ParsedRecording {
  records: RecordingRecord[];
  /** Bytes at the end that make no whole record (a crash while writing, or corruption): left out. */
  trailingBytes: number;
  /** Whole records of a kind this build does not know, or malformed. */
  skippedRecords: number;
}

/** Thrown for bytes that are not a recording of this format version. */
export class NotARecordingError extends Error {
  constructor() {
    super('This is not a Conclave recording (or one of another version of the format).');
    this.name = 'NotARecordingError';
  }
}

/** Parses a recording file's bytes; records keep the file's order. Payloads are views on `bytes`. */
export function parseRecording(bytes: Uint8Array): ParsedRecording {
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) throw new NotARecordingError();
  const rest = bytes.subarray(MAGIC.length);
  const view = new DataView(rest.buffer, rest.byteOffset, rest.byteLength);
  const records: RecordingRecord[] = [];
  let trailingBytes = 0;
  let skippedRecords = 0;
  let at = 0;
  while (at < rest.length) {
    if (at + 4 > rest.length) {
      trailingBytes = rest.length - at;
      break;
    }
    const len = view.getUint32(at, false);
    if (len === 0 || len > MAX_RECORD_BYTES || at + 4 + len > rest.length) {
      trailingBytes = rest.length - at;
      break;
    }
    const record = parseRecord(rest.subarray(at + 4, at + 4 + len));
    if (record) records.push(record);
    else skippedRecords++;
    at += 4 + len;
  }
  return { records, trailingBytes, skippedRecords };
}

/**
 * A u64 as a number. Every u64 of the format is a counter from the
 * recording's start, an extended RTP counter or a participant id (at most
 * 2^53 - 1 by the protocol), so a larger one is corruption: null, and the
 * record is skipped rather than read with a rounded value.
 */
function u64At(view: DataView, at: number): number | null {
  const value = view.getBigUint64(at, false);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}

function sourceOf(byte: number): SourceNumber | null {
  return byte === 0 || byte === 1 || byte === 2 || byte === 3 ? byte : null;
}

function parseRecord(body: Uint8Array): RecordingRecord | null {
  const kind = body[0];
  const b = body.subarray(1);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (kind === KIND_MEDIA) {
    if (b.length < MEDIA_HEADER) return null;
    const participant = u64At(view, 0);
    const source = sourceOf(view.getUint8(8));
    const seq = u64At(view, 10);
    const rtpTime = u64At(view, 18);
    const atUs = u64At(view, 27);
    if (participant === null || source === null || seq === null || rtpTime === null || atUs === null) return null;
    return {
      kind: 'media',
      participant,
      source,
      layer: view.getUint8(9),
      seq,
      rtpTime,
      marker: view.getUint8(26) !== 0,
      atUs,
      payload: b.subarray(MEDIA_HEADER),
    };
  }
  if (kind === KIND_KEY) {
    if (b.length < KEY_HEADER) return null;
    const from = u64At(view, 0);
    const atUs = u64At(view, 16);
    if (from === null || atUs === null) return null;
    let sealed: string;
    try {
      sealed = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b.subarray(KEY_HEADER));
    } catch {
      return null;
    }
    return { kind: 'key', from, epoch: view.getBigUint64(8, false), atUs, sealed };
  }
  return null;
}
