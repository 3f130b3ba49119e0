// End-to-end meetings in real headless Chromium against the real server.
// One browser for the whole suite; one browser context per participant, so
// each has its own fake camera, microphone and cookies.
//
// Run from web/: `npm run test:browser` (the server binary comes from
// $CONCLAVE_BIN, or ../target/debug/conclave; `cargo build -p conclave`).
//
// All media here is end-to-end encrypted (docs/e2ee.md): a decoded remote
// frame is a frame that was SFrame-decrypted with keys from the MLS group.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import {
  baseUrl,
  closeAll,
  createOpenMeeting as createMeeting,
  log,
  MEDIA_MS,
  nativeReport,
  newContext,
  rosterNames,
  scenario,
  securityCode,
  startNative,
  stopNative,
  UI_MS,
  waitFor,
} from './support.mjs';

// The server, the browser (with a fake camera, microphone and, with the
// fake UI, screen: headless Chromium 156 returns a 1280x720 "screen:" track,
// so the screen-share case uses real capture, no stub) and the bounded
// waits come from support.mjs, one of each per test file.

// ----------------------------------------------------------- participants --

/**
 * Opens the meeting link in a fresh context and joins through the UI. With
 * `admittedBy` (a host already in a lobby meeting) the guest first waits
 * and the host clicks "Admit NAME".
 */
async function join(link, name, { initScript, admittedBy } = {}) {
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
  if (admittedBy) {
    await page.getByRole('status').filter({ hasText: 'Waiting for the host' }).waitFor({ timeout: UI_MS });
    await admittedBy.page.getByRole('button', { name: `Admit ${name}`, exact: true }).click({ timeout: UI_MS });
  }
  await page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
  return { name, context, page, clickedAt };
}

/** aria-labels of the remote tiles, sorted. */
async function tileLabels(page) {
  const labels = await page.locator('#grid figure').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  return labels.sort();
}

