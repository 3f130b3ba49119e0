// What the lobby and co-host browser suites share: the real server, one
// headless Chromium with a context per participant, the landing page's
// Create meeting, joining and knocking as a person does, bounded polling,
// and the native client (`conclave join`) spawned next to the browsers.
//
// Importing this module registers the suite's before/after hooks: one
// server and one browser per test file. The server logs at debug level and
// records every signaling message (`--record-signaling`), so a test can
// check what the server could have learnt (privacy.test.mjs); `serverFiles()`
// says where its data, log and record are.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join as joinPath, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_BIN = process.env.CONCLAVE_BIN ? resolve(process.env.CONCLAVE_BIN) : resolve(WEB_DIR, '../target/debug/conclave');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
// Set by netns.mjs when the server runs in a namespace of its own.
const SERVER_NETNS = process.env.CONCLAVE_TEST_SERVER_NETNS;
const SERVER_ADDRESS = process.env.CONCLAVE_TEST_SERVER_ADDRESS;
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
export const UI_MS = 10_000;
export const MEDIA_MS = 20_000;
export const CASE_MS = 120_000;
const POLL_MS = 100;
export const ROSTER = 'ul[aria-label="Participants"] > li';
const CODE = /^\d{5} \d{5} \d{5} \d{5}$/;

const suiteStart = performance.now();
let server;
let serverLog;
let workDir;
let failed = false;

/**
 * Where the running server keeps what it knows: its data directory, its
 * stdout+stderr log, and its record of every signaling message in and out.
 */
export function serverFiles() {
  return { workDir, dataDir: joinPath(workDir, 'data'), logPath: joinPath(workDir, 'server.log'), signalingPath: joinPath(workDir, 'signaling.jsonl') };
}
/** The server's address, once it is up. */
export let baseUrl;
let browser;

export function log(message) {
  console.log(message);
}

function startServer() {
  if (!existsSync(SERVER_BIN)) {
    throw new Error(`server binary not found at ${SERVER_BIN}: run \`cargo build -p conclave\` or set CONCLAVE_BIN`);
  }
  workDir = mkdtempSync(joinPath(tmpdir(), 'conclave-lobby-'));
  const logPath = joinPath(workDir, 'server.log');
  serverLog = createWriteStream(logPath);
  const files = ['--data-dir', joinPath(workDir, 'data'), '--record-signaling', joinPath(workDir, 'signaling.jsonl')];
  // Flags a suite adds (a TURN relay, a fixed media port), as JSON.
  const extra = JSON.parse(process.env.CONCLAVE_TEST_SERVER_ARGS ?? '[]');
  const args = SERVER_NETNS
    ? // Another machine on the LAN (netns.mjs): reached at its address, with
      // meetings open to create as on a LAN server set up for it.
      ['serve', '--listen', `${SERVER_ADDRESS}:0`, '--public-ip', SERVER_ADDRESS, '--create-meetings', 'anyone', ...files, ...extra]
    : [
        'serve',
        '--listen', '127.0.0.1:0',
        '--media-port', '0',
        // Loopback only, unless a suite runs in a network namespace of its own
        // and wants the zero-config choice of the host's addresses.
        ...(process.env.CONCLAVE_TEST_HOST_MEDIA ? [] : ['--public-ip', '127.0.0.1']),
        ...files,
        ...extra,
      ];
  // Debug logging: whatever the server might log, a privacy test sees. The
  // server reads its filter from CONCLAVE_LOG; RUST_LOG is set too for
  // anything that reads the usual variable.
  const env = { ...process.env, RUST_LOG: 'debug', CONCLAVE_LOG: 'debug' };
  const [bin, ...argv] = SERVER_NETNS ? ['ip', 'netns', 'exec', SERVER_NETNS, SERVER_BIN, ...args] : [SERVER_BIN, ...args];
  server = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'], env });
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
  // Stopped already (a case may stop it to read what it kept): a process
  // ended by a signal has no exit code, only `signalCode`, and waiting for
  // its 'exit' again would never end, leaving this suite's files behind.
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const killer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}

/**
 * A headless Chromium with the suite's flags. `executablePath` may be a
 * wrapper that runs it elsewhere (another network namespace): Playwright
 * talks to it over a pipe.
 */
