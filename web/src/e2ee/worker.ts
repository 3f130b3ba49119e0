// The media worker: SFrame-encrypts every outgoing encoded frame and
// decrypts every incoming one, inside RTCRtpScriptTransform (docs/e2ee.md).
// The page gives it one MLS base key per epoch; it derives a key per KID,
// keeps the previous epochs for 10 s, and counts what it decrypts and drops.
//
// It must never pass on a frame it could not encrypt or authenticate: a
// sender without a key sends nothing, a receiver drops what fails.

import { AES_128_GCM_SHA256_128, decodeHeader, sframeDecrypt, sframeEncrypt, sframeKey, type SFrameKey } from './sframe';
import {
  CONTEXTS,
  type DecryptOptions,
  type EncryptOptions,
  type FromWorker,
  type ReceiverCounters,
  type SenderCounters,
  type ToWorker,
} from './workerProtocol';

/** docs/e2ee.md: frames in flight may use the previous epoch this long. */
const OLD_EPOCH_KEEP_MS = 10_000;
/**
 * How long a frame of an epoch after ours may wait for its key: the
 * committer sends under the new epoch as soon as its commit is accepted,
 * while the others still have to process the commit, which on a busy
 * machine takes seconds (four browsers on two cores: over 3 s seen, and a
 * 1 s wait lost 20–60 frames per member at a join). Frames queue behind
 * the waiting one and flow once the key is there: late, not lost. As long
 * as receivers keep an old epoch's keys, so a frame may be as early as it
 * may be late. Any key arriving ends the wait early.
 */
const UNKNOWN_KEY_WAIT_MS = OLD_EPOCH_KEEP_MS;
/**
 * Epoch bits at most this far ahead of ours are a coming epoch worth
 * waiting for; any other unknown bits are an epoch we never held (one
 * before we joined) and are dropped at once rather than stall the track.
 */
const MAX_EPOCHS_AHEAD = 4;
const STATS_INTERVAL_MS = 1_000;
/** Counters older than the newest by more than this are replays (or junk). */
const REPLAY_WINDOW = 4096;

// ------------------------------------------------- minimal worker typings --

interface EncodedFrame {
  data: ArrayBuffer;
  type?: string;
}

interface ScriptTransformer {
  readonly readable: ReadableStream<EncodedFrame>;
  readonly writable: WritableStream<EncodedFrame>;
  readonly options: EncryptOptions | DecryptOptions;
  generateKeyFrame?(rid?: string): Promise<unknown>;
  sendKeyFrameRequest?(): Promise<unknown>;
}

interface WorkerScope {
  onrtctransform: ((event: { transformer: ScriptTransformer }) => void) | null;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = self as unknown as WorkerScope;

// ------------------------------------------------------------------ keys --

class Epoch {
  readonly epochBits: number;
  expiresAt: number | null = null;
  /** Base key for receiving; differs from `baseKey` only after corruptKeys(). */
  recvBaseKey: Uint8Array;
  private readonly sendKeys = new Map<number, Promise<SFrameKey>>();
  private recvKeys = new Map<number, Promise<SFrameKey>>();
  readonly counters = new Map<number, number>();
  /** Highest counter seen per KID and the recent ones, against replays. */
  readonly seen = new Map<number, { max: number; recent: Set<number> }>();

  constructor(
    readonly epoch: number,
    readonly baseKey: Uint8Array,
    readonly leaf: number,
    readonly members: ReadonlyMap<number, number>,
  ) {
    this.epochBits = epoch % 16;
    this.recvBaseKey = baseKey;
  }

  sendKey(kid: number): Promise<SFrameKey> {
    let key = this.sendKeys.get(kid);
    if (!key) {
      key = sframeKey(AES_128_GCM_SHA256_128, this.baseKey, BigInt(kid));
      this.sendKeys.set(kid, key);
    }
    return key;
  }

  recvKey(kid: number): Promise<SFrameKey> {
    let key = this.recvKeys.get(kid);
    if (!key) {
      key = sframeKey(AES_128_GCM_SHA256_128, this.recvBaseKey, BigInt(kid));
      this.recvKeys.set(kid, key);
    }
    return key;
  }

  corrupt(): void {
    this.recvBaseKey = crypto.getRandomValues(new Uint8Array(this.baseKey.length));
    this.recvKeys = new Map();
  }