async function waitForRoster(p, expected, timeout = UI_MS) {
  const want = [...expected].sort();
  return waitFor(`${p.name}'s participant list to be ${JSON.stringify(want)}`, async () => {
    const seen = await rosterNames(p.page);
    return { ok: JSON.stringify(seen) === JSON.stringify(want), seen };
  }, timeout);
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

/** Waits until all show one and the same valid code, not among `old`; returns it. */
async function waitForSameCode(participants, old = []) {
  let code;
  await waitFor(`${participants.map((p) => p.name).join(', ')} to show one new security code`, async () => {
    const seen = await Promise.all(participants.map((p) => securityCode(p.page)));
    code = seen[0];
    const ok = /^\d{5} \d{5} \d{5} \d{5}$/.test(code) && seen.every((c) => c === code) && !old.includes(code);
    return { ok, seen };
  });
  return code;
}

async function e2eeStats(page) {
  return page.evaluate(() => window.conclave.e2ee.stats());
}

// Longer than the worker waits for a frame's unknown key (1 s) before it counts it.
const JOINER_SETTLE_MS = 1_500;

/**
 * What each participant's worker counted so far, from anyone, by name:
 * frames it could not decrypt, and authentic duplicates it dropped.
 */
async function failuresOf(participants) {
  const out = {};
  for (const p of participants) {
    const receivers = (await e2eeStats(p.page))?.receivers ?? [];
    out[p.name] = {
      undecryptable: receivers.reduce((n, r) => n + r.failures, 0),
      duplicates: receivers.reduce((n, r) => n + r.duplicates, 0),
      why: receivers.filter((r) => r.failures > 0).map((r) => `${r.failures} from #${r.participant} ${r.source}: ${r.lastFailure}`),
    };
  }
  return out;
}

function difference(after, before, field) {
  return Object.fromEntries(Object.entries(after).map(([name, n]) => [name, n[field] - (before[name]?.[field] ?? 0)]));
}

/** Worker counters for frames from `name`'s camera as `p` sees them. */
async function cameraCounters(p, name) {
  const ids = await p.page.evaluate(() => [...document.querySelectorAll('ul[aria-label="Participants"] > li')].map((li) => [li.querySelector('.name')?.textContent, Number(li.dataset.participant)]));
  const id = new Map(ids).get(name);
  const stats = await e2eeStats(p.page);
  const entry = stats?.receivers.find((r) => r.participant === id && r.source === 'camera');
  return entry ?? { decrypted: 0, failures: 0, lastFailure: '' };
}

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
    // A lobby meeting: the participant link carries the meeting's public
    // key, the host link its seed (docs/admission.md).
    assert.match(participantLink, /^http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_-]{22}#pub=[A-Za-z0-9_-]{86}$/);
    assert.match(hostLink, /^http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_-]{22}#host=[^&]+&key=[A-Za-z0-9_-]{43}$/);
    assert.equal(await page.getByRole('link', { name: 'Join as host' }).getAttribute('href'), hostLink);

    participants.push(await join(hostLink, 'Alice'));
    const [alice] = participants;
    participants.push(await join(participantLink, 'Bob', { admittedBy: alice }));
    participants.push(await join(participantLink, 'Carol', { admittedBy: alice }));
    const [, bob, carol] = participants;

    log(`Carol (joined last): Join → first decoded remote frame ${await timeToFirstFrame(carol)} ms`);
    const names = participants.map((p) => p.name);
    for (const p of participants) {
      const others = names.filter((n) => n !== p.name);
      await waitForTiles(p, others);
      await waitForMedia(p, others);
      await waitForRoster(p, names);
    }
    // The host link made Alice host, and everyone is told so.
    const aliceInBobsList = bob.page.locator('ul[aria-label="Participants"] > li', { hasText: 'Alice' });
    assert.equal(await aliceInBobsList.locator('.badge-host').count(), 1);
    const carolInAlicesList = alice.page.locator('ul[aria-label="Participants"] > li', { hasText: 'Carol' });
    assert.equal(await carolInAlicesList.locator('.badge-host').count(), 0);
    // The server offers TCP too (iceTcp.test.mjs); where UDP works, media takes UDP and says so.
    for (const p of participants) {
      await waitFor(`${p.name} to be told media travels over UDP`, async () => {
        const text = await p.page.locator('#media-transport').textContent();
        return { ok: text === 'Media over UDP', seen: text };
      }, UI_MS);
    }
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
    // The list shows the MLS group, which loses Carol with the remove commit.
    await waitForRoster(alice, ['Alice', 'Bob']);
    await waitForRoster(bob, ['Alice', 'Bob']);

    await carol.page.getByRole('button', { name: 'Rejoin' }).click();
    await carol.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    await waitForTiles(alice, ['Bob', 'Carol']);
    await waitForTiles(carol, ['Alice', 'Bob']);
    await waitForMedia(alice, ['Carol'], { audio: false });
    await waitForRoster(bob, ['Alice', 'Bob', 'Carol']);
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
      return { ok: /\bmuted\b/.test(text), seen: text };
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

// ------------------------------------------------- end-to-end encryption --

// How long the page may take to say media is not connecting: its grace
// period (8 s) plus margin for a busy machine.
const MEDIA_TROUBLE_MS = 20_000;

scenario('media that cannot connect is explained, not left as black tiles', async () => {
  const { link } = await createMeeting();
  // A port where nothing ever answers: every candidate (UDP and ICE-TCP)
  // of every SDP the server sends is rewritten to name it, as if a
  // firewall dropped both or the server announced an address this browser
  // cannot reach.
  const blackHole = createSocket('udp4');
  await new Promise((resolve) => blackHole.bind(0, '127.0.0.1', resolve));
  const deadPort = blackHole.address().port;
  const context = await newContext();
  try {
    const page = await context.newPage();
    let rewritten = 0;
    await page.routeWebSocket(
      (url) => url.pathname.startsWith('/ws/'),
      (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((text) => server.send(text));
        server.onMessage((text) => {
          const msg = JSON.parse(String(text));
          if (typeof msg.sdp === 'string') {
            msg.sdp = msg.sdp.replace(/^(a=candidate:\S+ \d+ (?:udp|tcp) \d+ \S+ )\d+( typ host)/gim, (_, head, tail) => `${head}${deadPort}${tail}`);
            rewritten++;
          }
          ws.send(JSON.stringify(msg));
        });
      },
    );
    await page.goto(link);
    await page.getByLabel('Your name').fill('Alice');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    const status = page.getByRole('alert').filter({ hasText: 'connect' });
    await status.waitFor({ timeout: MEDIA_TROUBLE_MS }).catch(async (e) => {
      const seen = await page.evaluate(() => ({
        status: document.getElementById('media-status')?.outerHTML,
        publisher: [window.conclave?.publisher?.connectionState, window.conclave?.publisher?.iceConnectionState, window.conclave?.publisher?.remoteDescription?.sdp?.match(/a=candidate.*/g)],
        subscriber: [window.conclave?.subscriber?.connectionState, window.conclave?.subscriber?.iceConnectionState],
      }));
      throw new Error(`${e.message}; rewritten ${rewritten}; page: ${JSON.stringify(seen)}`);
    });
    const text = await status.textContent();
    log(`shown: ${text}`);
    assert.ok(rewritten > 0, 'the server sent SDP with its media address');
    assert.match(text, /UDP/, 'names a firewall blocking UDP as a cause');
    assert.match(text, /--public-ip/, 'names a wrong announced address as a cause');
  } finally {
    await context.close();
    blackHole.close();
  }
});

scenario('no downgrade: a browser without RTCRtpScriptTransform cannot join', async () => {
  const { link } = await createMeeting();
  const context = await newContext();
  try {
    await context.addInitScript(() => {
      delete window.RTCRtpScriptTransform;
    });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByText('This browser cannot encrypt media end to end').waitFor({ timeout: UI_MS });
    assert.equal(await page.getByRole('button', { name: 'Join', exact: true }).isDisabled(), true);
  } finally {
    await context.close();
  }
});

scenario('three browsers show one security code; it changes when a fourth joins and when one leaves', async () => {
  const { link } = await createMeeting();
  const participants = [];
  try {
    for (const name of ['Alice', 'Bob', 'Carol']) participants.push(await join(link, name));
    const [alice, bob, carol] = participants;
    const first = await waitForSameCode(participants);
    for (const p of participants) await waitForRoster(p, ['Alice', 'Bob', 'Carol']);
    for (const p of participants) assert.equal(await p.page.locator('#media-status').isHidden(), true, `${p.name} sees no media connection problem`);
    const detail = await alice.page.locator('#security-detail').textContent();
    assert.match(detail, /Epoch \d+ · Encrypted for 3 participants/);
    assert.deepEqual((await alice.page.evaluate(() => window.conclave.e2ee.members)).sort(), ['Alice', 'Bob', 'Carol']);

    // Every frame a continuing member receives across a join or a leave
    // decrypts: the worker counts any that does not (an epoch change that
    // outran its key, or a key dropped too soon).
    const staying = [alice, bob, carol];
    const undecryptable = {};
    const duplicates = {};
    // Counted from once Carol's own join has settled: frames sent under the
    // epoch before she joined never decrypt for her (she must not hold that
    // key), and each waits UNKNOWN_KEY_WAIT_MS for it before it counts.
    await waitForMedia(carol, ['Alice', 'Bob'], { audio: false });
    await carol.page.waitForTimeout(JOINER_SETTLE_MS);
    let failuresBefore = await failuresOf(staying);

    const dave = await join(link, 'Dave');
    participants.push(dave);
    const second = await waitForSameCode(participants, [first]);
    for (const p of participants) await waitForRoster(p, ['Alice', 'Bob', 'Carol', 'Dave']);
    await waitForMedia(dave, ['Alice', 'Bob', 'Carol'], { audio: false });
    assert.match(await dave.page.locator('#security-detail').textContent(), /Encrypted for 4 participants/);
    await waitForMedia(carol, ['Dave'], { audio: false });
    let failuresAfter = await failuresOf(staying);
    undecryptable['Dave joins'] = difference(failuresAfter, failuresBefore, 'undecryptable');
    duplicates['Dave joins'] = difference(failuresAfter, failuresBefore, 'duplicates');
    failuresBefore = failuresAfter;

    await dave.page.getByRole('button', { name: 'Leave' }).click();
    const third = await waitForSameCode([alice, bob, carol], [first, second]);
    for (const p of [alice, bob, carol]) await waitForRoster(p, ['Alice', 'Bob', 'Carol']);
    log(`security codes: ${first} → ${second} → ${third}`);
    // Media keeps flowing under the new keys.
    await waitForMedia(carol, ['Alice', 'Bob'], { audio: false });
    failuresAfter = await failuresOf(staying);
    undecryptable['Dave leaves'] = difference(failuresAfter, failuresBefore, 'undecryptable');
    duplicates['Dave leaves'] = difference(failuresAfter, failuresBefore, 'duplicates');
    log(`undecryptable frames per join/leave: ${JSON.stringify(undecryptable)}`);
    if (Object.values(undecryptable).some((c) => Object.values(c).some((n) => n > 0))) log(`undecryptable, why: ${JSON.stringify(failuresAfter)}`);
    log(`duplicate frames dropped (already decrypted once) per join/leave: ${JSON.stringify(duplicates)}`);
    for (const [event, counts] of Object.entries(undecryptable)) {
      assert.deepEqual(counts, { Alice: 0, Bob: 0, Carol: 0 }, `no continuing member failed to decrypt a frame when ${event}`);
    }
  } finally {
    await closeAll(participants);
  }
});

scenario('someone the server announces but who never enters the MLS group is only "joining…"', async () => {
  const { link } = await createMeeting();
  const participants = [];
  const lurkerContext = await newContext();
  try {
    for (const name of ['Alice', 'Bob']) participants.push(await join(link, name));
    const [alice, bob] = participants;
    await waitForSameCode(participants);
    // A bare signaling client: joins, never sends a KeyPackage, so it never
    // gets into the group (and never gets keys).
    const lurker = await lurkerContext.newPage();
    await lurker.goto(baseUrl.href);
    const meetingId = new URL(link).pathname.split('/').pop();
    const lurkerId = await lurker.evaluate((id) => new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${location.host}/ws/${id}`);
      window.lurkerSocket = ws;
      ws.onopen = () => ws.send(JSON.stringify({ v: 1, type: 'join' }));
      ws.onmessage = (e) => {
        const msg = JSON.parse(e.data);
        if (msg.type === 'welcome') resolve(msg.you);
      };
      ws.onerror = () => reject(new Error('socket failed'));
    }), meetingId);
    for (const p of participants) {
      // Nobody in the group named it, and the server knows no names.
      await waitFor(`${p.name} to list the lurker as joining`, async () => {
        const seen = await p.page.getByLabel('Joining', { exact: true }).locator('li').allTextContents();
        return { ok: seen.some((t) => t.startsWith(`Participant ${lurkerId} `) && t.includes('joining…')), seen };
      }, UI_MS);
      assert.deepEqual(await rosterNames(p.page), ['Alice', 'Bob'], 'the participant list is the MLS group');
    }
    assert.match(await alice.page.locator('#security-detail').textContent(), /Encrypted for 2 participants/);
    assert.deepEqual((await bob.page.evaluate(() => window.conclave.e2ee.members)).sort(), ['Alice', 'Bob']);
  } finally {
    await lurkerContext.close();
    await closeAll(participants);
  }
});

scenario('encrypted chat: a message typed by one appears for the others, named by the sender\'s introduction in the group', async () => {
  const { link } = await createMeeting();
  const participants = [];
  try {
    for (const name of ['Alice', 'Bob', 'Carol']) participants.push(await join(link, name));
    const [alice, bob, carol] = participants;
    await waitForSameCode(participants);
    const send = bob.page.getByRole('button', { name: 'Send', exact: true });
    await waitFor("Bob's Send button to be enabled", async () => ({ ok: await send.isEnabled(), seen: null }), UI_MS);
    await bob.page.getByLabel('Message', { exact: true }).fill('Hello, this is secret');
    await send.click();
    for (const p of [alice, carol, bob]) {
      await waitFor(`${p.name} to show Bob's message`, async () => {
        const seen = await p.page.getByLabel('Chat', { exact: true }).locator('li').allTextContents();
        return { ok: seen.includes('Bob: Hello, this is secret'), seen };
      }, UI_MS);
    }
    // And back, with Enter.
    await carol.page.getByLabel('Message', { exact: true }).fill('Got it');
    await carol.page.getByLabel('Message', { exact: true }).press('Enter');
    await waitFor("Bob to show Carol's reply", async () => {
      const seen = await bob.page.getByLabel('Chat', { exact: true }).locator('li').allTextContents();
      return { ok: seen.includes('Carol: Got it'), seen };
    }, UI_MS);
  } finally {
    await closeAll(participants);
  }
});

