// The lobby in real headless Chromium against the real server
// (docs/admission.md): meetings made with the landing page's button, a host
// who joins with the host link, guests who knock with the participant link
// and see nothing of the meeting until a host's click lets them in; deny,
// remove, lock and end. Browser↔native admission is in lobby_native.test.mjs,
// co-hosts and the other host controls in hostControls.test.mjs.
//
// Run from web/: `npm run test:browser` (the server binary comes from
// $CONCLAVE_BIN, or ../target/debug/conclave; `cargo build -p conclave`).

import assert from 'node:assert/strict';
import { loadTs } from '../unit/load.mjs';
import {
  baseUrl,
  closeAll,
  createLobbyMeeting,
  framesDecoded,
  joinAsHost,
  knock,
  log,
  MEDIA_MS,
  nativeReport,
  noAlarm,
  open,
  recordCodes,
  ROSTER,
  rosterNames,
  scenario,
  securityCode,
  startNative,
  stopNative,
  UI_MS,
  waitFor,
  waitForOneCode,
  waitingStatus,
} from './support.mjs';

// How long a waiting guest is watched for any sign of the meeting: longer
// than the first decoded frame takes (~1 s here) once media does flow.
const WAITING_WATCH_MS = 2_000;

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

/** Waits for the native client to finish and checks its report against what `host` showed. */
async function checkNativeReport(native, host, expectedMembers) {
  const codes = await recordCodes(host.page);
  const { report, exitCode } = await nativeReport(native);
  const shown = await codes.stop();
  assert.deepEqual([...report.members].sort(), expectedMembers);
  // Every commit and Welcome was taken as it came: nothing refused, no rejoin, no alarm.
  assert.deepEqual(report.errors, [], 'the native member refused nothing');
  assert.equal(report.rejoins, 0);
  assert.equal(report.tampered, null);
  assert.ok(shown.has(`${report.epoch}:${report.security_code}`), `${host.name} showed the native's code ${report.security_code} at epoch ${report.epoch}; saw ${[...shown]}`);
  assert.equal(exitCode, 0, `native client exited with ${exitCode}; stderr: ${native.stderr.slice(-2000)}`);
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
    stopNative(native);
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
    stopNative(native);
    await closeAll(participants);
  }
});

// docs/admission.md, step 6: the delivery service asks the admitting host
// to commit a knock's Add, not the host who has been in longest (who did
// not admit the knock and would rightly leave it out).
scenario('the admitting host commits the Add even when another host has been in longer', async () => {
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
    stopNative(native);
    await closeAll(participants);
  }
});
