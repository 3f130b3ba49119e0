// Watches the two media connections (sending and receiving) and says in
// words what is wrong with them, instead of leaving black tiles: media that
// does not connect, a connection that failed and why, and a connection
// that dropped and is being recovered, with how long it has been trying.
// Once connected, it also says how media travels (UDP, or TCP where a
// firewall blocks UDP), from the connection's selected candidate pair.

/** Longer than a healthy connection takes here (well under 1 s on a LAN, a few s across the world). */
const CONNECT_GRACE_MS = 8_000;
/** How often an ongoing wait's seconds are refreshed on screen. */
const TICK_MS = 1_000;

export const MEDIA_CAUSES =
  "The usual causes: a firewall blocking the meeting server's media port (UDP, and TCP too) with no relay set up, or the server announcing an address you cannot reach (its --public-ip setting).";

type Direction = 'sending' | 'receiving';

/** How one connection's media travels, as shown: 'UDP', 'TCP', 'a relay over TLS'… */
export type Transport = string;

interface Watched {
  pc: RTCPeerConnection;
  /** Set once connected, from the selected candidate pair. */
  transport: Transport | null;
  /** When it last entered a state that is not connected, or null. */
  troubleSince: number | null;
  /** Whether it was ever connected: a drop then is a reconnect, not a first connect. */
  wasConnected: boolean;
}

export class ConnectionWatch {
  private readonly watched = new Map<Direction, Watched>();
  private timer: number | undefined;

  /** `show(null)` clears the message; `showTransport(null)` clears the transport line. */
  constructor(
    private readonly show: (message: string | null) => void,
    private readonly showTransport: (text: string | null) => void = () => undefined,
  ) {}

  watch(direction: Direction, pc: RTCPeerConnection): void {
    const w: Watched = { pc, transport: null, troubleSince: null, wasConnected: false };
    this.watched.set(direction, w);
    const changed = (): void => {
      const state = pc.connectionState;
      if (state === 'connected') {
        w.wasConnected = true;
        w.troubleSince = null;
        // The pair may change on a reconnect: read it on every connect.
        void selectedTransport(pc).then((t) => {
          w.transport = t;
          this.renderTransport();
        });
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
    this.showTransport(null);
  }

  private renderTransport(): void {
    this.showTransport(describeTransport(this.watched.get('sending')?.transport ?? null, this.watched.get('receiving')?.transport ?? null));
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

/** The transport of a connection's selected candidate pair, or null if the stats do not say. */
async function selectedTransport(pc: RTCPeerConnection): Promise<Transport | null> {
  let stats: RTCStatsReport;
  try {
    stats = await pc.getStats();
  } catch {
    return null;
  }
  let pairId: string | undefined;
  stats.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
  });
  // Firefox has no transport stats: its selected pair says so itself.
  stats.forEach((s: { type: string; id: string; selected?: boolean; nominated?: boolean; state?: string }) => {
    if (pairId === undefined && s.type === 'candidate-pair' && (s.selected === true || (s.nominated === true && s.state === 'succeeded'))) pairId = s.id;
  });
  const pair = pairId === undefined ? undefined : (stats.get(pairId) as { localCandidateId?: string } | undefined);
  const local = pair?.localCandidateId === undefined ? undefined : (stats.get(pair.localCandidateId) as LocalCandidate | undefined);
  return local ? transportOf(local) : null;
}

interface LocalCandidate {
  protocol?: string;
  candidateType?: string;
  relayProtocol?: string;
}

/** Words for a local candidate: its protocol, or the relay's when media goes through TURN. */
export function transportOf(c: LocalCandidate): Transport | null {
  if (c.candidateType === 'relay') {
    const to = c.relayProtocol ? c.relayProtocol.toUpperCase() : null;
    return to ? `a relay over ${to}` : 'a relay';
  }
  return c.protocol ? c.protocol.toUpperCase() : null;
}

/** The line shown for both connections: one transport if they agree. */
export function describeTransport(sending: Transport | null, receiving: Transport | null): string | null {
  if (sending === null && receiving === null) return null;
  if (sending === receiving || sending === null || receiving === null) return `Media over ${sending ?? receiving}`;
  return `Media: sending over ${sending}, receiving over ${receiving}`;
}
