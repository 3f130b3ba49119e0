// The signaling WebSocket: typed messages in and out, and the keepalive.
// It knows nothing about media; the meeting decides what a message means.

import type { ClientMessage } from '../protocol/ClientMessage';
import type { ServerMessage } from '../protocol/ServerMessage';
import { MAX_ID, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, SERVER_MESSAGE_TYPES as SERVER_TYPES } from '../protocol/constants';


// The server drops a client silent for 45 s; every 5 s keeps it sure we are here.
const PING_INTERVAL_MS = 5000;

const SERVER_MESSAGE_TYPES: ReadonlySet<string> = new Set(SERVER_TYPES);

/** A JS string's length counts UTF-16 units, never more than its UTF-8 bytes. */
const MAX_MESSAGE_CHARS = MAX_MESSAGE_BYTES;

/** Fields that carry participant or track ids anywhere in a server message. */
const ID_FIELDS: ReadonlySet<string> = new Set(['id', 'you', 'participant', 'from', 'track']);

function isId(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_ID;
}

/** Every id is an integer in 0..=2^53-1, as the protocol requires (MAX_ID). */
export function idsAreSafe(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(idsAreSafe);
  if (typeof value !== 'object' || value === null) return true;
  for (const [key, v] of Object.entries(value)) {
    if (ID_FIELDS.has(key) && typeof v === 'number' && !isId(v)) return false;
    if (key === 'removes' && Array.isArray(v) && !v.every(isId)) return false;
    if (!idsAreSafe(v)) return false;
  }
  return true;
}

export interface SignalingHandlers {
  onMessage(msg: ServerMessage): void;
  /** The socket is gone for good; `reason` says why in words a person can read. */
  onClose(reason: string): void;
  /** The link to the server is lost and being brought back (true), or is back (false). */
  onReconnecting?(reconnecting: boolean): void;
  /** A new socket took the member's place back (after a stall or a closed socket). */
  onResumed?(): void;
}

/** Nothing heard for this long (pongs answer every ping) means the socket is stalled. */
const STALL_MS = 8_000;
/**
 * A resume attempt that has not connected in this time is abandoned for a
 * fresh one: a SYN lost in the outage would otherwise wait out TCP's
 * backoff (1 s, then 3 s), so the link's return is noticed within about
 * this long. Four round trips of the last measured ping, so a slow link
 * (half a second of queueing) still completes its handshake; never under
 * 1 s, when one retransmitted SYN would do as well.
 */
const ATTEMPT_MIN_MS = 1_000;
const ATTEMPT_MAX_MS = 4_000;
/** After a hint that the network changed, a ping unanswered this long means the socket is stalled. */
const PROBE_MS = 2_000;
/** Once a resume attempt is connected, how long its answer may take (a slow link's round trips). */
const ANSWER_MS = 5_000;
/**
 * Numbered messages handled before they are acknowledged without waiting for
 * the next ping: a quarter of what the server keeps for a resume (512), so a
 * large meeting's burst of joins never switches this member's resume off.
 */
const ACK_EVERY = 128;
/** Messages sent while the link is down, kept for the new socket. A meeting sends a few a second; more means something is wrong. */
const MAX_QUEUED = 256;

/**
 * The signaling link: one WebSocket at a time. When it stalls or closes,
 * a new one takes the member's place with the server's resume token (no
 * new MLS join) and gets every numbered message it missed; what the page
 * sends meanwhile waits in a queue.
 */
export class Signaling {
  private socket: WebSocket;
  private readonly url: string;
  private pingTimer: number | undefined;
  private stallTimer: number | undefined;
  private closedByUs = false;
  /** When the server was last heard (any message: pongs come every ping). */
  heardAt = Date.now();
  /** The highest numbered message handled, and the last one acknowledged. */
  private seen = 0;
  private acknowledged = 0;
  private resume: { token: string; graceMs: number } | undefined;
  /** Set while the link is being brought back: since when, and the attempt's socket. */
  private lost: { since: number; attempt: WebSocket | undefined; timer: number | undefined } | undefined;
  private queued: string[] = [];
  /** When the last ping went out, and the round trip its pong measured. */
  private pingSentAt = 0;
  private suspectedAt: number | undefined;
  private rttMs = 0;

