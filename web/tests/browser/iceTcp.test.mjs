// Media over TCP where a firewall blocks UDP (ICE-TCP, RFC 6544): the
// server offers a passive TCP candidate beside each UDP one, and two
// Chromium participants whose every UDP datagram is dropped still join,
// decode each other's video and audio under one security code, and are
// told their media travels over TCP.
//
// The drop is an iptables rule on INPUT inside a network namespace of the
// test's own (netns.mjs): datagrams vanish silently, as behind a firewall,
// and nothing outside the namespace is touched.

import assert from 'node:assert/strict';
import { inNamespace, inside } from './netns.mjs';

if (!inside) {
  inNamespace('browsers whose UDP is dropped join over ICE-TCP and decode each other', import.meta.url, {
    commands: [['iptables', '-A', 'INPUT', '-p', 'udp', '-j', 'DROP']],
  });
} else {
  const { closeAll, createOpenMeeting, idOf, log, open, scenario, UI_MS, waitFor, waitForFrames, waitForOneCode } = await import('./support.mjs');

  scenario('inside its namespace, with UDP dropped: media over TCP both ways, one code', async () => {
    const { link } = await createOpenMeeting();
    const ann = await open(link, 'Ann');
    const ben = await open(link, 'Ben');
    try {
      for (const p of [ann, ben]) await p.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
      const benId = await idOf(ann, 'Ben');
      const annId = await idOf(ben, 'Ann');
      const annWaited = await waitForFrames(ann, benId, 'Ann to decode Ben over TCP');
      const benWaited = await waitForFrames(ben, annId, 'Ben to decode Ann over TCP');
      log(`first frames over TCP after ${Math.round(annWaited)} / ${Math.round(benWaited)} ms`);
      await waitFor('audio both ways', async () => {
        const samples = await Promise.all([ann, ben].map((p) => p.page.evaluate(async () => {
          let n = 0;
          for (const s of await window.conclave.stats()) if (s.kind === 'audio') n += s.totalSamplesReceived;
          return n;
        })));
        return { ok: samples.every((n) => n > 0), seen: samples };
      });
      await waitForOneCode([ann, ben], ['Ann', 'Ben']);
      for (const p of [ann, ben]) {
        await waitFor(`${p.name} to be told media travels over TCP`, async () => {
          const text = await p.page.locator('#media-transport').textContent();
          return { ok: text === 'Media over TCP', seen: text };
        }, UI_MS);
      }
      assert.equal(await ann.page.locator('#media-status').isHidden(), true, 'no connection problem is shown');
    } finally {
      await closeAll([ann, ben]);
    }
  });
}
