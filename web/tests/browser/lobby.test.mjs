// The lobby in real headless Chromium against the real server
// (docs/admission.md): meetings made with the landing page's button, a host
// who joins with the host link, guests who knock with the participant link
// and see nothing of the meeting until a host's click lets them in; deny,
// remove, lock and end.
//
// Run from web/: `npm run test:browser` (the server binary comes from
// $CONCLAVE_BIN, or ../target/debug/conclave; `cargo build -p conclave`).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join as joinPath, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { loadTs } from '../unit/load.mjs';

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

// Bounded waits: generous for a loaded 2-core machine, short enough that a
// broken build fails in seconds, not minutes.
const SERVER_START_MS = 30_000;
const UI_MS = 10_000;
const MEDIA_MS = 20_000;
const CASE_MS = 120_000;
const POLL_MS = 100;
// How long a waiting guest is watched for any sign of the meeting: longer
// than the first decoded frame takes (~1 s here) once media does flow.
const WAITING_WATCH_MS = 2_000;
const ROSTER = 'ul[aria-label="Participants"] > li';

const suiteStart = performance.now();
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
  workDir = mkdtempSync(joinPath(tmpdir(), 'conclave-lobby-'));
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

async function newContext() {
  return browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 720 } });
}

/** A lobby meeting made as an organiser makes it: the landing page's button. */
async function createLobbyMeeting() {
  const context = await newContext();
  try {
    const page = await context.newPage();
    await page.goto(baseUrl.href);
    await page.getByRole('button', { name: 'Create meeting' }).click();
    const link = page.getByLabel('Participant link', { exact: true });
    await link.waitFor({ timeout: UI_MS });
    return { link: await link.inputValue(), hostLink: await page.getByLabel('Host link', { exact: true }).inputValue() };
  } finally {
    await context.close();
  }
}

/** Opens a link in a fresh context, types the name and clicks Join. */
async function open(link, name) {
  const context = await newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`[${name}] page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`[${name}] console ${m.type()}: ${m.text()}`);
  });
  // End meeting asks first; the tests answer yes.
  page.on('dialog', (d) => void d.accept());
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  return { name, context, page };
}

/** The host joins with the host link and waits for the group to exist. */
async function joinAsHost(hostLink, name) {
  const p = await open(hostLink, name);
  await p.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
  await waitFor(`${name}'s security code`, async () => {
    const code = await securityCode(p.page);
    return { ok: /^\d{5} \d{5} \d{5} \d{5}$/.test(code), seen: code };
  });
  return p;
}

/** A guest knocks and waits: returns once the waiting status shows. */
async function knock(link, name) {
  const p = await open(link, name);
  await waitingStatus(p.page).waitFor({ timeout: UI_MS });
  return p;
}

function waitingStatus(page) {
  return page.getByRole('status').filter({ hasText: 'Waiting for the host' });
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

async function securityCode(page) {
  return ((await page.getByLabel('Security code', { exact: true }).textContent()) ?? '').trim();
}

async function rosterNames(page) {
  return (await page.locator(`${ROSTER} .name`).allTextContents()).sort();
}

/** Video frames decoded so far, per remote participant id. */
async function framesDecoded(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const s of await window.conclave.stats()) if (s.kind === 'video') out[s.participant] = (out[s.participant] ?? 0) + s.framesDecoded;
    return out;
  });
}

/** Everything of the meeting a waiting guest could see or hold. */
async function whatTheWaitingSee(page) {
  return page.evaluate(async () => ({
    meetingVisible: !document.getElementById('meeting').hidden,
    tiles: document.querySelectorAll('#grid figure').length,
    rosterRows: document.querySelectorAll('#roster li, #joining li').length,
    chat: document.querySelectorAll('#chat-messages li').length,
    securityCode: document.getElementById('security-code').textContent,
    inboundTracks: (await window.conclave.stats()).length,
    receivers: window.conclave.subscriber?.getReceivers().length ?? 0,
    epoch: window.conclave.e2ee.epoch,
    members: window.conclave.e2ee.members.length,
    text: document.body.innerText,
  }));
}

