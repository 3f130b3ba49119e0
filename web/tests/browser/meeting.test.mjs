// End-to-end meetings in real headless Chromium against the real server.
// One browser for the whole suite; one browser context per participant, so
// each has its own fake camera, microphone and cookies.
//
// Run from web/: `npm run test:browser` (the server binary comes from
// $CONCLAVE_BIN, or ../target/debug/conclave; `cargo build -p conclave`).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join as joinPath, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_BIN = process.env.CONCLAVE_BIN
  ? resolve(process.env.CONCLAVE_BIN)
  : resolve(WEB_DIR, '../target/debug/conclave');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Fake camera (moving pie), fake microphone (beep), and with the fake UI
  // also a fake screen for getDisplayMedia: headless Chromium 156 returns a
  // 1280x720 "screen:" track with these two flags alone, so the screen-share
  // case uses real capture, no stub.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

// Bounded waits: generous for a loaded 2-core machine, short enough that a
// broken build fails in seconds, not minutes.
const SERVER_START_MS = 30_000;
const UI_MS = 10_000;
const MEDIA_MS = 20_000;
const CASE_MS = 90_000;
const POLL_MS = 100;

const suiteStart = performance.now();
let server;
let serverLog;
let baseUrl;
let browser;
let workDir;
let failed = false;

// node's test runner shows a test file's stdout as diagnostics.
function log(message) {
  console.log(message);
}

// ---------------------------------------------------------------- server --

function startServer() {
  if (!existsSync(SERVER_BIN)) {
    throw new Error(`server binary not found at ${SERVER_BIN}: run \`cargo build -p conclave\` or set CONCLAVE_BIN`);
  }
  workDir = mkdtempSync(joinPath(tmpdir(), 'conclave-browser-'));
  const logPath = joinPath(workDir, 'server.log');
  serverLog = createWriteStream(logPath);
  const args = ['serve', '--listen', '127.0.0.1:0', '--media-port', '0', '--public-ip', '127.0.0.1', '--data-dir', joinPath(workDir, 'data')];
  server = spawn(SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr.pipe(serverLog, { end: false });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no "Open http://…" line within ${SERVER_START_MS} ms; log: ${logPath}`)), SERVER_START_MS);
    const lines = createInterface({ input: server.stdout });
    lines.on('line', (line) => {
      serverLog.write(`${line}\n`);
      if (baseUrl || !line.includes('Open http://')) return;
      const match = /http:\/\/\S+/.exec(line);
      if (!match) return;
      baseUrl = new URL(match[0]);
      clearTimeout(timer);
      resolvePromise();
    });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!baseUrl) reject(new Error(`server exited early (code ${code}, signal ${signal}); log: ${logPath}`));
    });
  });
}

async function stopServer() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const killer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}

async function createMeeting() {
  const response = await fetch(new URL('/api/meetings', baseUrl), { method: 'POST' });
  assert.equal(response.status, 201, 'POST /api/meetings creates a meeting');
  const body = await response.json();
  return { link: new URL(body.link, baseUrl).href, hostLink: new URL(body.host_link, baseUrl).href };
}

// ----------------------------------------------------------- participants --

async function newContext() {
  return browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 720 } });
}

/** Opens the meeting link in a fresh context and joins through the UI. */
async function join(link, name, { initScript } = {}) {
  const context = await newContext();
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`[${name}] page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`[${name}] console ${m.type()}: ${m.text()}`);
  });
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  const clickedAt = performance.now();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
  return { name, context, page, clickedAt };
}

