// The README's zero-config quick start in stock Firefox: `conclave serve`
// with no --public-ip offers media on loopback and on each of the host's
// own addresses. Firefox without test preferences gathers no loopback
// candidate, but pairs its LAN address with the server's, and the meeting
// works: it decrypts the native client's audio and video and shows its
// security code.
//
// So that no test traffic reaches this machine's real interfaces, the case
// runs in a network namespace of its own whose only addresses are loopback
// and a veth address it picks (netns.mjs).

import assert from 'node:assert/strict';
import { inNamespace, inside, lanAddress } from './netns.mjs';

if (!inside) {
  inNamespace('stock Firefox joins the zero-config server through its LAN address', import.meta.url, {
    env: { CONCLAVE_TEST_HOST_MEDIA: '1' },
  });
} else {
  const { createOpenMeeting, log, MEDIA_MS, nativeReport, scenario, serverFiles, startNative, stopNative, UI_MS, waitFor } = await import('./support.mjs');
  const { joinInFirefox, seen, STOCK_PREFS } = await import('./firefoxSupport.mjs');
  const { readFileSync } = await import('node:fs');

  scenario('inside its namespace: stock Firefox and the native client decrypt each other under one code', async () => {
    // The server's stdout reaches its log file asynchronously: poll.
    await waitFor('the zero-config server to offer media on loopback and the LAN address', async () => {
      const offered = /Media: UDP (.*?);/.exec(readFileSync(serverFiles().logPath, 'utf8'))?.[1] ?? '';
      return { ok: offered.includes('127.0.0.1:') && offered.includes(`${lanAddress}:`), seen: offered };
    }, UI_MS);

    const { link } = await createOpenMeeting();
    let firefox;
    let native;
    try {
      firefox = await joinInFirefox(link, 'Fiona', STOCK_PREFS);
      native = startNative(link, 'Nat', ['--duration', '15', '--expect-peers', '1']);
      const fionaId = (await seen(firefox.page)).id;
      // The code is read while both are in the meeting: once the native
      // client has left, its departure is a new epoch and a new code.
      let code;
      await waitFor('stock Firefox to decode video and audio from the native client', async () => {
        const f = await seen(firefox.page);
        const from = Object.keys(f.frames).filter((id) => Number(id) !== fionaId && f.frames[id] > 0 && (f.samples[id] ?? 0) > 0);
        code = f.code;
        return { ok: from.length >= 1, seen: f };
      }, MEDIA_MS);
      const { report, exitCode } = await nativeReport(native);
      assert.equal(exitCode, 0, `native client exited with ${exitCode}; stderr: ${native.stderr.split('\n')[0]}`);
      const fromFiona = report.received.find((x) => x.name === 'Fiona');
      assert.ok(fromFiona && fromFiona.audio_frames > 0 && fromFiona.video_frames > 0, `the native client decrypted stock Firefox's audio and video: ${JSON.stringify(report.received)}`);
      assert.equal(report.security_code, code, 'one security code');
      log(`stock Firefox in a meeting through ${lanAddress}; code ${code}`);
    } finally {
      stopNative(native);
      await firefox?.browser.close().catch(() => undefined);
    }
  });
}
