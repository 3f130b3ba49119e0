// Bad networks, measured (issue 11): two Chromium participants and a
// native client in one meeting, each "machine" a network namespace joined
// through a router namespace; only Ann's downlink is impaired, scenario by
// scenario, by the router (loss, delay and jitter through
// tools/netimpair, rate through tbf), as this kernel has no netem. For
// each scenario it prints what Ann receives from Bob (a browser sending
// simulcast) and from Nat (the native client): frame rate, time frozen,
// the height she gets, audio concealment and audio delay.
//
// Not part of the test suite (it takes minutes and depends on the
// machine). Run as root through scripts/network-bench.sh, which builds
// what it needs and can compare two server binaries:
//   node tests/measure/network.mjs --bin ../target/release/conclave --label after [--seconds 40] [--json out.json] [--trace seconds.json]

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: opts } = parseArgs({
  options: {
    bin: { type: 'string', default: '../target/release/conclave' },
    label: { type: 'string', default: 'conclave' },
    seconds: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '10' },
    netimpair: { type: 'string', default: '../tools/netimpair/target/release/netimpair' },
    scenarios: { type: 'string' },
    json: { type: 'string' },
    // Also write what Ann receives second by second, per sender (bitrate,
    // frames, height, losses, round trip), to see when a run goes wrong.
    trace: { type: 'string' },
  },
});
const BIN = resolve(opts.bin);
const NETIMPAIR = resolve(opts.netimpair);
const WINDOW_S = Number(opts.seconds);
const WARMUP_S = Number(opts.warmup);
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** What each scenario does to Ann's downlink (the router's side towards her). */
const SCENARIOS = [
  { name: 'clean', what: 'no impairment' },
  { name: 'delay', what: '80±20 ms', impair: { delay: 80, jitter: 20 } },
  { name: 'loss5', what: '5% loss + 80 ms', impair: { delay: 80, jitter: 0, loss: 0.05 } },
  { name: 'loss15', what: '15% loss', impair: { loss: 0.15 } },
  { name: 'rate500', what: '500 kbit/s', rate: '500kbit' },
  // The link clean again: does the picture come back up? (Run after rate500;
  // alone it is the clean case.)
  { name: 'recovered', what: 'clean again, after 500 kbit/s' },
  // Key changes: someone joins and leaves every 10 s (each a new MLS epoch,
  // so new SFrame keys for every sender); no impairment.
  { name: 'churn', what: 'a join and a leave every 10 s', churn: true },
].filter((s) => !opts.scenarios || opts.scenarios.split(',').includes(s.name));

const tag = `cnb${process.pid % 10000}`;
const NS = { server: `${tag}-srv`, router: `${tag}-rtr`, ann: `${tag}-ann` };
const SERVER = '10.77.1.2';
const ANN = '10.77.2.2';
const QUEUE = 7;

function run(...args) {
  const r = spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const inNs = (ns, ...args) => run('ip', 'netns', 'exec', ns, ...args);

function topology() {
  for (const ns of Object.values(NS)) run('ip', 'netns', 'add', ns);
  for (const ns of Object.values(NS)) inNs(ns, 'ip', 'link', 'set', 'lo', 'up');
  // server <-> router <-> Ann
  run('ip', '-n', NS.server, 'link', 'add', 'up0', 'type', 'veth', 'peer', 'name', 'srv0', 'netns', NS.router);
  run('ip', '-n', NS.ann, 'link', 'add', 'up0', 'type', 'veth', 'peer', 'name', 'ann0', 'netns', NS.router);
  inNs(NS.server, 'ip', 'addr', 'add', `${SERVER}/24`, 'dev', 'up0');
  inNs(NS.ann, 'ip', 'addr', 'add', `${ANN}/24`, 'dev', 'up0');
  inNs(NS.router, 'ip', 'addr', 'add', '10.77.1.1/24', 'dev', 'srv0');
  inNs(NS.router, 'ip', 'addr', 'add', '10.77.2.1/24', 'dev', 'ann0');
  for (const [ns, dev] of [[NS.server, 'up0'], [NS.ann, 'up0'], [NS.router, 'srv0'], [NS.router, 'ann0']]) inNs(ns, 'ip', 'link', 'set', dev, 'up');
  inNs(NS.server, 'ip', 'route', 'add', 'default', 'via', '10.77.1.1');
  inNs(NS.ann, 'ip', 'route', 'add', 'default', 'via', '10.77.2.1');
  inNs(NS.router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
}

function teardown() {
  for (const ns of Object.values(NS)) spawnSync('ip', ['netns', 'del', ns]);
}

let impairer;
function impair(s) {
  if (s.impair) {
    const { delay = 0, jitter = 0, loss = 0 } = s.impair;
    impairer = spawn('ip', ['netns', 'exec', NS.router, NETIMPAIR, '--queue', String(QUEUE), '--delay-ms', String(delay), '--jitter-ms', String(jitter), '--loss', String(loss)], { stdio: 'inherit' });
    inNs(NS.router, 'iptables', '-A', 'FORWARD', '-d', ANN, '-j', 'NFQUEUE', '--queue-num', String(QUEUE));
  }
  if (s.rate) inNs(NS.router, 'tc', 'qdisc', 'add', 'dev', 'ann0', 'root', 'tbf', 'rate', s.rate, 'burst', '15000', 'latency', '250ms');
}

function unimpair(s) {
  if (s.impair) {
    inNs(NS.router, 'iptables', '-D', 'FORWARD', '-d', ANN, '-j', 'NFQUEUE', '--queue-num', String(QUEUE));
    impairer?.kill();
    impairer = undefined;
  }
  if (s.rate) inNs(NS.router, 'tc', 'qdisc', 'del', 'dev', 'ann0', 'root');
}

async function startServer(dir) {
  const server = spawn('ip', ['netns', 'exec', NS.server, BIN, 'serve', '--listen', `${SERVER}:8080`, '--public-ip', SERVER, '--media-port', '0', '--data-dir', dir, '--create-meetings', 'anyone'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Open (http:\/\/\S+)/);
      if (m) ok(new URL(m[1]));
    });
    server.once('exit', (c) => fail(new Error(`server exited (${c})`)));
  });
  return { server, base };
}