async function waitFor(what, probe, timeout = MEDIA_MS) {
  const start = performance.now();
  let last;
  for (;;) {
    last = await probe();
    if (last.ok) return performance.now() - start;
    if (performance.now() - start > timeout) {
      assert.fail(`timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last.seen)}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** aria-labels of the remote tiles, sorted. */
async function tileLabels(page) {
  const labels = await page.locator('#grid figure').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  return labels.sort();
}

async function rosterNames(page) {
  const names = await page.locator('ul[aria-label="Participants"] > li .name').allTextContents();
  return names.sort();
}

async function waitForTiles(p, expected) {
  const want = [...expected].sort();
  return waitFor(`${p.name} to show tiles ${JSON.stringify(want)}`, async () => {
    const seen = await tileLabels(p.page);
    return { ok: JSON.stringify(seen) === JSON.stringify(want), seen };
  });
}

/** Inbound media per remote name: video frames by source, audio samples. */
async function inbound(page) {
  return page.evaluate(async () => {
    const names = new Map();
    for (const li of document.querySelectorAll('ul[aria-label="Participants"] > li')) {
      names.set(Number(li.dataset.participant), li.querySelector('.name')?.textContent ?? '?');
    }
    const out = {};
    for (const s of await window.conclave.stats()) {
      const name = names.get(s.participant) ?? `#${s.participant}`;
      const entry = (out[name] ??= { camera: 0, screen: 0, audioSamples: 0, audioPackets: 0 });
      if (s.kind === 'video') entry[s.source] = (entry[s.source] ?? 0) + s.framesDecoded;
      else {
        entry.audioSamples += s.totalSamplesReceived;
        entry.audioPackets += s.packetsReceived;
      }
    }
    return out;
  });
}

/** Waits until `p` decodes video (and, unless told otherwise, audio) from each of `from`, and sees it keep coming. */
async function waitForMedia(p, from, { source = 'camera', audio = true } = {}) {
  const counts = (media, name) => media[name] ?? { camera: 0, screen: 0, audioSamples: 0, audioPackets: 0 };
  await waitFor(`${p.name} to decode ${source} video${audio ? ' and audio' : ''} from ${from.join(', ')}`, async () => {
    const seen = await inbound(p.page);
    const ok = from.every((n) => counts(seen, n)[source] > 0 && (!audio || counts(seen, n).audioSamples > 0));
    return { ok, seen };
  });
  const before = await inbound(p.page);
  await waitFor(`${p.name}'s decoded ${source} frames${audio ? ' and audio samples' : ''} from ${from.join(', ')} to keep rising`, async () => {
    const seen = await inbound(p.page);
    const ok = from.every(
      (n) =>
        counts(seen, n)[source] >= counts(before, n)[source] + 10 &&
        (!audio || (counts(seen, n).audioSamples > counts(before, n).audioSamples && counts(seen, n).audioPackets > counts(before, n).audioPackets)),
    );
    return { ok, seen: { before, now: seen } };
  });
}

/** Milliseconds from clicking Join to the first decoded remote video frame. */
async function timeToFirstFrame(p) {
  await waitFor(`${p.name}'s first decoded remote frame`, async () => {
    const seen = await inbound(p.page);
    return { ok: Object.values(seen).some((m) => m.camera > 0), seen };
  });
  return Math.round(performance.now() - p.clickedAt);
}

async function closeAll(participants) {
  await Promise.all(participants.map((p) => p.context.close().catch(() => undefined)));
}

// The fake microphone beeps briefly once a second, which averages below the
// SFU's speaking threshold; a steady tone is what a talking person looks like
// in audio-level terms. Only the microphone is replaced: camera stays real.
function steadyToneMicrophone() {
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    if (!constraints?.audio) return stream;
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const destination = audio.createMediaStreamDestination();
    tone.connect(destination);
    tone.start();
    for (const track of stream.getAudioTracks()) {
      stream.removeTrack(track);
      track.stop();
    }
    stream.addTrack(destination.stream.getAudioTracks()[0]);
    return stream;
  };
}

/** Runs a case body, remembering failures so the server log is kept for them. */
function scenario(name, body) {
  test(name, { timeout: CASE_MS }, async () => {
    const start = performance.now();
    try {
      await body();
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      log(`${name}: ${Math.round(performance.now() - start)} ms`);
    }
  });
}

// ------------------------------------------------------------------ setup --

before(async () => {
  await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  log(`server at ${baseUrl.href}; browser up after ${Math.round(performance.now() - suiteStart)} ms`);
});

after(async () => {
  await browser?.close();
  await stopServer();
  serverLog?.end();
  if (failed) log(`server log kept in ${workDir}/server.log`);
  else if (workDir) rmSync(workDir, { recursive: true, force: true });
  log(`suite wall time: ${Math.round(performance.now() - suiteStart)} ms`);
});

// ------------------------------------------------------------------ cases --