async function closeAll(participants) {
  await Promise.all(participants.map((p) => p.context.close().catch(() => undefined)));
}

function scenario(name, body) {
  test(name, { timeout: CASE_MS }, async (t) => {
    const start = performance.now();
    try {
      await body(t);
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

scenario('a knocking guest sees nothing until the host admits them; then both decode and show one code; removed, the guest decodes no more', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  try {
    const alice = await joinAsHost(hostLink, 'Alice');
    participants.push(alice);
    const grace = await knock(link, 'Grace');
    participants.push(grace);

    // Waiting: nothing of the meeting, for longer than media would take to show.
    await grace.page.waitForTimeout(WAITING_WATCH_MS);
    const seen = await whatTheWaitingSee(grace.page);
    assert.deepEqual(
      { ...seen, text: undefined },
      { meetingVisible: false, tiles: 0, rosterRows: 0, chat: 0, securityCode: '', inboundTracks: 0, receivers: 0, epoch: null, members: 0, text: undefined },
      'the waiting guest holds nothing of the meeting',
    );
    assert.ok(!seen.text.includes('Alice'), `no name of anyone inside shows: ${seen.text}`);
    assert.doesNotMatch(seen.text, /participant/i, 'no count either');

    // The host sees the knock, named from the sealed knock, and lets her in.
    const admit = alice.page.getByRole('button', { name: 'Admit Grace', exact: true });
    await admit.waitFor({ timeout: UI_MS });
    assert.equal(await alice.page.getByRole('button', { name: 'Deny Grace', exact: true }).count(), 1);
    const clickedAt = performance.now();
    await admit.click();
    await grace.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    assert.equal(await waitingStatus(grace.page).count(), 0, 'the waiting view is gone');
    const aliceId = await alice.page.evaluate(() => window.conclave.participantId);
    const graceId = await grace.page.evaluate(() => window.conclave.participantId);
    await waitFor("Grace's first decoded frame from Alice", async () => {
      const frames = await framesDecoded(grace.page);
      return { ok: (frames[aliceId] ?? 0) > 0, seen: frames };
    });
    log(`Admit click → Grace's first decrypted frame: ${Math.round(performance.now() - clickedAt)} ms`);
    await waitFor("Alice's first decoded frame from Grace", async () => {
      const frames = await framesDecoded(alice.page);
      return { ok: (frames[graceId] ?? 0) > 0, seen: frames };
    });
    let code;
    await waitFor('one security code on both pages', async () => {
      const codes = [await securityCode(alice.page), await securityCode(grace.page)];
      code = codes[0];
      return { ok: /^\d{5} \d{5} \d{5} \d{5}$/.test(code) && codes[1] === code, seen: codes };
    });
    // Everyone's list says who let Grace in, from the group's roster.
    for (const p of [alice, grace]) {
      await waitFor(`${p.name}'s list to say Alice admitted Grace`, async () => {
        const text = await p.page.locator(ROSTER, { has: p.page.locator('.name', { hasText: /^Grace$/ }) }).textContent();
        return { ok: /admitted by Alice/.test(text ?? ''), seen: text };
      }, UI_MS);
    }
    assert.equal(await grace.page.getByRole('button', { name: 'Remove Alice' }).count(), 0, 'guests cannot remove');

    // Removed: Grace's page says so, and decodes nothing more.
    await alice.page.getByRole('button', { name: 'Remove Grace', exact: true }).click();
    await grace.page.getByRole('heading', { name: 'You were removed' }).waitFor({ timeout: UI_MS });
    const after = await framesDecoded(grace.page);
    await grace.page.waitForTimeout(1000);
    assert.deepEqual(await framesDecoded(grace.page), after, 'no frame decoded after removal');
    assert.deepEqual(after, {}, 'no receiving connection is left');
    await waitFor("Alice's list to lose Grace and her code to change", async () => {
      const seen = { names: await rosterNames(alice.page), code: await securityCode(alice.page) };
      return { ok: JSON.stringify(seen.names) === '["Alice"]' && seen.code !== code && /^\d{5}/.test(seen.code), seen };
    });
    // Her old link in the same browser does not get her back in.
    await grace.page.reload();
    await grace.page.getByRole('button', { name: 'Join', exact: true }).click();
    // The server knows the browser by its device token and refuses it (error `blocked`).
    await grace.page.getByRole('alert').filter({ hasText: 'a host turned it away' }).first().waitFor({ timeout: UI_MS });
    assert.equal(await waitingStatus(grace.page).count(), 0, 'no waiting: the knock never happens');
    assert.equal(await alice.page.getByRole('button', { name: 'Admit Grace', exact: true }).count(), 0, 'no knock reaches the host');
  } finally {
    await closeAll(participants);
  }
});

scenario('deny, lock for everyone, a locked meeting turns knockers away, and End meeting ends it for all', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  try {
    const alice = await joinAsHost(hostLink, 'Alice');
    participants.push(alice);
    const dave = await knock(link, 'Dave');
    participants.push(dave);
    const bob = await knock(link, 'Bob');
    participants.push(bob);
    await alice.page.getByRole('button', { name: 'Admit all', exact: true }).waitFor({ timeout: UI_MS });
    await alice.page.getByRole('button', { name: 'Admit Dave', exact: true }).click();
    await dave.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });

    await alice.page.getByRole('button', { name: 'Deny Bob', exact: true }).click();
    await bob.page.getByText('denied', { exact: false }).first().waitFor({ timeout: UI_MS });
    assert.equal(await bob.page.locator('#meeting').isVisible(), false);

    await alice.page.getByRole('button', { name: 'Lock meeting', exact: true }).click();
    await alice.page.getByRole('button', { name: 'Unlock meeting', exact: true }).waitFor({ timeout: UI_MS });
    for (const p of [alice, dave]) {
      await p.page.getByRole('status').filter({ hasText: 'locked' }).waitFor({ timeout: UI_MS });
    }

    const carol = await open(link, 'Carol');
    participants.push(carol);
    await carol.page.getByRole('alert').filter({ hasText: 'locked' }).first().waitFor({ timeout: UI_MS });
    assert.equal(await waitingStatus(carol.page).count(), 0, 'no waiting: a locked meeting takes no knock');
    assert.equal(await alice.page.getByRole('button', { name: 'Admit Carol', exact: true }).count(), 0);

    await alice.page.getByRole('button', { name: 'End meeting', exact: true }).click();
    await dave.page.getByRole('heading', { name: 'The meeting has ended' }).waitFor({ timeout: UI_MS });
    assert.equal(await dave.page.getByRole('button', { name: 'Rejoin' }).isVisible(), false);
  } finally {
    await closeAll(participants);
  }
});

