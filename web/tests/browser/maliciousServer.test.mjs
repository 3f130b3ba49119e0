// A malicious delivery service in front of real browsers (docs/admission.md,
// "What every enforcing client checks"): the real server runs the meeting,
// and maliciousKit.mjs's `Wire` (Playwright's routeWebSocket) sits between
// it and a browser, rewriting, dropping and injecting signaling messages.
// The same attacks as crates/client/tests/malicious_admission.rs plays
// against the native client: a guest asked to add an intruder, a swapped
// KeyPackage for an admitted knock, and commits no host made (by a member
// who is no host, and an outsider's external commit) reaching members.
// Every attack must fail: nobody is added, and a member shown a bad commit
// leaves the group with the "tampered" alarm and decrypts nothing more.
//
// Run from web/: `node --test tests/browser/maliciousServer.test.mjs`.

import assert from 'node:assert/strict';
import {
  admit,
  closeAll,
  createLobbyMeeting,
  framesDecoded,
  knock,
  log,
  noAlarm,
  participantId,
  rosterNames,
  scenario,
  securityCode,
  UI_MS,
  waitFor,
  waitForFrames,
  waitForOneCode,
} from './support.mjs';
import {
  decryptedFrames,
  externalCommit,
  keyPackageFor,
  linkParts,
  nodeGuest,
  openBehind,
  rogueAddCommit,
} from './maliciousKit.mjs';

// How long a refused joiner is watched for any key or decrypted frame:
// well past the ~1 s an admitted guest takes to decode its first frame.
const REFUSED_WATCH_MS = 3_000;
// After an alarm: long enough for frames in flight to have arrived.
const AFTER_ALARM_MS = 1_500;
// A participant id no one in these meetings has.
const INTRUDER = 4242;

/** A browser host behind a malicious service; resolves once its group exists. */
async function hostBehind(hostLink, name) {
  const p = await openBehind(hostLink, name);
  await p.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
  await waitFor(`${name}'s security code`, async () => {
    const code = await securityCode(p.page);
    return { ok: /^\d{5} \d{5} \d{5} \d{5}$/.test(code), seen: code };
  }, UI_MS);
  return p;
}

/** A guest behind a malicious service who knocks; resolves once the waiting status shows. */
async function knockBehind(link, name) {
  const p = await openBehind(link, name);
  await p.page.getByRole('status').filter({ hasText: 'Waiting for the host' }).waitFor({ timeout: UI_MS });
  return p;
}

const epochOf = (p) => p.page.evaluate(() => window.conclave.e2ee.epoch);

/** Asserts `p` shows the alarm naming `reason`, holds no keys, and decrypts nothing from here on. */
async function assertAlarmAndSilence(p, reason) {
  const alarm = p.page.getByRole('alert').filter({ hasText: 'tampered' });
  await alarm.waitFor({ timeout: UI_MS });
  const text = await alarm.textContent();
  assert.match(text, /membership was tampered with/, `${p.name}'s alarm`);
  assert.match(text, reason, `${p.name}'s alarm says why`);
  assert.equal(await p.page.getByRole('heading', { name: 'Encryption stopped' }).count(), 1, `${p.name} stopped encryption`);
  assert.equal(await epochOf(p), null, `${p.name} discarded the group state`);
  assert.equal(await p.page.getByRole('button', { name: 'Leave' }).count(), 0, `${p.name} is out of the meeting and did not rejoin`);
  // As the alarm says, the page no longer sees or hears anyone: no
  // receiver is left to decrypt or decode a frame, now or a moment later.
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(await decryptedFrames(p.page), {}, `${p.name}'s E2EE worker decrypts nothing after the alarm`);
    assert.deepEqual(await framesDecoded(p.page), {}, `${p.name} decodes nothing after the alarm`);
    assert.equal(await epochOf(p), null, `${p.name} holds no keys after the alarm`);
    if (i === 0) await p.page.waitForTimeout(AFTER_ALARM_MS);
  }
}

