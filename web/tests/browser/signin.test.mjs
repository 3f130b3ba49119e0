// Organiser sign-in (issue 7, item 2), in real headless Chromium against
// the real server started with `--create-meetings organisers`: the landing
// page offers "Sign in" instead of a button that would fail, a wrong
// password is told as such, and after signing in "Create meeting" gives
// the participant and host links.
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
];

const SERVER_START_MS = 30_000;
const UI_MS = 10_000;
const CASE_MS = 60_000;
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
