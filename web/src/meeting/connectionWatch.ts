// Watches the two media connections (sending and receiving) and says in
// words what is wrong with them, instead of leaving black tiles: media that
// does not connect, a connection that failed and why, and a connection
// that dropped and is being recovered, with how long it has been trying.

/** Longer than a healthy connection takes here (well under 1 s on a LAN, a few s across the world). */
const CONNECT_GRACE_MS = 8_000;
/** How often an ongoing wait's seconds are refreshed on screen. */
const TICK_MS = 1_000;

export const MEDIA_CAUSES =
  'The usual causes: a firewall blocking UDP between you and the meeting server, or the server announcing an address you cannot reach (its --public-ip setting).';

type Direction = 'sending' | 'receiving';

interface Watched {
  pc: RTCPeerConnection;
  /** When it last entered a state that is not connected, or null. */
  troubleSince: number | null;
  /** Whether it was ever connected: a drop then is a reconnect, not a first connect. */
  wasConnected: boolean;
}

export class ConnectionWatch {
  private readonly watched = new Map<Direction, Watched>();
  private timer: number | undefined;

  /** `show(null)` clears the message. */
  constructor(private readonly show: (message: string | null) => void) {}

  watch(direction: Direction, pc: RTCPeerConnection): void {
    const w: Watched = { pc, troubleSince: null, wasConnected: false };
    this.watched.set(direction, w);
    const changed = (): void => {
      const state = pc.connectionState;
      if (state === 'connected') {
        w.wasConnected = true;
        w.troubleSince = null;
      } else if (state === 'new' || state === 'closed') {
        // Not negotiated yet (waiting in the lobby), or left on purpose.
        w.troubleSince = null;
      } else {
        w.troubleSince ??= Date.now();
      }
      this.render();
    };
    pc.addEventListener('connectionstatechange', changed);
    pc.addEventListener('iceconnectionstatechange', changed);
    this.timer ??= window.setInterval(() => this.render(), TICK_MS);
    changed();
  }

  close(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
    this.watched.clear();
  }

  /** The most serious problem of either connection, or nothing. */
  private render(): void {
    let worst: { text: string; severity: number } | null = null;
    for (const [direction, w] of this.watched) {
      const m = describe(direction, w);
      if (m && (worst === null || m.severity > worst.severity)) worst = m;
    }
    this.show(worst?.text ?? null);
  }
}

/** Severities: a failure outranks a first connect taking long, which outranks a reconnect. */
const FAILED = 3;

function describe(direction: Direction, w: Watched): { text: string; severity: number } | null {
  const { pc } = w;
  const media = direction === 'sending' ? 'Your audio and video' : "The others' audio and video";
  if (pc.connectionState === 'failed') {
    const what =
      pc.iceConnectionState === 'failed'
        ? 'no network path to the meeting server was found (ICE failed)'
        : 'the encrypted media handshake with the server (DTLS) failed';
    return { severity: FAILED, text: `${media} could not connect: ${what}. ${MEDIA_CAUSES} Leave and rejoin to try again.` };
  }
  if (w.troubleSince === null) return null;
  const seconds = Math.round((Date.now() - w.troubleSince) / 1000);
  if (w.wasConnected) {
    return { severity: 1, text: `${media}: connection to the meeting server lost, reconnecting (${seconds} s)…` };
  }
  if (Date.now() - w.troubleSince < CONNECT_GRACE_MS) return null;
  return { severity: 2, text: `${media} are not connecting yet (${seconds} s, still trying). ${MEDIA_CAUSES}` };
}
