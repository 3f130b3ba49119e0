// Notices quickly when the receiving connection goes quiet: nothing at all
// arrives (media, RTCP, ICE answers) for a moment although it used to. A
// network change (a new address, a dead Wi-Fi link) shows here seconds
// before the browser declares the ICE path lost, and is the hint that the
// signaling socket may be dead too (signaling.ts's suspect()).

/** How often the connection's received byte count is read. */
const POLL_MS = 500;
/**
 * Quiet this long counts as silence. The server sends each stream's RTCP
 * at least once a second even when everyone is muted, so 1.5 s of nothing
 * is a path problem, not a quiet meeting; a false alarm costs one ping.
 */
const SILENT_AFTER_MS = 1_500;

/** Calls `onSilent` once per quiet spell of `pc`; returns a function that stops watching. */
export function watchSilence(pc: RTCPeerConnection, onSilent: () => void): () => void {
  let lastBytes = -1;
  let changedAt = Date.now();
  let reported = false;
  let polling = false;
  const poll = async (): Promise<void> => {
    if (polling || pc.connectionState === 'closed') return;
    polling = true;
    try {
      const bytes = receivedBytes(await pc.getStats());
      const now = Date.now();
      if (bytes !== lastBytes) {
        // Nothing received yet is no silence: there was never a path.
        if (lastBytes >= 0 || bytes > 0) changedAt = now;
        lastBytes = bytes;
        reported = false;
      } else if (bytes > 0 && !reported && now - changedAt >= SILENT_AFTER_MS) {
        reported = true;
        onSilent();
      }
    } catch {
      // A closing connection has no stats; the next poll or stop() settles it.
    } finally {
      polling = false;
    }
  };
  const timer = window.setInterval(() => void poll(), POLL_MS);
  return () => window.clearInterval(timer);
}

/** Bytes received over the connection's transports (media, RTCP and ICE alike). */
export function receivedBytes(report: RTCStatsReport): number {
  let total = 0;
  report.forEach((s: { type?: string; bytesReceived?: number }) => {
    if (s.type === 'transport' && typeof s.bytesReceived === 'number') total += s.bytesReceived;
  });
  return total;
}
