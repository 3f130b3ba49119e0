// Brings a media connection back after its network path was lost (a
// dropped Wi-Fi link, a train tunnel): an ICE restart, new credentials and
// fresh checks, because the server lets go of a path that was quiet for
// 15 s and will not take the old one back. The meeting, the MLS group and
// the keys stay as they are. A restart needs signaling, so it waits until
// the server has been heard since the path was lost: an offer sent into a
// dead network would only wait out its timeout once the network is back.

/** Disconnected this long before restarting: a blip of a second or two recovers by itself. */
const RESTART_AFTER_MS = 2_000;
/** While still not connected, restart again this often (the last attempt may have been lost with the network). */
const RETRY_MS = 10_000;
/** How often to look whether signaling is back, while waiting to restart. */
const POLL_MS = 100;

/**
 * Calls `restart` when `pc` has lost its path and signaling has been heard
 * since (`heardAt`), and again every RETRY_MS until it is connected.
 * Returns a function that stops watching.
 */
export function restartWhenLost(pc: RTCPeerConnection, restart: () => Promise<void> | void, heardAt: () => number): () => void {
  let timer: number | undefined;
  let running = false;
  let lostAt = 0;
  const connected = (): boolean => pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed';
  const fire = (): void => {
    timer = undefined;
    if (connected() || pc.connectionState === 'closed') return;
    if (heardAt() <= lostAt) {
      timer = window.setTimeout(fire, POLL_MS);
      return;
    }
    if (!running) {
      running = true;
      // The next attempt again waits for signaling heard after this one.
      lostAt = Date.now();
      void Promise.resolve()
        .then(restart)
        .catch((e: unknown) => console.warn('conclave: ICE restart failed, will retry', e))
        .finally(() => {
          running = false;
        });
    }
    timer = window.setTimeout(fire, RETRY_MS);
  };
  const changed = (): void => {
    const state = pc.iceConnectionState;
    if (connected() || state === 'closed') {
      window.clearTimeout(timer);
      timer = undefined;
    } else if ((state === 'disconnected' || state === 'failed') && timer === undefined) {
      lostAt = Date.now();
      timer = window.setTimeout(fire, state === 'failed' ? 0 : RESTART_AFTER_MS);
    }
  };
  pc.addEventListener('iceconnectionstatechange', changed);
  return () => {
    pc.removeEventListener('iceconnectionstatechange', changed);
    window.clearTimeout(timer);
  };
}
