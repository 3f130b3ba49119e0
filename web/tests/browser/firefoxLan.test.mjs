// The README's zero-config quick start in stock Firefox: `conclave serve`
// with no --public-ip offers media on loopback and on each of the host's
// own addresses. Firefox without test preferences gathers no loopback
// candidate, but pairs its LAN address with the server's, and the meeting
// works: it decrypts the native client's audio and video and shows its
// security code.
//
// So that no test traffic reaches this machine's real interfaces, the case
// runs in a network namespace it creates, whose only addresses are
// loopback and a veth address it picks: this file re-runs itself inside
// the namespace (`ip netns exec`, so root), server and browsers included.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const INSIDE = process.env.CONCLAVE_TEST_NETNS;
// Whole-case bound: a Firefox start, a join and 15 s of native media, on a
// loaded 2-core machine.
const CASE_MS = 150_000;

if (!INSIDE) {
  test('stock Firefox joins the zero-config server through its LAN address', { timeout: CASE_MS }, async () => {
    const ns = `conclave-lan-${process.pid}`;
    const lanAddress = `10.213.${process.pid % 250}.1`;
    const ip = (...args) => {
      const r = spawnSync('ip', args, { encoding: 'utf8' });
      assert.equal(r.status, 0, `ip ${args.join(' ')} failed (network namespaces need root): ${r.stderr}`);
    };
    ip('netns', 'add', ns);
    try {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      // Both ends inside the namespace: an interface with carrier and an
      // address of our choosing, connected to nothing outside.
      ip('-n', ns, 'link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'lan1');
      ip('-n', ns, 'addr', 'add', `${lanAddress}/24`, 'dev', 'lan0');
      ip('-n', ns, 'link', 'set', 'lan0', 'up');
      ip('-n', ns, 'link', 'set', 'lan1', 'up');
      const env = { ...process.env, CONCLAVE_TEST_NETNS: ns, CONCLAVE_TEST_HOST_MEDIA: '1', CONCLAVE_TEST_LAN_ADDRESS: lanAddress };
      // The inner run is a plain `node` run with its own reporter, not a
      // child of this test runner.
      delete env.NODE_TEST_CONTEXT;
      const inner = spawn('ip', ['netns', 'exec', ns, process.execPath, fileURLToPath(import.meta.url)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      inner.stdout.on('data', (d) => (output += d));
      inner.stderr.on('data', (d) => (output += d));
      const code = await new Promise((resolve) => inner.on('exit', (c, signal) => resolve(c ?? signal)));
      console.log(output);
      assert.equal(code, 0, `the case inside namespace ${ns} failed:\n${output.slice(-4000)}`);
    } finally {
      spawnSync('ip', ['netns', 'del', ns]);
    }
  });
} else {
  const { createOpenMeeting, log, MEDIA_MS, nativeReport, scenario, serverFiles, startNative, stopNative, UI_MS, waitFor } = await import('./support.mjs');
  const { joinInFirefox, seen, STOCK_PREFS } = await import('./firefoxSupport.mjs');
  const { readFileSync } = await import('node:fs');
  const lanAddress = process.env.CONCLAVE_TEST_LAN_ADDRESS;

  scenario('inside its namespace: stock Firefox and the native client decrypt each other under one code', async () => {
    // The server's stdout reaches its log file asynchronously: poll.
    await waitFor('the zero-config server to offer media on loopback and the LAN address', async () => {
      const offered = /Media: UDP (.*?)\. Data:/.exec(readFileSync(serverFiles().logPath, 'utf8'))?.[1] ?? '';
      return { ok: offered.includes('127.0.0.1:') && offered.includes(`${lanAddress}:`), seen: offered };
    }, UI_MS);

    const { link } = await createOpenMeeting();
    let firefox;
    let native;
    try {
      firefox = await joinInFirefox(link, 'Fiona', STOCK_PREFS);
      native = startNative(link, 'Nat', ['--duration', '15', '--expect-peers', '1']);
      const fionaId = (await seen(firefox.page)).id;
      await waitFor('stock Firefox to decode video and audio from the native client', async () => {
        const f = await seen(firefox.page);
        const from = Object.keys(f.frames).filter((id) => Number(id) !== fionaId && f.frames[id] > 0 && (f.samples[id] ?? 0) > 0);
        return { ok: from.length >= 1, seen: f };
      }, MEDIA_MS);
      const { report, exitCode } = await nativeReport(native);
      assert.equal(exitCode, 0, `native client exited with ${exitCode}; stderr: ${native.stderr.split('\n')[0]}`);
      const fromFiona = report.received.find((x) => x.name === 'Fiona');
      assert.ok(fromFiona && fromFiona.audio_frames > 0 && fromFiona.video_frames > 0, `the native client decrypted stock Firefox's audio and video: ${JSON.stringify(report.received)}`);
      const code = (await seen(firefox.page)).code;
      assert.equal(report.security_code, code, 'one security code');
      log(`stock Firefox in a meeting through ${lanAddress}; code ${code}`);
    } finally {
      stopNative(native);
      await firefox?.browser.close().catch(() => undefined);
    }
  });
}