export function launchChromium({ executablePath = CHROMIUM } = {}) {
  // A server on another machine's plain-HTTP address is not a secure
  // context; the flag stands in for the TLS a real LAN server would have.
  const secure = baseUrl.hostname === '127.0.0.1' ? [] : [`--unsafely-treat-insecure-origin-as-secure=${baseUrl.origin}`];
  // Flags a suite adds, as JSON.
  const extra = JSON.parse(process.env.CONCLAVE_TEST_CHROMIUM_FLAGS ?? '[]');
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS, ...secure, ...extra] });
}

before(async () => {
  await startServer();
  browser = await launchChromium();
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

/** A test case that logs its time and keeps the server log if it fails. */
export function scenario(name, body) {
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

export async function newContext() {
  return browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 720 } });
}

/** A lobby meeting made as an organiser makes it: the landing page's button. */
export async function createLobbyMeeting() {
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

/**
 * A meeting without a lobby (docs/admission.md), made through the API: its
 * links carry no meeting key and everyone who opens one joins at once.
 */
export async function createOpenMeeting() {
  const response = await fetch(new URL('/api/meetings', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ lobby: false }),
  });
  assert.equal(response.status, 201, 'POST /api/meetings creates a meeting');
  const body = await response.json();
  return { link: new URL(body.link, baseUrl).href, hostLink: new URL(body.host_link, baseUrl).href };
}

/**
 * The signaling messages the server recorded so far, parsed: [{dir, msg}].
 * Only whole lines count: the server may be writing the last one.
 */
export function signalingRecord() {
  const { signalingPath } = serverFiles();
  if (!existsSync(signalingPath)) return [];
  const text = readFileSync(signalingPath, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const entry = JSON.parse(l);
      return { dir: entry.dir, msg: JSON.parse(entry.text) };
    });
}

/** Opens a link in a fresh context, types the name and clicks Join. */
export async function open(link, name) {
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

/**
 * Opens a link as `name` in a Chromium run inside network namespace `ns`
 * (through a wrapper script): a participant on another machine, such as
 * the server's side of a cut link. `close()` ends its browser.
 */
export async function openInNamespace(ns, link, name) {
  const dir = mkdtempSync(joinPath(tmpdir(), 'conclave-observer-'));
  const wrapper = joinPath(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${CHROMIUM} "$@"\n`, { mode: 0o755 });
  const remote = await launchChromium({ executablePath: wrapper });
  const context = await remote.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
  return { name, page, close: async () => { await remote.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** The host joins with the host link and waits for the group to exist. */
export async function joinAsHost(hostLink, name) {
  const p = await open(hostLink, name);
  await p.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
  await waitFor(`${name}'s security code`, async () => {
    const code = await securityCode(p.page);
    return { ok: CODE.test(code), seen: code };
  });
  return p;
}

/** A guest knocks and waits: returns once the waiting status shows. */
export async function knock(link, name) {
  const p = await open(link, name);
  await waitingStatus(p.page).waitFor({ timeout: UI_MS });
  return p;
}

export function waitingStatus(page) {
  return page.getByRole('status').filter({ hasText: 'Waiting for the host' });
}

/** A host clicks "Admit NAME"; resolves once the guest is in the meeting. */
export async function admit(host, guest) {
  await host.page.getByRole('button', { name: `Admit ${guest.name}`, exact: true }).click({ timeout: UI_MS });
  await guest.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
}

/** Polls `probe` (→ {ok, seen}) until ok; fails with what was last seen. Returns the ms waited. */
export async function waitFor(what, probe, timeout = MEDIA_MS) {
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

export async function securityCode(page) {
  return ((await page.getByLabel('Security code', { exact: true }).textContent()) ?? '').trim();
}

export async function rosterNames(page) {
  return (await page.locator(`${ROSTER} .name`).allTextContents()).sort();
}

export async function participantId(p) {
  return p.page.evaluate(() => window.conclave.participantId);
}

/** The participant id `p`'s list gives the member named `name` (waits until listed). */
export async function idOf(p, name) {
  let id;
  await waitFor(`${p.name}'s list to show ${name}`, async () => {
    const rows = await p.page.locator(ROSTER).evaluateAll((lis) => lis.map((li) => [li.querySelector('.name')?.textContent, li.dataset.participant]));
    id = rows.find(([n]) => n === name)?.[1];
    return { ok: id !== undefined, seen: rows };
  }, UI_MS);
  return Number(id);
}

/** Video frames decoded so far, per remote participant id. */
export async function framesDecoded(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const s of await window.conclave.stats()) if (s.kind === 'video') out[s.participant] = (out[s.participant] ?? 0) + s.framesDecoded;
    return out;
  });
}