scenario('a participant link without its key, on a meeting with a lobby, asks for the full link', async () => {
  const { link } = await createLobbyMeeting();
  const bare = new URL(link);
  bare.hash = '';
  const guest = await open(bare.href, 'Eve');
  try {
    await guest.page.getByRole('heading', { name: 'This link is incomplete' }).waitFor({ timeout: UI_MS });
    assert.match(await guest.page.locator('#ended-detail').textContent(), /full participant link/);
  } finally {
    await guest.context.close();
  }
});

scenario('a knocker\'s name is shown as text on the host\'s Admit button, never as markup', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  try {
    const alice = await joinAsHost(hostLink, 'Alice');
    participants.push(alice);
    const name = '<b>Bold</b>';
    const guest = await knock(link, name);
    participants.push(guest);
    const admit = alice.page.getByRole('button', { name: `Admit ${name}`, exact: true });
    await admit.waitFor({ timeout: UI_MS });
    assert.equal(await alice.page.locator('#lobby-list b').count(), 0, 'no element made from the name');
    assert.equal(await alice.page.locator('#lobby-list .name').textContent(), name);
  } finally {
    await closeAll(participants);
  }
});

scenario('a guest welcomed into a group no host made raises the "tampered" alarm and decrypts nothing', async () => {
  // A server that skips the lobby: the meeting has none, yet the guest's
  // link carries a meeting key, so her client enforces admission. The
  // member who adds her holds no meeting key and writes no roster.
  const response = await fetch(new URL('/api/meetings', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ lobby: false }),
  });
  assert.equal(response.status, 201);
  const link = new URL((await response.json()).link, baseUrl);
  const mk = await loadTs('src/e2ee/meetingKey.ts');
  const key = await mk.deriveMeetingSecret(mk.generateSeed());
  const participants = [];
  try {
    const mallory = await open(link.href, 'Mallory');
    participants.push(mallory);
    await mallory.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    const grace = await open(mk.participantLinkWithKey(link.href, key.public), 'Grace');
    participants.push(grace);
    const alarm = grace.page.getByRole('alert').filter({ hasText: 'tampered' });
    await alarm.waitFor({ timeout: MEDIA_MS });
    assert.match(await alarm.textContent(), /membership was tampered with/);
    assert.equal(await grace.page.getByRole('heading', { name: 'Encryption stopped' }).count(), 1);
    // Nothing decrypts: no keys, no connections, and no rejoin by itself.
    await grace.page.waitForTimeout(1000);
    assert.deepEqual(await framesDecoded(grace.page), {});
    assert.equal(await grace.page.evaluate(() => window.conclave.e2ee.epoch), null);
    assert.equal(await grace.page.getByRole('button', { name: 'Leave' }).count(), 0);
  } finally {
    await closeAll(participants);
  }
});

