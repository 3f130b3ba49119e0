// Messages between the page and the media worker, and the options each
// RTCRtpScriptTransform is created with. Shared by both sides so they agree.

import type { TrackSource } from '../protocol/TrackSource';

/** docs/e2ee.md: the KID context of each track. */
export const CONTEXT_OF_SOURCE: Readonly<Record<TrackSource, number>> = {
  microphone: 0,
  camera: 1,
  screen: 2,
  screen_audio: 3,
};
export const CONTEXTS: readonly number[] = Object.values(CONTEXT_OF_SOURCE);

export interface EncryptOptions {
  role: 'encrypt';
  kind: 'audio' | 'video';
  context: number;
}

export interface DecryptOptions {
  role: 'decrypt';
  /** Which receiver: the m-line's mid on the subscribing connection. */
  id: string;
  kind: 'audio' | 'video';
  participant: number;
  source: TrackSource;
}

export type ToWorker =
  /**
   * A new epoch: its base key, our leaf, and every member's leaf by
   * participant. Frames are decrypted under it at once and sent under it
   * after `sendAfterMs` (docs/e2ee.md: key changes without a freeze).
   */
  | { type: 'epoch'; epoch: number; baseKey: Uint8Array; leaf: number; members: [number, number][]; sendAfterMs: number }
  /** A reused m-line now carries someone else's track. */
  | { type: 'receiver'; id: string; participant: number; source: TrackSource }
  | { type: 'stats'; requestId: number }
  /** Test hook: replace every decryption key, now and in later epochs, with random bytes. */
  | { type: 'corrupt' }
  /** The group state was discarded (rejoin): stop sending until the next epoch; old keys only expire. */
  | { type: 'reset' };

export interface SenderCounters {
  encrypted: number;
  /** Frames not sent because there was no key yet. */
  droppedNoKey: number;
  errors: number;
}

export interface ReceiverCounters {
  participant: number;
  source: TrackSource;
  kind: 'audio' | 'video';
  decrypted: number;
  /** Frames that could not be decrypted (no key, wrong sender, failed authentication, malformed). */
  failures: number;
  lastFailure: string;
  /**
   * Authentic frames seen a second time (same KID and counter), dropped
   * against replay. Not a loss: the first copy was decrypted. A receiver
   * whose connection is renegotiated (someone joins) may be handed a frame
   * again by the browser's jitter buffer.
   */
  duplicates: number;
}

export interface WorkerStats {
  epoch: number | null;
  sender: SenderCounters;
  receivers: ReceiverCounters[];
}

export type FromWorker = { type: 'stats'; requestId: number | undefined } & WorkerStats;