/**
 * Ann and Ben join `link`, decode each other's video and receive each
 * other's audio, show one security code, and are told their media travels
 * as `transport` says (the meeting page's "Media over …" line). Returns the
 * ms each waited for the other's first frame.
 */
export async function twoMeetOver(link, transport) {
  const ann = await open(link, 'Ann');
  const ben = await open(link, 'Ben');
  try {
    for (const p of [ann, ben]) await p.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    const benId = await idOf(ann, 'Ben');
    const annId = await idOf(ben, 'Ann');
    const waited = [await waitForFrames(ann, benId, `Ann to decode Ben over ${transport}`), await waitForFrames(ben, annId, `Ben to decode Ann over ${transport}`)];
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
      await waitFor(`${p.name} to be told media travels over ${transport}`, async () => {
        const text = await p.page.locator('#media-transport').textContent();
        return { ok: text === `Media over ${transport}`, seen: text };
      }, UI_MS);
    }
    assert.equal(await ann.page.locator('#media-status').isHidden(), true, 'no connection problem is shown');
    return waited;
  } finally {
    await closeAll([ann, ben]);
  }
}

/** Waits until `p` decodes video from participant `fromId`; returns the ms waited. */
export async function waitForFrames(p, fromId, what) {
  return waitFor(what, async () => {
    const frames = await framesDecoded(p.page);
    return { ok: (frames[fromId] ?? 0) > 0, seen: frames };
  });
}

export async function closeAll(participants) {
  await Promise.all(participants.map((p) => p.context.close().catch(() => undefined)));
}

export async function waitForOneCode(participants, names) {
  await waitFor(`${participants.map((p) => p.name).join(', ')} to list ${names} and show one code`, async () => {
    const seen = await Promise.all(participants.map(async (p) => ({ names: await rosterNames(p.page), code: await securityCode(p.page) })));
    const ok = seen.every((s) => JSON.stringify(s.names) === JSON.stringify(names) && s.code === seen[0].code) && CODE.test(seen[0].code);
    return { ok, seen };
  });
}

export async function noAlarm(participants) {
  for (const p of participants) assert.equal(await p.page.getByText('tampered').count(), 0, `${p.name} raised no alarm`);
}

// ------------------------------------------------------------- native --

/** Stops the server now (a privacy test reads its files after); the suite's end does nothing more then. */
export async function stopServerNow() {
  await stopServer();
}

/** Starts `conclave join LINK --name NAME --report json …`; `exited` resolves with its exit code. */
export function startNative(link, name, extra = [], { netns } = {}) {
  const args = ['join', link, '--name', name, '--report', 'json', ...extra];
  // `netns`: on the server's side of a two-namespace case (netns.mjs).
  const [bin, ...argv] = netns ? ['ip', 'netns', 'exec', netns, SERVER_BIN, ...args] : [SERVER_BIN, ...args];
  const child = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { child, stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  out.exited = new Promise((r) => child.once('exit', (code) => r(code)));
  return out;
}

export function stopNative(native) {
  if (native && native.child.exitCode === null) native.child.kill('SIGKILL');
}

/**
 * Starts recording, in the page, every "epoch:code" it shows (a short-lived
 * epoch lasts well under a test's polling interval); `stop()` resolves with them.
 */
export async function recordCodes(page) {
  await page.evaluate(() => {
    const seen = new Set();
    const record = () => {
      const { epoch, securityCode } = window.conclave.e2ee;
      if (securityCode) seen.add(`${epoch}:${securityCode}`);
    };
    record();
    window.__codes = { seen, timer: setInterval(record, 10) };
  });
  return {
    stop: async () => new Set(await page.evaluate(() => {
      clearInterval(window.__codes.timer);
      return [...window.__codes.seen];
    })),
  };
}

/** Waits for the native client to exit; resolves with its parsed JSON report and exit code. */
export async function nativeReport(native) {
  const exitCode = await native.exited;
  const lastLine = native.stdout.trim().split('\n').at(-1) ?? '';
  assert.ok(lastLine.startsWith('{'), `native client printed no JSON report (exit ${exitCode}); stderr: ${native.stderr.slice(-2000)}`);
  log(`native report: ${lastLine}`);
  return { report: JSON.parse(lastLine), exitCode };
}
