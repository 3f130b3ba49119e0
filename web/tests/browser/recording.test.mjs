// Recordings that stay end-to-end encrypted (docs/recording.md), as a new
// user meets them: a host records a meeting of two browsers and a native
// client with "Start recording"; everyone, and a knocker before entering,
// sees "Recording"; the server's disk holds no plaintext; the host link
// (and nothing else) exports a WebM that ffmpeg decodes, with the browser
// host's keys opened by the Rust exporter.
//
// Run from web/: `npm run test:browser` (needs `cargo build -p conclave`
// and Debian's ffmpeg).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import {
  admit,
  closeAll,
  createLobbyMeeting,
  joinAsHost,
  knock,
  log,
  MEDIA_MS,
  nativeReport,
  noAlarm,
  scenario,
  SERVER_BIN,
  serverFiles,
  startNative,
  stopNative,
  UI_MS,
  waitFor,
} from './support.mjs';

const MARKER = 'BROWSER-RECORDING-MARKER';
/** How long the meeting is recorded: long enough for every sender's key frames and a few seconds of media. */
const RECORD_MS = 8_000;

function indicator(page) {
  return page.locator('#recording-indicator');
}

function conclave(args) {
  const r = spawnSync(SERVER_BIN, [...args, '--data-dir', serverFiles().dataDir], { encoding: 'utf8' });
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}