scenario('a guest asked by the server to add an intruder "a host admitted" commits no Add', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  try {
    const alice = await hostBehind(hostLink, 'Alice');
    participants.push(alice);
    const grace = await knockBehind(link, 'Grace');
    participants.push(grace);
    await admit(alice, grace);
    await waitForOneCode([alice, grace], ['Alice', 'Grace']);
    const epoch = await epochOf(grace);
    const graceId = await participantId(grace);

    // The server asks Grace (no host) to commit the Add of an intruder's
    // valid KeyPackage, marked as a knock a host admitted. Her answer is
    // kept from the real server, which never asked for it.
    const { keyPackage } = await keyPackageFor(INTRUDER, linkParts(link).publicKey);
    grace.wire.holdBack = (m) => m.type === 'mls_commit';
    const mark = grace.wire.fromPage.length;
    grace.wire.inject({ type: 'mls_commit_request', epoch, adds: [{ participant: INTRUDER, key_package: keyPackage, knock: true }], removes: [], update: false });
    const answer = await grace.wire.sent("Grace's answer to the commit request", (m) => m.type === 'mls_commit' && m.epoch === epoch, mark);
    assert.deepEqual(answer.added, [], 'the guest adds nobody');
    assert.equal(answer.welcome, undefined, 'and sends no Welcome');
    assert.deepEqual(answer.removed, []);

    // Not just what she claims: her commit, accepted and delivered to the
    // host, is one the host takes (an Add by a guest would raise the alarm),
    // and both end in the same epoch with the same two members.
    grace.wire.inject({ type: 'mls_commit_accepted', epoch });
    alice.wire.inject({ type: 'mls_commit', epoch, from: graceId, commit: answer.commit });
    await waitFor('both to take the guest\'s commit', async () => {
      const seen = { epochs: [await epochOf(alice), await epochOf(grace)], codes: [await securityCode(alice.page), await securityCode(grace.page)] };
      return { ok: seen.epochs.every((e) => e === epoch + 1) && seen.codes[0] === seen.codes[1], seen };
    }, UI_MS);
    for (const p of [alice, grace]) {
      assert.deepEqual(await rosterNames(p.page), ['Alice', 'Grace'], `${p.name} lists no intruder`);
      assert.deepEqual(await p.page.evaluate(() => window.conclave.e2ee.members), ['Alice', 'Grace']);
    }
    await noAlarm(participants);
  } finally {
    await closeAll(participants);
  }
});

scenario('a KeyPackage swapped into an admitted knock is left out of the host\'s commit, and the knocker gets no keys', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  try {
    const alice = await hostBehind(hostLink, 'Alice');
    participants.push(alice);
    const aliceId = await participantId(alice);
    const grace = await knock(link, 'Grace');
    participants.push(grace);
    const { participant: graceId } = await alice.wire.received('the knock relayed to Alice', (m) => m.type === 'knock');

    // The server swaps in another valid KeyPackage for the same participant
    // (one whose private keys it holds) whenever it asks Alice to add Grace.
    const { keyPackage: swapped } = await keyPackageFor(graceId, linkParts(link).publicKey);
    const swaps = [];
    alice.wire.rewrite = (m) => {
      if (m.type !== 'mls_commit_request' || !m.adds.some((a) => a.participant === graceId)) return m;
      swaps.push(m.epoch);
      return { ...m, adds: m.adds.map((a) => (a.participant === graceId ? { ...a, key_package: swapped } : a)) };
    };
    const mark = alice.wire.fromPage.length;
    await alice.page.getByRole('button', { name: 'Admit Grace', exact: true }).click({ timeout: UI_MS });
    const admitted = await alice.wire.sent('Alice\'s admit', (m) => m.type === 'admit', mark);
    assert.equal(admitted.participant, graceId);
    assert.notEqual(admitted.key_package, swapped, 'Alice admitted the KeyPackage sealed in the knock');
    const commit = await alice.wire.sent('Alice\'s commit', (m) => m.type === 'mls_commit', mark);
    assert.deepEqual(swaps, [commit.epoch], 'the server did ask Alice to add the swapped KeyPackage');
    assert.deepEqual(commit.added, [], 'the swapped Add is left out');
    assert.equal(commit.welcome, undefined, 'and no Welcome goes to anyone');

    // Grace is not let in: no keys, no code, nothing decrypted, while
    // Alice's media is flowing to the meeting.
    await grace.page.waitForTimeout(REFUSED_WATCH_MS);
    assert.equal(await epochOf(grace), null, 'Grace holds no group state');
    assert.doesNotMatch(await securityCode(grace.page), /\d/, 'Grace shows no security code');
    assert.equal((await decryptedFrames(grace.page))[aliceId] ?? 0, 0, 'Grace decrypted no frame of Alice');
    assert.equal((await framesDecoded(grace.page))[aliceId] ?? 0, 0, 'Grace decoded no frame of Alice');
    assert.deepEqual(await alice.page.evaluate(() => window.conclave.e2ee.members), ['Alice'], 'the group is Alice alone');
    assert.deepEqual(await rosterNames(alice.page), ['Alice']);
    await noAlarm([alice]);
  } finally {
    await closeAll(participants);
  }
});