scenario('a receiver with wrong keys decodes nothing while the others keep decoding', async () => {
  const { link } = await createMeeting();
  const participants = [];
  try {
    for (const name of ['Alice', 'Bob']) participants.push(await join(link, name));
    const [alice, bob] = participants;
    await waitForMedia(alice, ['Bob'], { audio: false });

    // Carol's worker gets random keys from the start (the hook is applied to
    // the meeting her Join starts), so not one remote frame is ever decrypted.
    const context = await newContext();
    const page = await context.newPage();
    const carol = { name: 'Carol', context, page };
    participants.push(carol);
    await page.goto(link);
    await page.evaluate(() => window.conclave.e2ee.corruptKeys());
    await page.getByLabel('Your name').fill('Carol');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await waitForSameCode(participants);
    // Frames reach her (packets counted) …
    await waitFor("Carol's worker to count failures for Alice's camera", async () => {
      const seen = await cameraCounters(carol, 'Alice');
      return { ok: seen.failures > 5, seen };
    });
    const before = await cameraCounters(carol, 'Alice');
    const othersBefore = await inbound(alice.page);
    await page.waitForTimeout(3000);
    // … but nothing is decrypted, so nothing is decoded …
    const carolSees = await inbound(page);
    for (const name of ['Alice', 'Bob']) {
      assert.equal(carolSees[name]?.camera ?? 0, 0, `Carol decoded no video from ${name}: ${JSON.stringify(carolSees)}`);
    }
    const after = await cameraCounters(carol, 'Alice');
    assert.equal(after.decrypted, 0);
    assert.ok(after.failures > before.failures, `failures keep rising (${before.failures} → ${after.failures})`);
    assert.equal(after.lastFailure, 'authentication');
    // … while Alice and Bob decode each other, and Carol (whose sending is fine).
    const othersAfter = await inbound(alice.page);
    assert.ok(othersAfter.Bob.camera > othersBefore.Bob.camera + 10, `Alice keeps decoding Bob: ${JSON.stringify({ othersBefore, othersAfter })}`);
    await waitForMedia(bob, ['Alice', 'Carol'], { audio: false });
    log(`wrong keys: Carol counted ${after.failures} failed frames from Alice's camera, decoded 0`);
  } finally {
    await closeAll(participants);
  }
});