scenario('a host records two browsers and a native client; only the host link opens it, as a WebM ffmpeg decodes', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  // It stays until the host removes it, halfway through the recording.
  const native = startNative(link, 'Native Guest', ['--duration', '30', '--marker', MARKER]);
  const keys = mkdtempSync(joinPath(tmpdir(), 'conclave-recording-'));
  try {
    const before = new Set(conclave(['recording', 'list']).stdout.split('\n').map((l) => l.split(' ')[0]));
    const alice = await joinAsHost(hostLink, 'Alice');
    participants.push(alice);
    await alice.page.getByRole('button', { name: 'Admit Native Guest', exact: true }).click({ timeout: MEDIA_MS });
    const bob = await knock(link, 'Bob');
    participants.push(bob);
    await admit(alice, bob);

    // Only a host has the button; everyone sees the indicator once it runs.
    assert.equal(await bob.page.getByRole('button', { name: 'Start recording' }).count(), 0);
    assert.ok(await indicator(bob.page).isHidden());
    await alice.page.getByRole('button', { name: 'Start recording', exact: true }).click({ timeout: UI_MS });
    for (const p of [alice, bob]) {
      await indicator(p.page).waitFor({ state: 'visible', timeout: UI_MS });
      assert.match(await indicator(p.page).textContent(), /Recording/);
    }
    await alice.page.getByRole('button', { name: 'Stop recording', exact: true }).waitFor({ timeout: UI_MS });
    // Someone knocking now is told before a host lets them in.
    const carol = await knock(link, 'Carol');
    participants.push(carol);
    await indicator(carol.page).waitFor({ state: 'visible', timeout: UI_MS });
    assert.match(await indicator(carol.page).textContent(), /Recording/);

    // Halfway, the host removes the native guest: the epochs after are
    // sealed for the recording, and its client never held their keys.
    await new Promise((r) => setTimeout(r, RECORD_MS / 2));
    await alice.page.getByRole('button', { name: 'Remove Native Guest', exact: true }).click({ timeout: UI_MS });
    const { report } = await nativeReport(native);
    assert.equal(report.recording_seen, true, 'the native guest was told');
    assert.equal(report.recording_in_group, true, "and its group (the browser host's commit) said so");
    await new Promise((r) => setTimeout(r, RECORD_MS / 2));
    await alice.page.getByRole('button', { name: 'Stop recording', exact: true }).click();
    await indicator(bob.page).waitFor({ state: 'hidden', timeout: UI_MS });
    await indicator(carol.page).waitFor({ state: 'hidden', timeout: UI_MS });

    // The file is closed once the writer has drained its queue.
    let id;
    await waitFor('the stopped recording in `conclave recording list`', async () => {
      const lines = conclave(['recording', 'list']).stdout.split('\n').filter((l) => /^[0-9a-f]{32} /.test(l));
      const fresh = lines.filter((l) => !before.has(l.split(' ')[0]));
      id = fresh[0]?.split(' ')[0];
      return { ok: fresh.length === 1 && !fresh[0].includes('stopped running'), seen: lines };
    });
    const stored = readFileSync(joinPath(serverFiles().dataDir, 'recordings', id, 'media.crec'));
    for (const secret of [MARKER, 'Native Guest', 'Alice']) {
      assert.equal(stored.indexOf(Buffer.from(secret)), -1, `${secret} in the stored recording`);
    }

    // A participant link holds no meeting key: refused, nothing written.
    const participantKey = joinPath(keys, 'participant-link.txt');
    writeFileSync(participantKey, link);
    const out = joinPath(keys, 'meeting.webm');
    const refused = conclave(['recording', 'export', id, '--key', participantKey, '--out', out]);
    assert.ok(!refused.ok && /participant link/.test(refused.stderr), refused.stderr);

    const hostKey = joinPath(keys, 'host-link.txt');
    writeFileSync(hostKey, hostLink);
    const exported = conclave(['recording', 'export', id, '--key', hostKey, '--out', out]);
    assert.ok(exported.ok, exported.stderr);
    log(exported.stdout.trim());
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name', '-of', 'json', out], { encoding: 'utf8' });
    assert.equal(probe.status, 0, probe.stderr);
    const info = JSON.parse(probe.stdout);
    const kinds = info.streams.map((s) => `${s.codec_type}/${s.codec_name}`);
    assert.equal(kinds.filter((k) => k === 'video/vp8').length, 3, kinds.join(', '));
    assert.equal(kinds.filter((k) => k === 'audio/opus').length, 3, kinds.join(', '));
    const duration = Number(info.format.duration);
    assert.ok(duration > RECORD_MS / 1000 - 3 && duration < RECORD_MS / 1000 + 15, `duration ${duration} s`);
    // The browsers' tracks decode cleanly (the native guest's frames carry
    // the test marker, which no decoder expects).
    const browserStreams = exported.stdout
      .split('\n')
      .filter((l) => / of (Alice|Bob) \(/.test(l))
      .map((l) => Number(/track (\d+):/.exec(l)[1]) - 1);
    assert.equal(browserStreams.length, 4, exported.stdout);
    const decode = spawnSync('ffmpeg', ['-v', 'error', '-i', out, ...browserStreams.flatMap((s) => ['-map', `0:${s}`]), '-enc_time_base', '-1', '-f', 'null', '-'], { encoding: 'utf8' });
    assert.equal(decode.status, 0, decode.stderr);
    assert.equal(decode.stderr.trim(), '', 'ffmpeg decodes the browsers\' video and audio without errors');

    // The host, later, from the meeting's page: the recordings page fetches
    // the ciphertext and decrypts it in the browser into a WebM download.
    const [recordingsPage] = await Promise.all([
      alice.context.waitForEvent('page'),
      alice.page.getByRole('link', { name: 'Recordings of this meeting' }).click(),
    ]);
    const button = recordingsPage.getByRole('button', { name: 'Download decrypted video' });
    await button.waitFor({ timeout: UI_MS });
    assert.equal(await button.count(), 1, 'one recording of this meeting');
    const clicked = performance.now();
    const [download] = await Promise.all([recordingsPage.waitForEvent('download', { timeout: MEDIA_MS }), button.click()]);
    log(`recordings page: fetched, decrypted and muxed ${Math.round(performance.now() - clicked)} ms after the click`);
    const fromPage = joinPath(keys, 'from-page.webm');
    await download.saveAs(fromPage);
    log(`recordings page: ${await recordingsPage.getByRole('status').first().textContent()}`);
    const pageProbe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name', '-of', 'json', fromPage], { encoding: 'utf8' });
    assert.equal(pageProbe.status, 0, pageProbe.stderr);
    const pageInfo = JSON.parse(pageProbe.stdout);
    const pageKinds = pageInfo.streams.map((st) => `${st.codec_type}/${st.codec_name}`);
    assert.deepEqual(pageKinds, kinds, 'the page exports the same tracks as the CLI');
    assert.ok(Math.abs(Number(pageInfo.format.duration) - duration) < 0.5, `${pageInfo.format.duration} s vs ${duration} s`);
    const pageDecode = spawnSync('ffmpeg', ['-v', 'error', '-i', fromPage, ...browserStreams.flatMap((st) => ['-map', `0:${st}`]), '-enc_time_base', '-1', '-f', 'null', '-'], { encoding: 'utf8' });
    assert.equal(pageDecode.status, 0, pageDecode.stderr);
    assert.equal(pageDecode.stderr.trim(), '', 'ffmpeg decodes what the page wrote');

    // Who each epoch was sealed for, from the host link: the removed
    // guest's client held the keys of the epochs it was in, and none after.
    const epochs = conclave(['recording', 'info', id, '--key', hostKey]);
    assert.ok(epochs.ok, epochs.stderr);
    log(epochs.stdout.trim());
    const guest = `(participant ${report.participant},`;
    let withGuest = 0;
    let afterGuest = 0;
    for (const line of epochs.stdout.trim().split('\n')) {
      const fingerprint = /key ([0-9a-f]{16})/.exec(line)?.[1];
      if (line.includes(guest)) {
        withGuest++;
        assert.ok(report.key_fingerprints.includes(fingerprint), `the guest held ${line}`);
      } else if (withGuest > 0) {
        afterGuest++;
        assert.ok(!report.key_fingerprints.includes(fingerprint), `the removed guest held a later key: ${line}`);
      }
    }
    assert.ok(withGuest > 0 && afterGuest > 0, epochs.stdout);

    // The host deletes it from the recordings page: the files are gone.
    recordingsPage.on('dialog', (d) => void d.accept());
    await recordingsPage.getByRole('button', { name: 'Delete', exact: true }).click();
    await recordingsPage.getByText('The recording was deleted from the server.').waitFor({ timeout: UI_MS });
    assert.ok(!conclave(['recording', 'list']).stdout.includes(id), 'deleted');
    await recordingsPage.close();
    await noAlarm([alice, bob]);
  } finally {
    stopNative(native);
    rmSync(keys, { recursive: true, force: true });
    await closeAll(participants);
  }
});
