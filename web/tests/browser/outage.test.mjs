// A participant whose network drops for 20 s comes back by itself, in the
// same meeting and MLS group, and decodes again (issue 11): Chromium on one
// "machine" (namespace), the server and a native participant on another,
// and for 20 s every packet between the two machines is dropped, both ways,
// silently (iptables INPUT on each side), as a dead Wi-Fi link would. The
// server keeps the quiet member (30 s) and its quiet peers (30 s); the
// browser restarts ICE once signaling is heard again (iceRestart.ts).

import assert from 'node:assert/strict';
import { inNamespace, inside, inNs, serverNamespace, SUBNET } from './netns.mjs';

const OUTAGE_MS = 20_000;
/**
 * Measured on the 2-core machine: first frames 1.5-3 s after the link
 * returns (a resume attempt every second, then an ICE restart). The bound
 * leaves room for a loaded CI machine, yet fails a recovery that waits on
 * TCP's backoff as the old socket did (12 s).
 */
const RECOVERY_BOUND_MS = 9_000;

if (!inside) {
  inNamespace('a participant whose link drops for 20 s is back in the same group, decoding', import.meta.url, { serverMachine: true, timeout: 240_000 });
} else {
  const { spawnSync } = await import('node:child_process');
  const { createOpenMeeting, framesDecoded, idOf, log, nativeReport, open, openInNamespace, ROSTER, scenario, securityCode, startNative, stopNative, UI_MS, waitFor, closeAll } = await import('./support.mjs');
  /** Whether `p`'s participant list shows `name` as reconnecting. */
  async function shownReconnecting(p, name) {
    return p.page.locator(ROSTER, { hasText: name }).locator('[data-badge="reconnecting"]').count().then((n) => n > 0);
  }
  const participantSide = `${SUBNET}.2`;
  const serverSide = `${SUBNET}.1`;
  const iptables = (args) => {
    const r = spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  };
  const outage = (on) => {
    const op = on ? '-I' : '-D';
    iptables(['iptables', op, 'INPUT', '-s', serverSide, '-j', 'DROP']);
    iptables(inNs(serverNamespace, ['iptables', op, 'INPUT', '-s', participantSide, '-j', 'DROP']));
  };

  scenario('inside the namespaces: 20 s without a network, then back in the same group', async () => {
    const { link } = await createOpenMeeting();
    const ann = await open(link, 'Ann');
    let native;
    let oscar;
    try {
      oscar = await openInNamespace(serverNamespace, link, 'Oscar');
      await ann.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
      native = startNative(link, 'Nat', ['--duration', '75', '--expect-peers', '1'], { netns: serverNamespace });
      const natId = await idOf(ann, 'Nat');
      await waitFor('Ann to decode Nat', async () => {
        const f = await framesDecoded(ann.page);
        return { ok: (f[natId] ?? 0) > 0, seen: f };
      });
      const code = await securityCode(ann.page);
      log(`before the outage: code ${code}`);

      outage(true);
      const cutAt = performance.now();
      await new Promise((r) => setTimeout(r, 3000));
      const framesEarly = (await framesDecoded(ann.page))[natId] ?? 0;
      // Those on the other side see why Ann froze, while she is still in the meeting.
      const shownAfter = await waitFor('Oscar to see Ann reconnecting', async () => ({ ok: await shownReconnecting(oscar, 'Ann'), seen: await oscar.page.locator(ROSTER).allTextContents() }), OUTAGE_MS - 3000);
      log(`Ann shown reconnecting ${Math.round(3000 + shownAfter)} ms into the outage`);
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (performance.now() - cutAt))));
      const framesAtReturn = (await framesDecoded(ann.page))[natId] ?? 0;
      // The outage is real: nothing was decoded once it began.
      assert.ok(framesAtReturn - framesEarly < 5, `no media through the outage: ${framesEarly} → ${framesAtReturn} frames`);
      outage(false);
      const backAt = performance.now();
      log(`link back after ${Math.round(backAt - cutAt)} ms`);

      let firstFrameMs;
      const waited = await waitFor('Ann to decode Nat again', async () => {
        const f = await framesDecoded(ann.page);
        if (firstFrameMs === undefined && (f[natId] ?? 0) > framesAtReturn + 1) firstFrameMs = performance.now() - backAt;
        return { ok: (f[natId] ?? 0) > framesAtReturn + 30, seen: { f, framesAtReturn } };
      }, RECOVERY_BOUND_MS);
      log(`media back ${Math.round(firstFrameMs ?? waited)} ms after the link returned (30 frames after ${Math.round(waited)} ms)`);
      assert.equal(await securityCode(ann.page), code, 'the same group, the same epoch: nobody left or rejoined');
      assert.equal(await ann.page.getByRole('button', { name: 'Leave' }).isVisible(), true, 'Ann is still in the meeting');
      await waitFor('Oscar to see Ann back', async () => ({ ok: !(await shownReconnecting(oscar, 'Ann')), seen: await oscar.page.locator(ROSTER).allTextContents() }), UI_MS);

      const { report } = await nativeReport(native);
      assert.deepEqual([...report.members].sort(), ['Ann', 'Nat', 'Oscar'], 'Nat still has Ann in the group');
      assert.equal(report.rejoins, 0);
    } finally {
      try { outage(false); } catch { /* already restored */ }
      stopNative(native);
      await oscar?.close();
      await closeAll([ann]);
    }
  });
}