async function browserIn(ns, base) {
  const dir = mkdtempSync(join(tmpdir(), 'cnb-chromium-'));
  const wrapper = join(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${CHROMIUM} "$@"\n`, { mode: 0o755 });
  const browser = await chromium.launch({
    executablePath: wrapper,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required', `--unsafely-treat-insecure-origin-as-secure=${base.origin}`],
  });
  return { browser, dir };
}

async function enter(browser, link, name) {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 20_000 });
  return page;
}

/**
 * Ann's receiving stats, per sender's name: cumulative counters and the
 * current height. Read from the connection's own stats, matched to senders
 * through the page's tiles and audio elements, so any version of the page
 * can be measured the same way.
 */
async function receiving(page) {
  return page.evaluate(async () => {
    const names = {};
    for (const li of document.querySelectorAll('ul[aria-label="Participants"] > li')) names[li.dataset.participant] = li.querySelector('.name')?.textContent;
    const senderOfTrack = {};
    for (const el of document.querySelectorAll('figure[data-participant][data-source="camera"] video, audio[data-participant]')) {
      const track = el.srcObject?.getTracks?.()[0];
      const id = el.closest('[data-participant]').dataset.participant;
      if (track) senderOfTrack[track.id] = names[id] ?? id;
    }
    const bySender = {};
    let rtt = null;
    (await window.conclave.subscriber?.getStats())?.forEach((s) => {
      if (s.type === 'candidate-pair' && s.nominated && s.currentRoundTripTime !== undefined) rtt = s.currentRoundTripTime * 1000;
      if (s.type !== 'inbound-rtp') return;
      const sender = senderOfTrack[s.trackIdentifier];
      if (sender === undefined) return;
      const r = (bySender[sender] ??= {});
      r.bytes = (r.bytes ?? 0) + (s.bytesReceived ?? 0);
      r.lost = (r.lost ?? 0) + (s.packetsLost ?? 0);
      if (s.kind === 'video') {
        r.frames = (r.frames ?? 0) + (s.framesDecoded ?? 0);
        r.freezeS = (r.freezeS ?? 0) + (s.totalFreezesDuration ?? 0);
        r.freezes = (r.freezes ?? 0) + (s.freezeCount ?? 0);
        r.height = Math.max(r.height ?? 0, s.frameHeight ?? 0);
      } else {
        r.samples = (r.samples ?? 0) + (s.totalSamplesReceived ?? 0);
        r.concealed = (r.concealed ?? 0) + (s.concealedSamples ?? 0);
        r.jbDelay = (r.jbDelay ?? 0) + (s.jitterBufferDelay ?? 0);
        r.jbCount = (r.jbCount ?? 0) + (s.jitterBufferEmittedCount ?? 0);
      }
    });
    return { bySender, rtt };
  });
}

async function measure(page, senders, trace) {
  const heights = {};
  const rtts = [];
  const first = await receiving(page);
  const t0 = performance.now();
  let before = first;
  while (performance.now() - t0 < WINDOW_S * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await receiving(page);
    for (const s of senders) (heights[s] ??= []).push(now.bySender[s]?.height ?? 0);
    if (now.rtt !== null) rtts.push(now.rtt);
    const second = { t: Math.round((performance.now() - t0) / 1000), rttMs: now.rtt, senders: {} };
    for (const s of senders) {
      const a = before.bySender[s] ?? {};
      const b = now.bySender[s] ?? {};
      const d = (k) => (b[k] ?? 0) - (a[k] ?? 0);
      second.senders[s] = { kbps: Math.round((8 * d('bytes')) / 1000), frames: d('frames'), height: b.height ?? 0, lost: d('lost'), frozenS: Number(d('freezeS').toFixed(2)) };
    }
    trace.push(second);
    before = now;
  }
  const last = await receiving(page);
  const seconds = (performance.now() - t0) / 1000;
  const out = {};
  for (const s of senders) {
    const a = first.bySender[s] ?? {};
    const b = last.bySender[s] ?? {};
    const d = (k) => (b[k] ?? 0) - (a[k] ?? 0);
    const hs = heights[s] ?? [];
    out[s] = {
      fps: d('frames') / seconds,
      frozenS: d('freezeS') * (40 / seconds),
      freezes: d('freezes') * (40 / seconds),
      heightMedian: hs.sort((x, y) => x - y)[Math.floor(hs.length / 2)] ?? 0,
      concealedPct: d('samples') > 0 ? (100 * d('concealed')) / d('samples') : null,
      jitterBufferMs: d('jbCount') > 0 ? (1000 * d('jbDelay')) / d('jbCount') : null,
    };
  }
  rtts.sort((x, y) => x - y);
  return { senders: out, rttMs: rtts[Math.floor(rtts.length / 2)] ?? null };
}

/** A native guest joins for 5 s every 10 s until stopped. */
function churn(link) {
  let n = 0;
  let child;
  const next = () => {
    n += 1;
    child = spawn('ip', ['netns', 'exec', NS.server, BIN, 'join', link, '--name', `Guest ${n}`, '--duration', '5'], { stdio: 'ignore' });
  };
  next();
  const timer = setInterval(next, 10_000);
  return { stop: () => { clearInterval(timer); child?.kill(); } };
}

async function main() {
  topology();
  const dataDir = mkdtempSync(join(tmpdir(), 'cnb-data-'));
  const cleanups = [];
  try {
    const { server, base } = await startServer(dataDir);
    cleanups.push(() => server.kill());
    // The server is in its own namespace: ask from there.
    const ask = `fetch(${JSON.stringify(new URL('/api/meetings', base).href)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"lobby":false}' }).then((r) => r.text()).then((t) => process.stdout.write(t))`;
    const created = JSON.parse(inNs(NS.server, process.execPath, '-e', ask));
    const link = new URL(created.link, base).href;
    const annB = await browserIn(NS.ann, base);
    const bobB = await browserIn(NS.server, base);
    cleanups.push(async () => { await annB.browser.close(); await bobB.browser.close(); rmSync(annB.dir, { recursive: true }); rmSync(bobB.dir, { recursive: true }); });
    const ann = await enter(annB.browser, link, 'Ann');
    await enter(bobB.browser, link, 'Bob');
    const nat = spawn('ip', ['netns', 'exec', NS.server, BIN, 'join', link, '--name', 'Nat', '--duration', String((WINDOW_S + WARMUP_S + 10) * SCENARIOS.length + 60)], { stdio: 'ignore' });
    cleanups.push(() => nat.kill());
    await new Promise((r) => setTimeout(r, 10_000));
    const results = [];
    const traces = [];
    for (const s of SCENARIOS) {
      impair(s);
      try {
        await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
        const senders = Object.keys((await receiving(ann)).bySender);
        const guests = s.churn ? churn(link) : undefined;
        const seconds = [];
        const m = await measure(ann, senders, seconds);
        traces.push({ scenario: s.name, seconds });
        guests?.stop();
        results.push({ scenario: s.name, what: s.what, ...m });
        console.error(`${opts.label} ${s.name}: ${JSON.stringify(m)}`);
      } finally {
        unimpair(s);
      }
      await new Promise((r) => setTimeout(r, 5_000));
    }
    if (opts.trace) writeFileSync(opts.trace, JSON.stringify({ label: opts.label, traces }, null, 1));
    if (opts.json) writeFileSync(opts.json, JSON.stringify({ label: opts.label, results }, null, 2));
    printTable(results);
  } finally {
    for (const c of cleanups.reverse()) await c();
    impairer?.kill();
    teardown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function printTable(results) {
  const f = (v, d = 0) => (v === null || v === undefined ? '–' : v.toFixed(d));
  console.log(`| ${opts.label} | scenario | sender | fps | frozen s / 40 s | freezes / 40 s | height | audio concealed % | audio jitter buffer ms | RTT ms |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    for (const [sender, m] of Object.entries(r.senders)) {
      console.log(`| ${opts.label} | ${r.what} | ${sender} | ${f(m.fps, 1)} | ${f(m.frozenS, 1)} | ${f(m.freezes, 0)} | ${m.heightMedian || '–'} | ${f(m.concealedPct, 1)} | ${f(m.jitterBufferMs)} | ${f(r.rttMs)} |`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