scenario('a member who is no host adds someone, and an outsider commits itself in: each browser raises the "tampered" alarm and decrypts nothing more', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  let mallory;
  const t0 = performance.now();
  const step = (what) => log(`  ${what} after ${Math.round(performance.now() - t0)} ms`);
  try {
    const alice = await hostBehind(hostLink, 'Alice');
    participants.push(alice);
    const grace = await knockBehind(link, 'Grace');
    participants.push(grace);
    await admit(alice, grace);
    step('Grace in');
    // Mallory, played in Node, knocks for real and Alice admits her by a
    // click: she holds a real member's state of the browsers' group.
    mallory = await nodeGuest(link, 'Mallory');
    await alice.page.getByRole('button', { name: 'Admit Mallory', exact: true }).click({ timeout: UI_MS });
    await waitForOneCode([alice, grace], ['Alice', 'Grace', 'Mallory']);
    step('Mallory in');
    const aliceId = await participantId(alice);
    const graceId = await participantId(grace);
    await waitFor('Mallory in the browsers\' epoch', async () => {
      const seen = { mallory: mallory.client?.epoch ?? null, alice: await epochOf(alice), grace: await epochOf(grace) };
      return { ok: seen.mallory !== null && Number(seen.mallory) === seen.alice && seen.alice === seen.grace, seen };
    }, UI_MS);
    assert.deepEqual(mallory.tampered, [], 'Mallory herself took the group as valid');
    // Media flows both ways before the attack, so "nothing more" means something.
    await waitForFrames(grace, aliceId, 'Grace decoding Alice');
    await waitForFrames(alice, graceId, 'Alice decoding Grace');
    step('media flowing both ways');

    // Mallory adds an intruder with a roster entry that says Alice admitted
    // it; the server relays it to Grace. To Alice it relays an outsider's
    // external commit made from a GroupInfo Mallory handed out. Both are
    // valid MLS for this epoch: only the admission rules can refuse them.
    const { keyPackage } = await keyPackageFor(INTRUDER, mallory.publicKey);
    const rogue = await rogueAddCommit(mallory, { participant: INTRUDER, name: 'Intruder', keyPackage, claimedHost: aliceId });
    const external = await externalCommit(mallory, INTRUDER + 1);
    grace.wire.inject({ type: 'mls_commit', epoch: rogue.epoch, from: mallory.id, commit: rogue.commit });
    alice.wire.inject({ type: 'mls_commit', epoch: external.epoch, from: INTRUDER + 1, commit: external.commit });

    await assertAlarmAndSilence(grace, /not a host/);
    await assertAlarmAndSilence(alice, /outside the group/);
    step('both alarms raised and silence checked');
    for (const p of participants) {
      assert.equal(p.wire.fromPage.filter((m) => m?.type === 'mls_rejoin').length, 0, `${p.name} did not ask back in`);
      assert.ok(!p.wire.fromPage.some((m) => m?.type === 'mls_commit' && m.added?.includes(INTRUDER)), `${p.name} added no intruder`);
    }
  } finally {
    await mallory?.close();
    await closeAll(participants);
  }
});