  constructor(meetingId: string, private readonly handlers: SignalingHandlers) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    // A meeting with a passcode opens the socket as it opened the page: with
    // the `?passcode=` of its link (the server answers as for an unknown id
    // without it).
    const passcode = new URLSearchParams(location.search).get('passcode');
    const query = passcode === null ? '' : `?passcode=${encodeURIComponent(passcode)}`;
    this.url = `${scheme}//${location.host}/ws/${encodeURIComponent(meetingId)}${query}`;
    this.socket = new WebSocket(this.url);
    this.adopt(this.socket);
  }

  /** Resolves once the socket is open; rejects if it closes first. */
  opened(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onOpen = (): void => {
        this.socket.removeEventListener('close', onClose);
        this.pingTimer = window.setInterval(() => this.ping(), PING_INTERVAL_MS);
        this.stallTimer = window.setInterval(() => this.checkStall(), 250);
        resolve();
      };
      const onClose = (): void => {
        this.socket.removeEventListener('open', onOpen);
        reject(new Error('Could not connect to the meeting server.'));
      };
      this.socket.addEventListener('open', onOpen, { once: true });
      this.socket.addEventListener('close', onClose, { once: true });
    });
  }

  send(msg: ClientMessage): void {
    // u64 fields (MLS epochs) are typed bigint; on the wire they are numbers.
    const text = JSON.stringify({ v: PROTOCOL_VERSION, ...msg }, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value));
    if (this.lost !== undefined) {
      // A stalled socket would swallow it (the server ignores a replaced
      // socket); the new one sends it once the place is taken back.
      if (this.queued.length < MAX_QUEUED) this.queued.push(text);
      return;
    }
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  /** Closes without reporting it through onClose: the caller already knows. */
  close(): void {
    this.closedByUs = true;
    this.stopTimers();
    this.abandonAttempt();
    this.lost = undefined;
    this.socket.close(1000, 'leaving');
  }

  private ping(): void {
    if (this.lost !== undefined) return;
    this.pingSentAt = Date.now();
    if (this.resume === undefined) {
      this.send({ type: 'ping' });
    } else {
      this.acknowledged = this.seen;
      this.send({ type: 'ping', seen: this.seen });
    }
  }

  private adopt(socket: WebSocket): void {
    socket.addEventListener('message', (event) => {
      if (socket === this.socket) this.receive(event);
    });
    socket.addEventListener('close', (event) => {
      if (socket === this.socket) this.closed(event);
    });
  }

  /**
   * A hint that the path may be gone (a media connection lost its path, the
   * browser saw the network change): ask the server now rather than wait
   * for the next ping, so a dead socket is replaced within seconds.
   */
  suspect(): void {
    if (this.lost !== undefined || this.resume === undefined || this.suspectedAt !== undefined) return;
    this.suspectedAt = Date.now();
    this.ping();
  }

  private checkStall(): void {
    const now = Date.now();
    if (this.suspectedAt !== undefined && this.heardAt >= this.suspectedAt) this.suspectedAt = undefined;
    if (this.lost !== undefined || this.resume === undefined) return;
    const probeUnanswered = this.suspectedAt !== undefined && now - this.suspectedAt > PROBE_MS;
    if (probeUnanswered || now - this.heardAt > STALL_MS) {
      this.suspectedAt = undefined;
      this.startResuming();
    }
  }

  private startResuming(): void {
    if (this.lost !== undefined || this.closedByUs) return;
    this.lost = { since: Date.now(), attempt: undefined, timer: undefined };
    this.handlers.onReconnecting?.(true);
    this.attempt();
  }

  private attempt(): void {
    const lost = this.lost;
    const resume = this.resume;
    if (lost === undefined || resume === undefined) return;
    if (Date.now() - lost.since > resume.graceMs) {
      this.giveUp('The connection to the meeting server was lost and did not come back in time.');
      return;
    }
    const socket = new WebSocket(this.url);
    lost.attempt = socket;
    const retry = (): void => {
      if (this.lost !== lost || lost.attempt !== socket) return;
      this.abandonAttempt();
      lost.timer = window.setTimeout(() => this.attempt(), 50);
    };
    lost.timer = window.setTimeout(retry, Math.min(ATTEMPT_MAX_MS, Math.max(ATTEMPT_MIN_MS, 4 * this.rttMs)));
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ v: PROTOCOL_VERSION, type: 'resume', token: resume.token, seen: this.seen }));
      // Connected: a slow link gets longer for the answer than for the handshake.
      window.clearTimeout(lost.timer);
      lost.timer = window.setTimeout(retry, ANSWER_MS);
    });
    socket.addEventListener('close', retry);
    socket.addEventListener('message', (event) => {
      if (this.lost !== lost || lost.attempt !== socket) return;
      const msg = parse(event.data);
      if (msg?.type === 'resumed') {
        socket.removeEventListener('close', retry);
        this.resumed(socket);
      } else if (msg?.type === 'error') {
        socket.removeEventListener('close', retry);
        this.giveUp(`The connection to the meeting server was lost and could not be resumed: ${msg.message}`);
      }
    });
  }

  private resumed(socket: WebSocket): void {
    const old = this.socket;
    window.clearTimeout(this.lost?.timer);
    this.lost = undefined;
    this.socket = socket;
    this.adopt(socket);
    old.close(1000, 'replaced');
    this.heardAt = Date.now();
    for (const text of this.queued.splice(0)) socket.send(text);
    this.ping();
    this.handlers.onReconnecting?.(false);
    this.handlers.onResumed?.();
  }

  private abandonAttempt(): void {
    const lost = this.lost;
    if (lost === undefined) return;
    window.clearTimeout(lost.timer);
    const attempt = lost.attempt;
    lost.attempt = undefined;
    attempt?.close();
  }

  private giveUp(reason: string): void {
    this.abandonAttempt();
    this.lost = undefined;
    this.stopTimers();
    this.closedByUs = true;
    this.socket.close();
    this.handlers.onClose(reason);
  }

  private receive(event: MessageEvent): void {
    this.heardAt = Date.now();
    if (this.lost !== undefined) {
      // The old socket came back before a new one took over: carry on with it.
      this.abandonAttempt();
      this.lost = undefined;
      for (const text of this.queued.splice(0)) this.socket.send(text);
      this.handlers.onReconnecting?.(false);
    }
    const parsed = parse(event.data);
    if (parsed === undefined) return;
    const seq = (parsed as { seq?: unknown }).seq;
    if (typeof seq === 'number') {
      // A resend of what was handled before the socket changed.
      if (seq <= this.seen) return;
      this.seen = seq;
      if (this.resume !== undefined && seq >= this.acknowledged + ACK_EVERY) this.ping();
    }
    if (parsed.type === 'pong' && this.pingSentAt > 0) {
      this.rttMs = Date.now() - this.pingSentAt;
      this.pingSentAt = 0;
    }
    if (parsed.type === 'resumable') {
      this.resume = { token: parsed.token, graceMs: parsed.grace_s * 1000 };
      return;
    }
    this.handlers.onMessage(parsed);
  }

  private closed(event: CloseEvent): void {
    if (this.closedByUs) return;
    if (this.resume !== undefined) {
      this.startResuming();
      return;
    }
    this.stopTimers();
    const detail = event.reason ? `: ${event.reason}` : '';
    this.handlers.onClose(`The connection to the meeting server was closed (code ${event.code}${detail}).`);
  }

  private stopTimers(): void {
    if (this.pingTimer !== undefined) window.clearInterval(this.pingTimer);
    if (this.stallTimer !== undefined) window.clearInterval(this.stallTimer);
    this.pingTimer = undefined;
    this.stallTimer = undefined;
  }
}

/** A server message from a socket's text frame, or undefined (with a console note) if it is not one. */
function parse(data: unknown): ServerMessage | undefined {
  if (typeof data !== 'string') return undefined;
  // The server is held to the limits it holds clients to (MAX_MESSAGE_BYTES).
  if (data.length > MAX_MESSAGE_CHARS) {
    console.warn('conclave: ignoring an oversized signaling message');
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    console.warn('conclave: ignoring a signaling message that is not JSON');
    return undefined;
  }
  if (!isServerMessage(parsed)) {
    console.warn('conclave: ignoring an unknown signaling message', parsed);
    return undefined;
  }
  if (!idsAreSafe(parsed)) {
    // The native client refuses the same (ParticipantId's bound): an id both
    // clients cannot read identically must never name a member.
    console.warn('conclave: ignoring a signaling message with an id above 2^53 - 1');
    return undefined;
  }
  return parsed;
}

// The server is trusted to send well-formed messages of its own version;
// checking the envelope and type is enough to catch talking to the wrong thing.
function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['v'] === PROTOCOL_VERSION && typeof v['type'] === 'string' && SERVER_MESSAGE_TYPES.has(v['type']);
}