scenario('three participants see and hear each other', async () => {
  // The meeting is made the way a person makes it: the landing page's button.
  const landing = await newContext();
  const participants = [];
  try {
    const page = await landing.newPage();
    await page.goto(baseUrl.href);
    await page.getByRole('heading', { name: 'Conclave' }).waitFor({ timeout: UI_MS });
    await page.getByRole('button', { name: 'Create meeting' }).click();
    const link = page.getByLabel('Participant link', { exact: true });
    await link.waitFor({ timeout: UI_MS });
    const participantLink = await link.inputValue();
    const hostLink = await page.getByLabel('Host link', { exact: true }).inputValue();
    assert.match(participantLink, /^http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_-]{22}$/);
    assert.match(hostLink, /^http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_-]{22}#host=.+$/);
    assert.equal(await page.getByRole('link', { name: 'Join as host' }).getAttribute('href'), hostLink);

    participants.push(await join(hostLink, 'Alice'));
    participants.push(await join(participantLink, 'Bob'));
    participants.push(await join(participantLink, 'Carol'));
    const [alice, bob, carol] = participants;

    log(`Carol (joined last): Join → first decoded remote frame ${await timeToFirstFrame(carol)} ms`);
    const names = participants.map((p) => p.name);
    for (const p of participants) {
      const others = names.filter((n) => n !== p.name);
      await waitForTiles(p, others);
      await waitForMedia(p, others);
      assert.deepEqual(await rosterNames(p.page), [...names].sort());
    }
    // The host link made Alice host, and everyone is told so.
    const aliceInBobsList = bob.page.locator('ul[aria-label="Participants"] > li', { hasText: 'Alice' });
    assert.match(await aliceInBobsList.textContent(), /\(host\)/);
    const carolInAlicesList = alice.page.locator('ul[aria-label="Participants"] > li', { hasText: 'Carol' });
    assert.doesNotMatch(await carolInAlicesList.textContent(), /\(host\)/);
  } finally {
    await closeAll(participants);
    await landing.close();
  }
});

scenario('leaving drops the tile at once, and Rejoin comes back', async () => {
  const { link } = await createMeeting();
  const participants = [];
  try {
    for (const name of ['Alice', 'Bob', 'Carol']) participants.push(await join(link, name));
    const [alice, bob, carol] = participants;
    await waitForTiles(alice, ['Bob', 'Carol']);
    await waitForTiles(bob, ['Alice', 'Carol']);

    await carol.page.getByRole('button', { name: 'Leave' }).click();
    await carol.page.getByRole('heading', { name: 'You left the meeting' }).waitFor({ timeout: UI_MS });
    const gone = await waitForTiles(alice, ['Bob'], UI_MS);
    await waitForTiles(bob, ['Alice'], UI_MS);
    log(`tile of a participant who left gone after ${Math.round(gone)} ms`);
    assert.deepEqual(await rosterNames(alice.page), ['Alice', 'Bob']);
    assert.deepEqual(await rosterNames(bob.page), ['Alice', 'Bob']);

    await carol.page.getByRole('button', { name: 'Rejoin' }).click();
    await carol.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    await waitForTiles(alice, ['Bob', 'Carol']);
    await waitForTiles(carol, ['Alice', 'Bob']);
    await waitForMedia(alice, ['Carol'], { audio: false });
    assert.deepEqual(await rosterNames(bob.page), ['Alice', 'Bob', 'Carol']);
  } finally {
    await closeAll(participants);
  }
});

