// From recorded RTP packets back to whole (still encrypted) frames: VP8 per
// RFC 7741 (the payload descriptor in front of each packet's share of the
// frame), Opus one frame per packet. Browsers packetize the SFrame
// ciphertext like any VP8 frame, so this is a receiver's usual work. The
// same rules as crates/recording/src/depacketize.rs, so both exporters keep
// and count the same frames.

/** The fields of a media record depacketizing reads. */
export interface Packet {
  seq: number;
  rtpTime: number;
  marker: boolean;
  atUs: number;
  payload: Uint8Array;
}

/** One frame as its packets arrived. */
export interface Frame {
  rtpTime: number;
  /** When its first packet reached the server (µs from the start). */
  atUs: number;
  data: Uint8Array;
}

export interface Vp8Frames {
  frames: Frame[];
  /** Frames that could not be put back together (a packet never arrived). */
  incompleteFrames: number;
}

/**
 * The length of a VP8 payload descriptor, and whether the packet starts a
 * frame (S=1, partition 0). Null when the packet is no longer than it.
 */
export function vp8Descriptor(payload: Uint8Array): { length: number; start: boolean } | null {
  const first = payload[0];
  if (first === undefined) return null;
  const start = (first & 0x10) !== 0 && (first & 0x07) === 0;
  let length = 1;
  if ((first & 0x80) !== 0) {
    const ext = payload[1];
    if (ext === undefined) return null;
    length += 1;
    if ((ext & 0x80) !== 0) {
      // PictureID: 7 bits, or 15 when its M bit is set.
      const pid = payload[length];
      if (pid === undefined) return null;
      length += (pid & 0x80) !== 0 ? 2 : 1;
    }
    if ((ext & 0x40) !== 0) length += 1; // TL0PICIDX
    if ((ext & 0x30) !== 0) length += 1; // TID/Y/KEYIDX
  }
  return payload.length > length ? { length, start } : null;
}

interface Part {
  payload: Uint8Array;
  marker: boolean;
}

/** Sorts by arrival, keeping the given order among equals (like Rust's stable sort). */
function byArrival(frames: Frame[]): Frame[] {
  return frames.sort((a, b) => a.atUs - b.atUs);
}

/**
 * Reassembles one VP8 stream's frames (one sender, track and layer), in the
 * order they began to arrive. Duplicates (retransmissions) count once; a
 * frame missing any packet is left out and counted.
 */
export function vp8Frames(packets: Iterable<Packet>): Vp8Frames {
  // Packets of one frame share its RTP time. Grouping by it, not by
  // sequence order, survives reordering and a new stream (a republished
  // camera) whose numbers start elsewhere.
  const byTime = new Map<number, { atUs: number; parts: Map<number, Part> }>();
  for (const p of packets) {
    let group = byTime.get(p.rtpTime);
    if (!group) {
      group = { atUs: p.atUs, parts: new Map() };
      byTime.set(p.rtpTime, group);
    }
    group.atUs = Math.min(group.atUs, p.atUs);
    // The first copy of a sequence number wins, as a retransmission carries the same bytes.
    if (!group.parts.has(p.seq)) group.parts.set(p.seq, { payload: p.payload, marker: p.marker });
  }
  const frames: Frame[] = [];
  let incompleteFrames = 0;
  for (const rtpTime of [...byTime.keys()].sort((a, b) => a - b)) {
    const group = byTime.get(rtpTime);
    if (!group) continue;
    const data = assemble(group.parts);
    if (data) frames.push({ rtpTime, atUs: group.atUs, data });
    else incompleteFrames++;
  }
  return { frames: byArrival(frames), incompleteFrames };
}

/** A frame's packets in sequence order, or null if one is missing, extra or out of place. */
function assemble(parts: Map<number, Part>): Uint8Array | null {
  const seqs = [...parts.keys()].sort((a, b) => a - b);
  const firstSeq = seqs[0];
  if (firstSeq === undefined) return null;
  const pieces: Uint8Array[] = [];
  let length = 0;
  for (const [i, seq] of seqs.entries()) {
    const part = parts.get(seq);
    if (!part || seq !== firstSeq + i) return null;
    const descriptor = vp8Descriptor(part.payload);
    if (!descriptor || (i === 0) !== descriptor.start) return null;
    const piece = part.payload.subarray(descriptor.length);
    pieces.push(piece);
    length += piece.length;
    if (part.marker) {
      if (i + 1 !== seqs.length) return null;
      const data = new Uint8Array(length);
      let offset = 0;
      for (const p of pieces) {
        data.set(p, offset);
        offset += p.length;
      }
      return data;
    }
  }
  // No packet ended the frame: its last one never came.
  return null;
}

/** Opus: every packet is one frame; a duplicate (same sequence number and time) counts once. */
export function opusFrames(packets: Iterable<Packet>): Frame[] {
  const seen = new Set<string>();
  const frames: Frame[] = [];
  for (const p of packets) {
    const key = `${p.seq}/${p.rtpTime}`;
    if (p.payload.length === 0 || seen.has(key)) continue;
    seen.add(key);
    frames.push({ rtpTime: p.rtpTime, atUs: p.atUs, data: p.payload });
  }
  return byArrival(frames);
}
