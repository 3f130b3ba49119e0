// Organiser sign-in (issue 7, item 2), in real headless Chromium against
// the real server started with `--create-meetings organisers`: the landing
// page offers "Sign in" instead of a button that would fail, a wrong
// password is told as such, and after signing in "Create meeting" gives
// the participant and host links. Then issue 7's browser flow whole: the
// organiser hosts that meeting, a guest knocks, the host admits with the
// button, both decrypt each other and show one security code, and the
// host removes the guest, who decrypts nothing from then on.
//
// Run from web/: `node --test tests/browser/signin.test.mjs` (the server
// binary comes from $CONCLAVE_BIN, or ../target/debug/conclave). The
// helpers follow meeting.test.mjs.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
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
  // Fake camera and microphone, for the meeting the organiser then holds.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

const SERVER_START_MS = 30_000;
const UI_MS = 10_000;
const CASE_MS = 60_000;
const MEDIA_MS = 30_000;
const POLL_MS = 200;
const PASSWORD = 'correct horse battery';

let server;
let serverLog;
let baseUrl;
let browser;
let workDir;
let failed = false;

function startServer() {
  if (!existsSync(SERVER_BIN)) {
    throw new Error(`server binary not found at ${SERVER_BIN}: run \`cargo build -p conclave\` or set CONCLAVE_BIN`);
  }
  workDir = mkdtempSync(joinPath(tmpdir(), 'conclave-signin-'));
  const dataDir = joinPath(workDir, 'data');
  // The operator adds an organiser; the password comes from stdin.
  const added = spawnSync(SERVER_BIN, ['user', 'add', 'Ada', '--data-dir', dataDir], { input: `${PASSWORD}\n`, encoding: 'utf8' });
  assert.equal(added.status, 0, `conclave user add failed: ${added.stderr}`);
  const logPath = joinPath(workDir, 'server.log');
  serverLog = createWriteStream(logPath);
  const args = ['serve', '--listen', '127.0.0.1:0', '--media-port', '0', '--data-dir', dataDir, '--create-meetings', 'organisers'];
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

before(async () => {
  await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  await stopServer();
  serverLog?.end();
  if (failed) console.log(`server log kept in ${workDir}/server.log`);
  else if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('an organiser signs in, then creates a meeting, on a server where only organisers may', { timeout: CASE_MS }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(new URL('/', baseUrl).href);
    const signIn = page.getByRole('link', { name: 'Sign in' });
    await signIn.waitFor({ timeout: UI_MS });
    assert.equal(await page.getByRole('button', { name: 'Create meeting' }).isVisible(), false, 'no button that would fail');
    await signIn.click();

    await page.getByLabel('User name').fill('Ada');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong user name or password' }).waitFor({ timeout: UI_MS });

    await page.getByLabel('User name').fill('Ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as Ada').waitFor({ timeout: UI_MS });

    await page.getByRole('button', { name: 'Create meeting' }).click();
    const participantLink = page.getByLabel('Participant link', { exact: true });
    await participantLink.waitFor({ timeout: UI_MS });
    // The meeting key drawn in this browser rides in the fragments.
    assert.match(await participantLink.inputValue(), /\/m\/[A-Za-z0-9_-]{22}#pub=[A-Za-z0-9_-]{86}$/);
    assert.match(await page.getByLabel('Host link', { exact: true }).inputValue(), /#host=[^&]+&key=[A-Za-z0-9_-]{43}$/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').filter({ hasText: 'You are signed out' }).waitFor({ timeout: UI_MS });
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    await context.close();
  }
});

/** Polls `probe` (→ {ok, seen}) until ok; fails with what it last saw. */
async function waitFor(what, probe, timeout = MEDIA_MS) {
  const deadline = Date.now() + timeout;
  let seen;
  for (;;) {
    const r = await probe();
    if (r.ok) return;
    seen = r.seen;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Video frames decoded and audio samples received so far, per remote participant id. */
async function received(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const s of await window.conclave.stats()) {
      const r = (out[s.participant] ??= { frames: 0, samples: 0 });
      r.frames += s.framesDecoded;
      r.samples += s.totalSamplesReceived;
    }
    return out;
  });
}

const securityCode = async (page) => ((await page.getByLabel('Security code', { exact: true }).textContent()) ?? '').trim();

test('an organiser signs in, creates a meeting, admits a knocking guest who then sees and hears it, and removes her', { timeout: 2 * CASE_MS }, async () => {
  const organiser = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const guest = await browser.newContext({ permissions: ['camera', 'microphone'] });
  try {
    const page = await organiser.newPage();
    await page.goto(new URL('/signin', baseUrl).href);
    await page.getByLabel('User name').fill('Ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as Ada').waitFor({ timeout: UI_MS });
    await page.getByRole('button', { name: 'Create meeting' }).click();
    // The links show once the server has answered: read them only then.
    await page.getByLabel('Participant link', { exact: true }).waitFor({ timeout: UI_MS });
    const participantLink = await page.getByLabel('Participant link', { exact: true }).inputValue();
    const hostLink = await page.getByLabel('Host link', { exact: true }).inputValue();

    // The organiser hosts the meeting from the host link.
    const host = await organiser.newPage();
    await host.goto(hostLink);
    await host.getByLabel('Your name').fill('Ada');
    await host.getByRole('button', { name: 'Join', exact: true }).click();
    await host.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });

    // The guest knocks and waits; the host admits her with the button.
    const grace = await guest.newPage();
    await grace.goto(participantLink);
    await grace.getByLabel('Your name').fill('Grace');
    await grace.getByRole('button', { name: 'Join', exact: true }).click();
    await grace.getByRole('status').filter({ hasText: 'Waiting for the host' }).waitFor({ timeout: UI_MS });
    await host.getByRole('button', { name: 'Admit Grace', exact: true }).click({ timeout: UI_MS });
    await grace.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });

    // Both see and hear each other, under one security code.
    const adaId = await host.evaluate(() => window.conclave.participantId);
    const graceId = await grace.evaluate(() => window.conclave.participantId);
    await waitFor('Grace to decode video and receive audio from Ada, and Ada from Grace', async () => {
      const seen = { grace: (await received(grace))[adaId], ada: (await received(host))[graceId] };
      const ok = [seen.grace, seen.ada].every((r) => r && r.frames > 0 && r.samples > 0);
      return { ok, seen };
    });
    let code;
    await waitFor('one security code on both pages', async () => {
      const codes = [await securityCode(host), await securityCode(grace)];
      code = codes[0];
      return { ok: /^\d{5} \d{5} \d{5} \d{5}$/.test(code) && codes[1] === code, seen: codes };
    });

    // Removed: Grace's page says so and decodes nothing more; Ada's code moves on.
    await host.getByRole('button', { name: 'Remove Grace', exact: true }).click();
    await grace.getByRole('heading', { name: 'You were removed' }).waitFor({ timeout: UI_MS });
    const atRemoval = await received(grace);
    await grace.waitForTimeout(1000);
    assert.deepEqual(await received(grace), atRemoval, 'no frame decoded after removal');
    await waitFor("Ada's security code to change without Grace", async () => {
      const now = await securityCode(host);
      return { ok: /^\d{5}/.test(now) && now !== code, seen: now };
    }, UI_MS);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    await guest.close();
    await organiser.close();
  }
});