scenario('screen share, mute and camera off reach the others', async () => {
  const { link } = await createMeeting();
  const participants = [];
  try {
    for (const name of ['Alice', 'Bob']) participants.push(await join(link, name));
    const [alice, bob] = participants;
    await waitForMedia(bob, ['Alice'], { audio: false });

    await alice.page.getByRole('button', { name: 'Share screen' }).click();
    await alice.page.getByRole('button', { name: 'Stop sharing' }).waitFor({ timeout: UI_MS });
    await waitForTiles(bob, ['Alice', 'Alice (screen)']);
    await waitForMedia(bob, ['Alice'], { source: 'screen', audio: false });
    const screenTile = bob.page.locator('#grid figure[data-source="screen"]');
    assert.equal(await screenTile.getAttribute('data-participant'), await alice.page.evaluate(() => String(window.conclave.participantId)));
    await waitFor("Bob's list to show Alice sharing", async () => {
      const text = await bob.page.locator('ul[aria-label="Participants"] > li', { hasText: 'Alice' }).textContent();
      return { ok: /sharing screen/.test(text), seen: text };
    }, UI_MS);

    await alice.page.getByRole('button', { name: 'Stop sharing' }).click();
    await alice.page.getByRole('button', { name: 'Share screen' }).waitFor({ timeout: UI_MS });
    await waitForTiles(bob, ['Alice'], UI_MS);

    await alice.page.getByRole('button', { name: 'Mute' }).click();
    await alice.page.getByRole('button', { name: 'Unmute' }).waitFor({ timeout: UI_MS });
    await waitFor("Bob's list to show Alice muted", async () => {
      const text = await bob.page.locator('ul[aria-label="Participants"] > li', { hasText: 'Alice' }).textContent();
      return { ok: /\(muted\)/.test(text), seen: text };
    }, UI_MS);

    await alice.page.getByRole('button', { name: 'Stop camera' }).click();
    await alice.page.getByRole('button', { name: 'Start camera' }).waitFor({ timeout: UI_MS });
    await waitFor("Bob's tile of Alice to show the camera-off placeholder", async () => {
      const seen = await bob.page.locator('#grid figure[data-source="camera"]').evaluate((f) => ({
        videoHidden: f.querySelector('video')?.hidden,
        placeholder: f.querySelector('.placeholder')?.hidden === false ? f.querySelector('.placeholder').textContent : null,
      }));
      return { ok: seen.videoHidden === true && seen.placeholder === 'Alice', seen };
    }, UI_MS);
  } finally {
    await closeAll(participants);
  }
});

scenario('the active speaker is highlighted for the others', async () => {
  const { link } = await createMeeting();
  const participants = [];
  try {
    participants.push(await join(link, 'Alice', { initScript: steadyToneMicrophone }));
    participants.push(await join(link, 'Bob'));
    const [, bob] = participants;
    await waitForTiles(bob, ['Alice']);
    const took = await waitFor("Bob to see Alice's tile and list entry marked as speaking", async () => {
      const seen = await bob.page.evaluate(() => ({
        tile: document.querySelector('#grid figure.speaking')?.getAttribute('aria-label') ?? null,
        current: document.querySelector('#grid figure[aria-current="true"]')?.getAttribute('aria-label') ?? null,
        list: document.querySelector('ul[aria-label="Participants"] > li.speaking .name')?.textContent ?? null,
      }));
      return { ok: seen.tile === 'Alice' && seen.current === 'Alice' && seen.list === 'Alice', seen };
    });
    log(`active speaker shown after ${Math.round(took)} ms`);
  } finally {
    await closeAll(participants);
  }
});

scenario('an unknown meeting shows "No such meeting" with 404', async () => {
  const context = await newContext();
  try {
    const page = await context.newPage();
    const id = randomBytes(16).toString('base64url');
    assert.equal(id.length, 22);
    const response = await page.goto(new URL(`/m/${id}`, baseUrl).href);
    assert.equal(response.status(), 404);
    await page.getByRole('heading', { name: 'No such meeting' }).waitFor({ timeout: UI_MS });
  } finally {
    await context.close();
  }
});

scenario('a participant whose page closes without Leave disappears', async () => {
  const { link } = await createMeeting();
  const participants = [];
  try {
    for (const name of ['Alice', 'Bob']) participants.push(await join(link, name));
    const [alice, bob] = participants;
    await waitForMedia(alice, ['Bob'], { audio: false });
    await bob.context.close();
    const gone = await waitForTiles(alice, [], UI_MS);
    log(`tile of a closed page gone after ${Math.round(gone)} ms`);
    await waitFor("Alice's list to lose Bob", async () => {
      const seen = await rosterNames(alice.page);
      const disconnected = await alice.page.locator('#ended').isVisible();
      // Being left alone must not end Alice's own stay in the meeting.
      if (disconnected) assert.fail(`Alice was disconnected: ${await alice.page.locator('#ended-detail').textContent()}`);
      return { ok: JSON.stringify(seen) === '["Alice"]', seen };
    }, UI_MS);
    await alice.page.waitForTimeout(1000);
    const ended = (await alice.page.locator('#ended').isVisible()) ? await alice.page.locator('#ended-detail').textContent() : null;
    assert.equal(ended, null, 'Alice is still in the meeting a second later');
  } finally {
    await closeAll(participants);
  }
});