scenario('a participant who reloads mid-call decrypts again within seconds, and the codes match', async () => {
  const { link } = await createMeeting();
  const participants = [];
  try {
    for (const name of ['Alice', 'Bob', 'Carol']) participants.push(await join(link, name));
    const [alice, bob, carol] = participants;
    for (const p of participants) await waitForMedia(p, ['Alice', 'Bob', 'Carol'].filter((n) => n !== p.name), { audio: false });
    const before = await waitForSameCode(participants);

    await carol.page.reload();
    // The name is remembered; rejoining is one click.
    assert.equal(await carol.page.getByLabel('Your name').inputValue(), 'Carol');
    const clickedAt = performance.now();
    await carol.page.getByRole('button', { name: 'Join', exact: true }).click();
    await carol.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    await waitForMedia(carol, ['Alice', 'Bob'], { audio: false });
    const decrypting = Math.round(performance.now() - clickedAt);
    const after = await waitForSameCode(participants, [before]);
    for (const p of participants) await waitForRoster(p, ['Alice', 'Bob', 'Carol']);
    await waitForMedia(alice, ['Carol'], { audio: false });
    await waitForMedia(bob, ['Carol'], { audio: false });
    log(`reload: Carol decrypting again ${decrypting} ms after clicking Join; code ${before} → ${after}`);
  } finally {
    await closeAll(participants);
  }
});