  erase(): void {
    this.baseKey.fill(0);
    this.recvBaseKey.fill(0);
    this.sendKeys.clear();
    this.recvKeys.clear();
  }

  /** True if the counter is new for this KID; records it. */
  fresh(kid: number, ctr: number): boolean {
    let s = this.seen.get(kid);
    if (!s) {
      s = { max: -1, recent: new Set() };
      this.seen.set(kid, s);
    }
    if (ctr <= s.max - REPLAY_WINDOW || s.recent.has(ctr)) return false;
    s.recent.add(ctr);
    if (ctr > s.max) {
      s.max = ctr;
      if (s.recent.size > 2 * REPLAY_WINDOW) {
        for (const c of s.recent) if (c <= s.max - REPLAY_WINDOW) s.recent.delete(c);
      }
    }
    return true;
  }
}

/** The newest epoch: every receiver can decrypt under it. */
let current: Epoch | null = null;
/** The epoch frames are sent under: the newest, or for a moment after a join the one before it. */
let sending: Epoch | null = null;
/** Every epoch still usable for decryption, newest last. */
let epochs: Epoch[] = [];
let keyGeneration = 0;
/** Test hook (corruptKeys): every receive key, now and later, is random. */
let corruptReceiveKeys = false;
let keyWaiters: (() => void)[] = [];
const videoSenders = new Set<ScriptTransformer>();

function addEpoch(epoch: number, baseKey: Uint8Array, leaf: number, members: [number, number][], sendAfterMs: number): void {
  if (current && epoch <= current.epoch) return;
  const next = new Epoch(epoch, baseKey, leaf, new Map(members));
  if (corruptReceiveKeys) next.corrupt();
  const now = Date.now();
  for (const old of epochs) {
    // RFC 9605 §5.2: a new epoch with the same low bits replaces an old one.
    if (old.epochBits === next.epochBits) old.expiresAt = now;
    else old.expiresAt ??= now + OLD_EPOCH_KEEP_MS;
  }
  epochs.push(next);
  current = next;
  pruneEpochs();
  setTimeout(pruneEpochs, OLD_EPOCH_KEEP_MS + 100);
  keyGeneration++;
  wakeKeyWaiters();
  if (sending === null || !(sendAfterMs > 0)) startSending(next);
  else setTimeout(() => startSending(next), sendAfterMs);
}

/** Frames go out under `epoch` from now, unless a newer one took over meanwhile. */
function startSending(epoch: Epoch): void {
  if (sending !== null && sending.epoch >= epoch.epoch) return;
  if (!epochs.includes(epoch)) return;
  sending = epoch;
  // Receivers that join in this epoch need a key frame to start from.
  for (const t of videoSenders) t.generateKeyFrame?.().catch(() => undefined);
}

/**
 * After a rejoin the next group may start at any epoch: nothing is sent
 * until its key arrives, and old keys only serve frames still in flight.
 */
function resetEpochs(): void {
  const now = Date.now();
  for (const old of epochs) old.expiresAt ??= now + OLD_EPOCH_KEEP_MS;
  current = null;
  sending = null;
  keyGeneration++;
  // Frames waiting for a key of the discarded group wait for the next one instead.
  wakeKeyWaiters();
  setTimeout(pruneEpochs, OLD_EPOCH_KEEP_MS + 100);
}

function pruneEpochs(): void {
  const now = Date.now();
  epochs = epochs.filter((e) => {
    if (e.expiresAt !== null && e.expiresAt <= now) {
      e.erase();
      return false;
    }
    return true;
  });
}

function epochForBits(bits: number): Epoch | undefined {
  pruneEpochs();
  for (let i = epochs.length - 1; i >= 0; i--) if (epochs[i]?.epochBits === bits) return epochs[i];
  return undefined;
}

/** Whether unknown epoch bits may be of an epoch this client is about to get. */
function mayBeComing(bits: number): boolean {
  // Before the first key (joining, or after a rejoin) any epoch may be next.
  if (!current) return true;
  const ahead = (bits - current.epochBits + 16) % 16;
  return ahead >= 1 && ahead <= MAX_EPOCHS_AHEAD;
}

function wakeKeyWaiters(): void {
  const waiters = keyWaiters;
  keyWaiters = [];
  for (const w of waiters) w();
}

function keysChanged(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    keyWaiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// -------------------------------------------------------------- counters --

const senderCounters: SenderCounters = { encrypted: 0, droppedNoKey: 0, errors: 0 };
const receiverIdentity = new Map<string, { participant: number; source: DecryptOptions['source'] }>();
const receiverCounters = new Map<string, ReceiverCounters>();

function countersFor(receiverId: string): ReceiverCounters {
  const who = receiverIdentity.get(receiverId);
  const participant = who?.participant ?? -1;
  const source = who?.source ?? 'camera';
  const key = `${participant}/${source}`;
  let c = receiverCounters.get(key);
  if (!c) {
    c = { participant, source, kind: kindOf(source), decrypted: 0, failures: 0, lastFailure: '', duplicates: 0 };
    receiverCounters.set(key, c);
  }
  return c;
}

function fail(receiverId: string, reason: string): void {
  const c = countersFor(receiverId);
  c.failures++;
  c.lastFailure = reason;
}

function report(requestId?: number): void {
  scope.postMessage({
    type: 'stats',
    requestId,
    epoch: current?.epoch ?? null,
    sender: { ...senderCounters },
    receivers: [...receiverCounters.values()].map((c) => ({ ...c })),
  });
}

// ----------------------------------------------------------------- frames --

function kindOf(source: DecryptOptions['source']): 'audio' | 'video' {
  return source === 'microphone' || source === 'screen_audio' ? 'audio' : 'video';
}

/**
 * docs/e2ee.md: the unencrypted VP8 start the SFU and packetizer read —
 * 10 bytes of a key frame (lowest bit of byte 0 clear), 3 of a delta frame.
 */
function vp8PrefixLength(data: Uint8Array): number | null {
  const first = data[0];
  if (first === undefined) return null;
  const length = (first & 0x01) === 0 ? 10 : 3;
  // A frame shorter than its clear start cannot be sealed so that the
  // receiver splits it at the same place (the native client refuses it too).
  return data.length >= length ? length : null;
}

async function encryptFrame(frame: EncodedFrame, options: EncryptOptions, controller: TransformStreamDefaultController<EncodedFrame>): Promise<void> {
  const epoch = sending;
  if (!epoch) {
    senderCounters.droppedNoKey++;
    return;
  }
  const kid = (options.context << 20) | (epoch.leaf << 4) | epoch.epochBits;
  const ctr = epoch.counters.get(kid) ?? 0;
  epoch.counters.set(kid, ctr + 1);
  const data = new Uint8Array(frame.data);
  const prefixLength = options.kind === 'video' ? vp8PrefixLength(data) : 0;
  if (prefixLength === null) {
    senderCounters.errors++;
    return;
  }
  const prefix = data.subarray(0, prefixLength);
  const key = await epoch.sendKey(kid);
  const sealed = await sframeEncrypt(key, BigInt(ctr), prefix, data.subarray(prefixLength));
  const out = new Uint8Array(prefixLength + sealed.length);
  out.set(prefix);
  out.set(sealed, prefixLength);
  frame.data = out.buffer;
  senderCounters.encrypted++;
  controller.enqueue(frame);
}

interface ReceiverState {
  /** The key generation and epoch bits this receiver last stopped waiting for. */
  gaveUp: { generation: number; bits: number } | null;
  failing: boolean;
}

async function decryptFrame(
  frame: EncodedFrame,
  options: DecryptOptions,
  state: ReceiverState,
  transformer: ScriptTransformer,
  controller: TransformStreamDefaultController<EncodedFrame>,
): Promise<void> {
  const data = new Uint8Array(frame.data);
  const prefixLength = options.kind === 'video' ? vp8PrefixLength(data) : 0;
  if (prefixLength === null) {
    fail(options.id, 'malformed');
    return;
  }
  const prefix = data.subarray(0, prefixLength);
  const body = data.subarray(prefixLength);
  const header = decodeHeader(body);
  if (!header || header.kid > 0xffffffffn || header.ctr > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail(options.id, 'malformed');
    return;
  }
  const kid = Number(header.kid);
  const ctr = Number(header.ctr);
  const bits = kid & 0x0f;
  let epoch = epochForBits(bits);
  if (!epoch && !(state.gaveUp?.generation === keyGeneration && state.gaveUp.bits === bits)) {
    // A commit others processed a moment before us: wait for our copy.
    // Another key arriving first (the epoch of our own join while this is a
    // frame from before it, or one epoch of two quick commits) does not end
    // the wait for this one.
    const deadline = Date.now() + UNKNOWN_KEY_WAIT_MS;
    while (!epoch && mayBeComing(bits) && Date.now() < deadline) {
      await keysChanged(deadline - Date.now());
      epoch = epochForBits(bits);
    }
    // Later frames of the same unknown epoch fail at once until a key
    // arrives, rather than each stall the track again; a give-up is kept
    // per epoch bits, so one on a frame from before our join does not
    // make the next epoch's frames fail without waiting for their key.
    if (!epoch) state.gaveUp = { generation: keyGeneration, bits };
  }
  if (!epoch) {
    // Which epoch, against ours, tells a frame from before we joined from a key that came late.
    fail(options.id, `unknown key (epoch bits ${kid & 0x0f}, ours ${current?.epochBits ?? 'none'})`);
    state.failing = true;
    return;
  }
  // The KID names the sending leaf: it must be the participant whose track
  // this m-line carries, as that epoch's group says.
  const who = receiverIdentity.get(options.id);
  const expectedLeaf = who ? epoch.members.get(who.participant) : undefined;
  if (expectedLeaf === undefined || expectedLeaf !== (kid >> 4) % 0x10000) {
    fail(options.id, 'wrong sender');
    state.failing = true;
    return;
  }
  let plain: Uint8Array;
  try {
    plain = await sframeDecrypt(await epoch.recvKey(kid), header, prefix, body);
  } catch {
    fail(options.id, 'authentication');
    state.failing = true;
    return;
  }
  // Only an authentic frame may move the replay window.
  if (!epoch.fresh(kid, ctr)) {
    countersFor(options.id).duplicates++;
    return;
  }
  const out = new Uint8Array(prefixLength + plain.length);
  out.set(prefix);
  out.set(plain, prefixLength);
  frame.data = out.buffer;
  countersFor(options.id).decrypted++;
  if (state.failing) {
    // Frames were dropped before this one: ask for a fresh start.
    state.failing = false;
    if (options.kind === 'video') transformer.sendKeyFrameRequest?.().catch(() => undefined);
  }
  controller.enqueue(frame);
}

function attach(transformer: ScriptTransformer): void {
  const options = transformer.options;
  let handle: (frame: EncodedFrame, controller: TransformStreamDefaultController<EncodedFrame>) => Promise<void>;
  if (options.role === 'encrypt') {
    if (!CONTEXTS.includes(options.context)) throw new Error(`bad context ${options.context}`);
    if (options.kind === 'video') videoSenders.add(transformer);
    handle = (frame, controller) => encryptFrame(frame, options, controller);
  } else {
    receiverIdentity.set(options.id, { participant: options.participant, source: options.source });
    const state: ReceiverState = { gaveUp: null, failing: false };
    handle = (frame, controller) => decryptFrame(frame, options, state, transformer, controller);
  }
  const stream = new TransformStream<EncodedFrame, EncodedFrame>({
    async transform(frame, controller) {
      try {
        await handle(frame, controller);
      } catch (e) {
        // Never let one frame error the stream: that would stop all media.
        if (options.role === 'encrypt') senderCounters.errors++;
        else fail(options.id, `error: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  });
  transformer.readable
    .pipeThrough(stream)
    .pipeTo(transformer.writable)
    .catch(() => undefined)
    .finally(() => videoSenders.delete(transformer));
}

scope.onrtctransform = (event) => attach(event.transformer);

scope.onmessage = (event) => {
  const msg = event.data;
  switch (msg.type) {
    case 'epoch':
      addEpoch(msg.epoch, msg.baseKey, msg.leaf, msg.members, msg.sendAfterMs);
      break;
    case 'receiver':
      receiverIdentity.set(msg.id, { participant: msg.participant, source: msg.source });
      break;
    case 'stats':
      report(msg.requestId);
      break;
    case 'corrupt':
      corruptReceiveKeys = true;
      for (const e of epochs) e.corrupt();
      break;
    case 'reset':
      resetEpochs();
      break;
  }
};

setInterval(() => report(), STATS_INTERVAL_MS);
