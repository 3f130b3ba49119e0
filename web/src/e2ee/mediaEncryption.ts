// The page's side of media encryption: one worker per stay in a meeting, a
// transform on every sender and receiver, keys handed over per epoch, and
// the worker's counters for tests and the debug handle.

import type { ParticipantId } from '../protocol/ParticipantId';
import type { TrackSource } from '../protocol/TrackSource';
import type { EpochInfo } from './mls';
import { CONTEXT_OF_SOURCE, type DecryptOptions, type EncryptOptions, type FromWorker, type ToWorker, type WorkerStats } from './workerProtocol';

const WORKER_URL = '/assets/e2ee-worker.js';
const STATS_TIMEOUT_MS = 2000;

/** docs/e2ee.md: no downgrade — without this API a browser cannot join. */
export function e2eeSupported(): boolean {
  return typeof window.RTCRtpScriptTransform === 'function' && typeof Worker === 'function';
}

function kindOf(source: TrackSource): 'audio' | 'video' {
  return source === 'microphone' || source === 'screen_audio' ? 'audio' : 'video';
}

/**
 * After a commit that removed nobody (a join, a periodic rekey), frames are
 * still sent under the previous epoch's key this long, while every member
 * decrypts under both: members process a commit at different times (over
 * 1 s apart on a busy machine), and a sender that switched at once froze
 * the others' picture until they caught up (2-3.5 s seen). A joiner sees
 * its first frames this much later; a removal never waits.
 */
const SEND_SWITCH_DELAY_MS = 1_500;

export class MediaEncryption {
  private readonly worker = new Worker(WORKER_URL, { name: 'conclave-e2ee', type: 'module' });
  private readonly receivers = new Map<string, { receiver: RTCRtpReceiver; participant: number; source: TrackSource }>();
  private readonly waiting = new Map<number, (stats: WorkerStats) => void>();
  private nextRequest = 1;
  latest: WorkerStats = { epoch: null, sender: { encrypted: 0, droppedNoKey: 0, errors: 0 }, receivers: [] };

  constructor() {
    this.worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const { requestId, type, ...stats } = event.data;
      if (type !== 'stats') return;
      this.latest = stats;
      if (requestId !== undefined) {
        this.waiting.get(requestId)?.(stats);
        this.waiting.delete(requestId);
      }
    });
    this.worker.addEventListener('error', (e) => console.error('conclave: the encryption worker failed', e.message));
  }

  /** Encrypts everything this sender sends; call right after addTransceiver. */
  protectSender(sender: RTCRtpSender, source: TrackSource): void {
    const options: EncryptOptions = { role: 'encrypt', kind: kindOf(source), context: CONTEXT_OF_SOURCE[source] };
    sender.transform = new RTCRtpScriptTransform(this.worker, options);
  }

  /**
   * Decrypts everything this receiver gets. The first call attaches the
   * transform (call it from ontrack, before media flows); later calls tell
   * the worker whose track a reused m-line now carries.
   */
  protectReceiver(receiver: RTCRtpReceiver, mid: string, participant: ParticipantId, source: TrackSource): void {
    const known = this.receivers.get(mid);
    if (known && known.receiver === receiver) {
      if (known.participant !== participant || known.source !== source) {
        this.receivers.set(mid, { receiver, participant, source });
        this.post({ type: 'receiver', id: mid, participant, source });
      }
      return;
    }
    this.receivers.set(mid, { receiver, participant, source });
    const options: DecryptOptions = { role: 'decrypt', id: mid, kind: receiver.track.kind === 'audio' ? 'audio' : 'video', participant, source };
    receiver.transform = new RTCRtpScriptTransform(this.worker, options);
  }

  /** Who was in the last epoch (participant:leaf), to tell a join from a removal. */
  private members: Set<string> | null = null;

  setEpoch(info: EpochInfo): void {
    // Unknown members cannot be matched to a track: their frames fail the sender check.
    const members: [number, number][] = info.members.flatMap((m) => (m.participant === null ? [] : [[m.participant, m.leaf] as [number, number]]));
    const now = new Set(info.members.map((m) => `${m.participant}:${m.leaf}`));
    // Nobody left: everyone who could read the old key may keep reading
    // media under it a moment longer, while the others process the commit.
    // Someone left: the new key is used at once, as removal promises.
    const nobodyLeft = this.members !== null && [...this.members].every((m) => now.has(m));
    this.members = now;
    this.post({ type: 'epoch', epoch: Number(info.epoch), baseKey: info.baseKey, leaf: info.ownLeaf, members, sendAfterMs: nobodyLeft ? SEND_SWITCH_DELAY_MS : 0 });
  }

  /** Our group state is gone (rejoining): send nothing until the next epoch's key. */
  clearKeys(): void {
    this.members = null;
    this.post({ type: 'reset' });
  }

  /** Fresh counters from the worker (the last known ones if it is slow). */
  stats(): Promise<WorkerStats> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.waiting.delete(requestId);
        resolve(this.latest);
      }, STATS_TIMEOUT_MS);
      this.waiting.set(requestId, (stats) => {
        window.clearTimeout(timer);
        resolve(stats);
      });
      this.post({ type: 'stats', requestId });
    });
  }

  /** Test hook: from now on this page's worker decrypts with random keys (sending is unaffected). */
  corruptKeys(): void {
    this.post({ type: 'corrupt' });
  }

  close(): void {
    this.worker.terminate();
    for (const resolve of this.waiting.values()) resolve(this.latest);
    this.waiting.clear();
  }

  private post(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }
}
