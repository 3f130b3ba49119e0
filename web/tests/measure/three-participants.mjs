// Measures the server with three browser participants in one meeting:
// CPU (from /proc/<pid>/stat over a steady window) and peak memory (VmHWM).
// Not part of the test suite (timing depends on the machine); run by hand:
//   CONCLAVE_BIN=../target/release/conclave node tests/measure/three-participants.mjs [seconds]
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { chromium } from 'playwright-core';

const BIN = process.env.CONCLAVE_BIN ?? '../target/release/conclave';
const HOLD_S = Number(process.argv[2] ?? 30);
const TICKS = 100; // USER_HZ on Linux

const server = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--media-port', '0', '--data-dir', joinPath(mkdtempSync(joinPath(tmpdir(), 'conclave-measure-')), 'data')], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/Open (http:\/\/\S+)/);
    if (m) resolve(m[1]);
  });
  server.once('exit', () => reject(new Error('server exited')));
});
const cpu = () => {
  const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS; // utime + stime, seconds
};
const status = (key) => Number(readFileSync(`/proc/${server.pid}/status`, 'utf8').match(new RegExp(`${key}:\\s+(\\d+)`))[1]);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'],
});
// No lobby: the three join at once (docs/admission.md).
const res = await fetch(new URL('/api/meetings', base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ lobby: false }) });
const { link } = await res.json();
const pages = [];
for (const name of ['Alice', 'Bob', 'Carol']) {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(new URL(link, base).href);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  pages.push(page);
}
const decoded = async (page) => page.evaluate(async () => {
  const stats = await window.conclave.subscriber?.getStats();
  let frames = 0;
  stats?.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0; });
  return frames;
});
const deadline = Date.now() + 30_000;
for (const page of pages) {
  while ((await decoded(page)) < 30) {
    if (Date.now() > deadline) throw new Error('media never flowed');
    await new Promise((r) => setTimeout(r, 200));
  }
}
const cpu0 = cpu();
const t0 = performance.now();
const framesBefore = await Promise.all(pages.map(decoded));
await new Promise((r) => setTimeout(r, HOLD_S * 1000));
const seconds = (performance.now() - t0) / 1000;
const cpuUsed = cpu() - cpu0;
const framesAfter = await Promise.all(pages.map(decoded));
const result = {
  participants: 3,
  window_s: Number(seconds.toFixed(1)),
  server_cpu_percent_of_one_core: Number((100 * cpuUsed / seconds).toFixed(1)),
  server_peak_rss_mib: Number((status('VmHWM') / 1024).toFixed(1)),
  server_rss_now_mib: Number((status('VmRSS') / 1024).toFixed(1)),
  decoded_fps_per_receiver: framesAfter.map((f, i) => Number(((f - framesBefore[i]) / seconds).toFixed(1))),
};
console.log(JSON.stringify(result));
await browser.close();
server.kill('SIGINT');
