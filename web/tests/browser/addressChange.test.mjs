// A participant whose address changes mid-meeting (Wi-Fi to cable, a new
// DHCP lease) carries on by itself (issue 11): Chromium on one "machine"
// (namespace), the server and a native participant on another. Ann's
// address is taken away and, a second later, she gets a different one. Her
// signaling socket, bound to the old address, is dead: a new socket takes
// her place back with the server's resume token (no new MLS join), and
// ICE restarts from the new address. Same group, same security code, and
// both sides decode each other again.

import assert from 'node:assert/strict';
import { inNamespace, inside, SUBNET } from './netns.mjs';

if (!inside) {
  inNamespace('a participant whose address changes carries on in the same group, decoding', import.meta.url, { serverMachine: true, timeout: 180_000 });
} else {
  const { spawnSync } = await import('node:child_process');
  const { createOpenMeeting, framesDecoded, idOf, log, nativeReport, open, openInNamespace, scenario, securityCode, startNative, stopNative, closeAll, waitFor } = await import('./support.mjs');
  const { serverNamespace } = await import('./netns.mjs');

  const ip = (...args) => {
    const r = spawnSync('ip', args, { encoding: 'utf8' });
    assert.equal(r.status, 0, `ip ${args.join(' ')}: ${r.stderr}`);
  };
  const oldAddress = `${SUBNET}.2`;
  const newAddress = `${SUBNET}.3`;

  scenario('inside the namespaces: a new address, the same meeting', async () => {
    const { link } = await createOpenMeeting();
    const ann = await open(link, 'Ann');
    let native;
    let oscar;
    try {
      await ann.page.getByRole('button', { name: 'Leave' }).waitFor();
      // On the server's side: shows that what Ann sends from her new
      // address is decoded too.
      oscar = await openInNamespace(serverNamespace, link, 'Oscar');
      // Long enough to outlast the change and report on it.
      native = startNative(link, 'Nat', ['--duration', '45', '--expect-peers', '1'], { netns: serverNamespace });
      const natId = await idOf(ann, 'Nat');
      const annId = await idOf(oscar, 'Ann');
      await waitFor('Ann to decode Nat', async () => {
        const f = await framesDecoded(ann.page);
        return { ok: (f[natId] ?? 0) > 0, seen: f };
      });
      const code = await securityCode(ann.page);

      ip('addr', 'del', `${oldAddress}/24`, 'dev', 'lan0');
      const changedAt = performance.now();
      await new Promise((r) => setTimeout(r, 1000));
      ip('addr', 'add', `${newAddress}/24`, 'dev', 'lan0');
      const framesAtChange = (await framesDecoded(ann.page))[natId] ?? 0;
      const annFramesAtChange = (await framesDecoded(oscar.page))[annId] ?? 0;
      log(`address ${oldAddress} → ${newAddress}`);

      let firstFrameMs;
      const waited = await waitFor('Ann to decode Nat from her new address', async () => {
        const f = (await framesDecoded(ann.page))[natId] ?? 0;
        if (firstFrameMs === undefined && f > framesAtChange + 1) firstFrameMs = performance.now() - changedAt;
        return { ok: f > framesAtChange + 30, seen: { f, framesAtChange } };
      }, 30_000);
      log(`media back ${Math.round(firstFrameMs ?? waited)} ms after the old address went (1 s without any address)`);
      assert.equal(await securityCode(ann.page), code, 'the same group and epoch: nobody left or rejoined');
      assert.equal(await ann.page.getByRole('button', { name: 'Leave' }).isVisible(), true, 'Ann is still in the meeting');
      assert.equal(await ann.page.locator('#signaling-status').isHidden(), true, 'no longer reconnecting');
      await waitFor('Oscar to decode Ann from her new address', async () => {
        const f = (await framesDecoded(oscar.page))[annId] ?? 0;
        return { ok: f > annFramesAtChange + 30, seen: { f, annFramesAtChange } };
      });
      assert.equal(await securityCode(oscar.page), code);

      const { report } = await nativeReport(native);
      assert.deepEqual([...report.members].sort(), ['Ann', 'Nat', 'Oscar'], 'Nat still has Ann in the group');
      assert.equal(report.rejoins, 0);
    } finally {
      stopNative(native);
      await oscar?.close();
      await closeAll([ann]);
    }
  });
}