// The native client (`conclave join`: openmls, the roster in Rust) next to
// browsers (ts-mls, the roster in TypeScript): each side writes rosters and
// commits the other checks. No side may raise the alarm, and all show the
// same code.

/** Starts `conclave join LINK --name NAME …` and collects its JSON report. */
function startNative(link, name, extra = []) {
  const child = spawn(SERVER_BIN, ['join', link, '--name', name, '--report', 'json', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { child, stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  out.exited = new Promise((r) => child.once('exit', (code) => r(code)));
  return out;
}

/** Waits for the native client to finish and checks its report against what `host` showed. */
async function checkNativeReport(native, host, expectedMembers) {
  const shown = new Set();
  const record = async () => {
    const e = await host.page.evaluate(() => ({ epoch: window.conclave.e2ee.epoch, code: window.conclave.e2ee.securityCode }));
    shown.add(`${e.epoch}:${e.code}`);
  };
  await record();
  const timer = setInterval(() => void record().catch(() => undefined), 300);
  const exitCode = await native.exited;
  clearInterval(timer);
  const lastLine = native.stdout.trim().split('\n').at(-1) ?? '';
  assert.ok(lastLine.startsWith('{'), `native client printed no JSON report (exit ${exitCode}); stderr: ${native.stderr.slice(-2000)}`);
  log(`native report: ${lastLine}`);
  const report = JSON.parse(lastLine);
  assert.deepEqual([...report.members].sort(), expectedMembers);
  // Every commit and Welcome was taken as it came: nothing refused, no rejoin, no alarm.
  assert.deepEqual(report.errors, [], 'the native member refused nothing');
  assert.equal(report.rejoins, 0);
  assert.equal(report.tampered, null);
  assert.ok(shown.has(`${report.epoch}:${report.security_code}`), `${host.name} showed the native's code ${report.security_code} at epoch ${report.epoch}; saw ${[...shown]}`);
  assert.equal(exitCode, 0, `native client exited with ${exitCode}; stderr: ${native.stderr.slice(-2000)}`);
}

async function waitForOneCode(participants, names) {
  await waitFor(`${participants.map((p) => p.name).join(', ')} to list ${names} and show one code`, async () => {
    const seen = await Promise.all(participants.map(async (p) => ({ names: await rosterNames(p.page), code: await securityCode(p.page) })));
    const ok = seen.every((s) => JSON.stringify(s.names) === JSON.stringify(names) && s.code === seen[0].code) && /^\d{5}/.test(seen[0].code);
    return { ok, seen };
  });
}

async function noAlarm(participants) {
  for (const p of participants) assert.equal(await p.page.getByText('tampered').count(), 0, `${p.name} raised no alarm`);
}

scenario('a native member accepts a browser host\'s roster commits, and a browser guest the roster a native host wrote', async () => {
  const participants = [];
  let native;
  try {
    // Browser host first: the group and its roster are made in TypeScript.
    const { link, hostLink } = await createLobbyMeeting();
    const alice = await joinAsHost(hostLink, 'Alice');
    participants.push(alice);
    const grace = await knock(link, 'Grace');
    participants.push(grace);
    await alice.page.getByRole('button', { name: 'Admit Grace', exact: true }).click({ timeout: UI_MS });
    await grace.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    // A native host joins (its endorsed Add), then Alice admits Bob: the
    // native member processes her roster commit (openmls requires its path).
    native = startNative(hostLink, 'Nat', ['--duration', '20']);
    await waitForOneCode([alice, grace], ['Alice', 'Grace', 'Nat']);
    const bob = await knock(link, 'Bob');
    participants.push(bob);
    await alice.page.getByRole('button', { name: 'Admit Bob', exact: true }).click({ timeout: UI_MS });
    await bob.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    await waitForOneCode(participants, ['Alice', 'Bob', 'Grace', 'Nat']);
    await checkNativeReport(native, alice, ['Alice', 'Bob', 'Grace', 'Nat']);
    await noAlarm(participants);
  } finally {
    if (native && native.child.exitCode === null) native.child.kill('SIGKILL');
    await closeAll(participants);
  }
  participants.length = 0;
  try {
    // Native host first: the roster is made in Rust; it admits Grace by name.
    const { link, hostLink } = await createLobbyMeeting();
    native = startNative(hostLink, 'Nat', ['--duration', '12', '--admit', 'Grace']);
    // The native host admits at once: the waiting view may come and go
    // faster than a poll, so only the outcome is awaited here.
    const grace = await open(link, 'Grace');
    participants.push(grace);
    await grace.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: MEDIA_MS });
    await waitForOneCode([grace], ['Grace', 'Nat']);
    const row = await grace.page.locator(ROSTER, { has: grace.page.locator('.name', { hasText: /^Grace$/ }) }).textContent();
    assert.match(row, /admitted by Nat/);
    await checkNativeReport(native, grace, ['Grace', 'Nat']);
    await noAlarm(participants);
  } finally {
    if (native && native.child.exitCode === null) native.child.kill('SIGKILL');
    await closeAll(participants);
  }
});

// docs/admission.md, step 6: the delivery service asks the admitting host
// to commit a knock's Add. The server currently asks the longest-present
// host instead, who did not admit the knock and rightly leaves it out.
test('the admitting host commits the Add even when another host has been in longer', { timeout: CASE_MS, todo: 'server asks the longest-present host, not the admitting one' }, async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  const native = startNative(hostLink, 'Nat', ['--duration', '15']);
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const alice = await joinAsHost(hostLink, 'Alice');
    participants.push(alice);
    await waitForOneCode([alice], ['Alice', 'Nat']);
    const bob = await knock(link, 'Bob');
    participants.push(bob);
    await alice.page.getByRole('button', { name: 'Admit Bob', exact: true }).click({ timeout: UI_MS });
    await bob.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    await waitForOneCode(participants, ['Alice', 'Bob', 'Nat']);
    await noAlarm(participants);
  } finally {
    if (native.child.exitCode === null) native.child.kill('SIGKILL');
    await closeAll(participants);
  }
});
