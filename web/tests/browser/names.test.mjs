// Names that deceive (issue 6, item 7), in real headless Chromium against the
// real server: a name made of zero-width characters or ending in "(host)"
// never gets into a meeting, a member whose credential claims to be
// "Victoria (host)" is shown as an unknown member with an alarm and without
// the host's badge, and two people called the same are told apart.
//
// Run from web/: `node --test tests/browser/names.test.mjs` (the server
// binary comes from $CONCLAVE_BIN, or ../target/debug/conclave). The
// helpers follow meeting.test.mjs.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join as joinPath, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_BIN = process.env.CONCLAVE_BIN ? resolve(process.env.CONCLAVE_BIN) : resolve(WEB_DIR, '../target/debug/conclave');
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
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

const SERVER_START_MS = 30_000;
const UI_MS = 10_000;
const GROUP_MS = 20_000;
const CASE_MS = 90_000;
const POLL_MS = 100;
const ROSTER = 'ul[aria-label="Participants"] > li';

let server;
let serverLog;
let baseUrl;
let browser;
let workDir;
let failed = false;

function log(message) {
  console.log(message);
}

function startServer() {
  if (!existsSync(SERVER_BIN)) {
    throw new Error(`server binary not found at ${SERVER_BIN}: run \`cargo build -p conclave\` or set CONCLAVE_BIN`);
  }
  workDir = mkdtempSync(joinPath(tmpdir(), 'conclave-names-'));
  const logPath = joinPath(workDir, 'server.log');
  serverLog = createWriteStream(logPath);
  const args = ['serve', '--listen', '127.0.0.1:0', '--media-port', '0', '--public-ip', '127.0.0.1', '--data-dir', joinPath(workDir, 'data')];
  server = spawn(SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr.pipe(serverLog, { end: false });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no "Open http://…" line within ${SERVER_START_MS} ms; log: ${logPath}`)), SERVER_START_MS);
    createInterface({ input: server.stdout }).on('line', (line) => {
      serverLog.write(`${line}\n`);
      const match = /http:\/\/\S+/.exec(line);
      if (baseUrl || !line.includes('Open http://') || !match) return;
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

// Without a lobby (docs/admission.md): links carry no meeting key, everyone
// who opens one joins at once, as these cases need. Lobby meetings have
// their own suite (lobby.test.mjs) and the landing page's button.
async function createMeeting() {
  const response = await fetch(new URL('/api/meetings', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ lobby: false }),
  });
  assert.equal(response.status, 201, 'POST /api/meetings creates a meeting');
  const body = await response.json();
  return { link: new URL(body.link, baseUrl).href, hostLink: new URL(body.host_link, baseUrl).href };
}

async function openPrejoin(link, label, { initScript, camera = true } = {}) {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 720 } });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`[${label}] page error: ${e.message}`));
  await page.goto(link);
  // Fewer encoders on a 2-core machine: only those whose tiles are looked at send video.
  if (!camera) await page.getByRole('button', { name: 'Camera', exact: true }).click();
  return { context, page };
}

async function join(link, name, options = {}) {
  const p = await openPrejoin(link, name, options);
  await p.page.getByLabel('Your name').fill(name);
  await p.page.getByRole('button', { name: 'Join', exact: true }).click();
  await p.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
  return { name, ...p };
}

async function waitFor(what, probe, timeout = GROUP_MS) {
  const start = performance.now();
  for (;;) {
    const last = await probe();
    if (last.ok) return;
    if (performance.now() - start > timeout) assert.fail(`timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last.seen)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** What a person sees of each roster row: name, tag, badges, whether it raises an alarm. */
async function rosterRows(page) {
  return page.locator(ROSTER).evaluateAll((rows) =>
    rows.map((li) => ({
      name: li.querySelector('.name')?.textContent ?? null,
      tag: li.querySelector('.name-tag')?.textContent ?? null,
      badges: [...li.querySelectorAll('.badge')].map((b) => b.dataset.badge),
      text: li.innerText,
    })),
  );
}

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

before(async () => {
  await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  await stopServer();
  serverLog?.end();
  if (failed) log(`server log kept in ${workDir}/server.log`);
  else if (workDir) rmSync(workDir, { recursive: true, force: true });
});

scenario('a zero-width-only name and "Victoria (host)" are refused before joining, by the page and by the server', async () => {
  const { link } = await createMeeting();
  const { context, page } = await openPrejoin(link, 'refused', { camera: false });
  try {
    const error = page.locator('#name-error');
    for (const [name, reason] of [
      ['\u200b\u200b\u200b', /invisible characters \(U\+200B\)/],
      ['Victoria (host)', /cannot end in "\(host\)"/],
    ]) {
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await error.waitFor({ state: 'visible', timeout: UI_MS });
      assert.match(await error.textContent(), reason);
      assert.equal(await page.getByLabel('Your name').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#meeting').isVisible(), false, `${JSON.stringify(name)} did not get into the meeting`);
    }
    // A client that skips the page's check meets the server's.
    const meetingId = new URL(link).pathname.split('/').pop();
    const answers = await page.evaluate(
      ({ id, names }) =>
        Promise.all(
          names.map(
            (name) =>
              new Promise((resolveAnswer, reject) => {
                const ws = new WebSocket(`ws://${location.host}/ws/${id}`);
                ws.onopen = () => ws.send(JSON.stringify({ v: 1, type: 'join', name }));
                ws.onmessage = (e) => {
                  const msg = JSON.parse(e.data);
                  resolveAnswer(msg.type === 'error' ? msg.code : msg.type);
                  ws.close();
                };
                ws.onerror = () => reject(new Error('socket failed'));
              }),
          ),
        ),
      { id: meetingId, names: ['\u200b\u200b\u200b', 'Victoria (host)', 'Eve\u202etsoh', 'Vict\u043eria'] },
    );
    assert.deepEqual(answers, ['invalid_name', 'invalid_name', 'invalid_name', 'invalid_name']);
  } finally {
    await context.close();
  }
});

// A modified client: joins the server as "Mallory" (a name the server
// accepts) but puts "Victoria (host)" in its MLS credential, which no server
// checks. It joins first, so it creates the group and everyone's roster
// holds its leaf.
function credentialClaimsToBeTheHost() {
  const encode = TextEncoder.prototype.encode;
  TextEncoder.prototype.encode = function (text) {
    if (typeof text === 'string' && text.startsWith('{"participant":')) {
      const identity = JSON.parse(text);
      if (identity.name === 'Mallory') text = JSON.stringify({ participant: identity.participant, name: 'Victoria (host)' });
    }
    return encode.call(this, text);
  };
}

scenario('a credential claiming "Victoria (host)" is an unknown member without the host badge, and two Alices are told apart', async () => {
  const { link, hostLink } = await createMeeting();
  const participants = [];
  try {
    participants.push(await join(link, 'Mallory', { initScript: credentialClaimsToBeTheHost, camera: false }));
    participants.push(await join(hostLink, 'Victoria', { camera: false }));
    participants.push(await join(link, 'Alice'));
    participants.push(await join(link, 'Alice'));
    const victoria = participants[1];

    let rows;
    await waitFor("Victoria's list to hold the fake leaf, herself and both Alices", async () => {
      rows = await rosterRows(victoria.page);
      const alices = rows.filter((r) => r.name === 'Alice').length;
      return { ok: rows.length === 4 && alices === 2, seen: rows };
    });

    // The real host: her own row carries the host badge (an element, not text).
    const real = rows.filter((r) => r.badges.includes('host'));
    assert.equal(real.length, 1, `exactly one row has the host badge: ${JSON.stringify(rows)}`);
    assert.equal(real[0].name, 'Victoria');
    assert.ok(real[0].badges.includes('you'));
    // The fake: an unknown member with an alarm, no host badge, and its
    // claimed name shown nowhere as a name.
    const fake = rows.find((r) => r.badges.includes('alarm'));
    assert.ok(fake, `the fake leaf is listed with an alarm: ${JSON.stringify(rows)}`);
    assert.equal(fake.name, 'Unknown member');
    assert.ok(!fake.badges.includes('host'));
    assert.match(fake.text, /Cannot tell who this is/);
    assert.ok(!rows.some((r) => r.name?.includes('(host)')));
    // Screen readers hear the mark as a warning, not as part of a name.
    assert.match(await victoria.page.locator(`${ROSTER} .badge-alarm`).getAttribute('aria-label'), /^warning/);

    // Two Alices: same name, different tags, so the rows read differently.
    const alices = rows.filter((r) => r.name === 'Alice');
    assert.ok(alices.every((r) => /^#\d+$/.test(r.tag ?? '')), JSON.stringify(alices));
    assert.notEqual(alices[0].tag, alices[1].tag);
    assert.notEqual(alices[0].text, alices[1].text);
    // Victoria has no look-alike: no tag.
    assert.equal(real[0].tag, null);

    // Their tiles too.
    await waitFor("Victoria's two Alice tiles to carry different labels", async () => {
      const seen = await victoria.page.locator('#grid figure[data-source="camera"]').evaluateAll((figs) =>
        figs.map((f) => ({ label: f.getAttribute('aria-label'), tag: f.querySelector('figcaption .name-tag')?.textContent ?? null })),
      );
      const alice = seen.filter((t) => t.label?.startsWith('Alice'));
      const ok = alice.length === 2 && alice[0].label !== alice[1].label && alice.every((t) => t.tag !== null && t.label === `Alice ${t.tag}`);
      return { ok, seen };
    });
  } finally {
    await Promise.all(participants.map((p) => p.context.close().catch(() => undefined)));
  }
});
