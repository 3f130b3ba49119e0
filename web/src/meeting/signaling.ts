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
  /** The socket is gone; `reason` says why in words a person can read. */
  onClose(reason: string): void;
}

export class Signaling {
  private readonly socket: WebSocket;
  private pingTimer: number | undefined;
  private closedByUs = false;
  /** When the server was last heard (any message: pongs come every ping). */
  heardAt = Date.now();

  constructor(meetingId: string, private readonly handlers: SignalingHandlers) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    // A meeting with a passcode opens the socket as it opened the page: with
    // the `?passcode=` of its link (the server answers as for an unknown id
    // without it).
    const passcode = new URLSearchParams(location.search).get('passcode');
    const query = passcode === null ? '' : `?passcode=${encodeURIComponent(passcode)}`;
    this.socket = new WebSocket(`${scheme}//${location.host}/ws/${encodeURIComponent(meetingId)}${query}`);
    this.socket.addEventListener('message', (event) => this.receive(event));
    this.socket.addEventListener('close', (event) => this.closed(event));
  }

  /** Resolves once the socket is open; rejects if it closes first. */
  opened(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onOpen = (): void => {
        this.socket.removeEventListener('close', onClose);
        this.pingTimer = window.setInterval(() => this.send({ type: 'ping' }), PING_INTERVAL_MS);
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
    if (this.socket.readyState !== WebSocket.OPEN) return;
    // u64 fields (MLS epochs) are typed bigint; on the wire they are numbers.
    this.socket.send(JSON.stringify({ v: PROTOCOL_VERSION, ...msg }, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value)));
  }

  /** Closes without reporting it through onClose: the caller already knows. */
  close(): void {
    this.closedByUs = true;
    this.stopPing();
    this.socket.close(1000, 'leaving');
  }

  private receive(event: MessageEvent): void {
    this.heardAt = Date.now();
    if (typeof event.data !== 'string') return;
    // The server is held to the limits it holds clients to (MAX_MESSAGE_BYTES).
    if (event.data.length > MAX_MESSAGE_CHARS) {
      console.warn('conclave: ignoring an oversized signaling message');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      console.warn('conclave: ignoring a signaling message that is not JSON');
      return;
    }
    if (!isServerMessage(parsed)) {
      console.warn('conclave: ignoring an unknown signaling message', parsed);
      return;
    }
    if (!idsAreSafe(parsed)) {
      // The native client refuses the same (ParticipantId's bound): an id both
      // clients cannot read identically must never name a member.
      console.warn('conclave: ignoring a signaling message with an id above 2^53 - 1');
      return;
    }
    this.handlers.onMessage(parsed);
  }

  private closed(event: CloseEvent): void {
    this.stopPing();
    if (this.closedByUs) return;
    const detail = event.reason ? `: ${event.reason}` : '';
    this.handlers.onClose(`The connection to the meeting server was closed (code ${event.code}${detail}).`);
  }

  private stopPing(): void {
    if (this.pingTimer !== undefined) window.clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }
}

// The server is trusted to send well-formed messages of its own version;
// checking the envelope and type is enough to catch talking to the wrong thing.
function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['v'] === PROTOCOL_VERSION && typeof v['type'] === 'string' && SERVER_MESSAGE_TYPES.has(v['type']);
}