scenario('Join → first decrypted remote frame', async () => {
  const { link } = await createMeeting();
  const participants = [];
  try {
    participants.push(await join(link, 'Alice'));
    await waitForSameCode(participants);
    const bob = await join(link, 'Bob');
    participants.push(bob);
    const ms = await timeToFirstFrame(bob);
    const stats = await cameraCounters(bob, 'Alice');
    assert.ok(stats.decrypted > 0);
    log(`Join → first decrypted remote frame: ${ms} ms (Bob joining Alice)`);
  } finally {
    await closeAll(participants);
  }
});

// The native client (`conclave join`: MLS on openmls, SFrame in Rust) next
// to two browsers (ts-mls, SFrame on WebCrypto).
// The native client commits Adds without an update path (RFC 9420 §12.4,
// as ts-mls does): here it is the longest present, so it commits the
// browser's Add, and the browser must join from that Welcome and the pair
// must hear each other under one code.
scenario('a native committer adds a browser without an update path: media both ways', async () => {
  const { link } = await createMeeting();
  const participants = [];
  let native;
  try {
    native = startNative(link, 'Native', ['--duration', '14', '--expect-peers', '1']);
    // The native client creates the group before anyone else arrives.
    await new Promise((r) => setTimeout(r, 3000));
    participants.push(await join(link, 'Alice'));
    const [alice] = participants;
    await waitForRoster(alice, ['Alice', 'Native'], MEDIA_MS);
    await waitForMedia(alice, ['Native']);
    const { report, exitCode: code } = await nativeReport(native);
    assert.equal(code, 0, `native client exited with ${code}; stderr: ${native.stderr.split('\n')[0]}`);
    assert.deepEqual([...report.members].sort(), ['Alice', 'Native']);
    const r = report.received.find((x) => x.name === 'Alice');
    assert.ok(r && r.audio_frames > 0 && r.video_frames > 0, `native decrypted audio and video from Alice: ${JSON.stringify(r)}`);
    assert.equal(r.decrypt_failures, 0, `no frame from Alice failed at the native client: ${JSON.stringify(r)}`);
    assert.ok(report.epoch_times.length >= 2, 'the native client committed Alice\'s Add itself');
  } finally {
    stopNative(native);
    await closeAll(participants);
  }
});

scenario('browser + native client: media both ways, one security code', async () => {
  const { link } = await createMeeting();
  const participants = [];
  let native;
  try {
    for (const name of ['Alice', 'Bob']) participants.push(await join(link, name));
    const [alice, bob] = participants;
    await waitForSameCode(participants);
    native = startNative(link, 'Native', ['--duration', '12', '--expect-peers', '2']);

    // What the browsers show while Native is in: every (epoch, code) seen.
    const shown = { Alice: new Set(), Bob: new Set() };
    const record = async () => {
      for (const p of participants) {
        const e = await p.page.evaluate(() => ({ epoch: window.conclave.e2ee.epoch, code: window.conclave.e2ee.securityCode }));
        shown[p.name].add(`${e.epoch}:${e.code}`);
      }
    };
    for (const p of participants) {
      await waitForRoster(p, ['Alice', 'Bob', 'Native'], MEDIA_MS);
      await waitForTiles(p, [p === alice ? 'Bob' : 'Alice', 'Native']);
      await waitForMedia(p, ['Native']);
      await record();
    }
    const timer = setInterval(() => void record().catch(() => undefined), 500);
    const { report, exitCode: code } = await nativeReport(native);
    clearInterval(timer);
    // What the browsers can vouch for holds whatever the native side did.
    assert.deepEqual([...report.members].sort(), ['Alice', 'Bob', 'Native']);
    for (const name of ['Alice', 'Bob']) {
      assert.ok(shown[name].has(`${report.epoch}:${report.security_code}`), `${name} showed the native's code ${report.security_code} at epoch ${report.epoch}; saw ${[...shown[name]]}`);
    }
    assert.equal(code, 0, `native client exited with ${code}; stderr: ${native.stderr.split('\n')[0]}`);
    for (const name of ['Alice', 'Bob']) {
      const r = report.received.find((x) => x.name === name);
      assert.ok(r, `native received from ${name}`);
      assert.ok(r.audio_frames > 0 && r.video_frames > 0, `native decrypted audio and video from ${name}: ${JSON.stringify(r)}`);
    }
  } finally {
    stopNative(native);
    await closeAll(participants);
  }
});
