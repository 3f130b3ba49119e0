// Host controls in real browsers (docs/admission.md, "Co-hosts" and "Other
// host controls"): a host makes a guest co-host by sealing the meeting key
// to the box key of her knock, leaves, and the co-host admits the next
// knocker herself; a host mutes a participant; a host turns screen sharing
// off for participants.
//
// Run from web/: `npm run test:browser` (needs `cargo build -p conclave`).

import assert from 'node:assert/strict';
import {
  admit,
  closeAll,
  createLobbyMeeting,
  idOf,
  joinAsHost,
  knock,
  log,
  noAlarm,
  ROSTER,
  scenario,
  UI_MS,
  waitFor,
  waitForFrames,
  waitForOneCode,
} from './support.mjs';

/** The text of `p`'s list row for the member named `name`. */
async function rowText(p, name) {
  return (await p.page.locator(ROSTER, { has: p.page.locator('.name', { hasText: new RegExp(`^${name}$`) }) }).textContent()) ?? '';
}

async function waitForRow(p, name, pattern, what) {
  await waitFor(`${p.name}'s row of ${name} to show ${what}`, async () => {
    const text = await rowText(p, name);
    return { ok: pattern.test(text), seen: text };
  }, UI_MS);
}

scenario('a host makes a guest co-host and leaves; the co-host admits the next knocker, who decodes her video', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  try {
    const alice = await joinAsHost(hostLink, 'Alice');
    participants.push(alice);
    const grace = await knock(link, 'Grace');
    participants.push(grace);
    await admit(alice, grace);
    await waitForOneCode([alice, grace], ['Alice', 'Grace']);
    assert.equal(await grace.page.getByRole('heading', { name: 'Waiting to join' }).isVisible(), false, 'a guest has no lobby panel');

    // Bob knocks while Alice is the only host: his knock reaches Grace
    // with her promotion, sealed to the meeting key she now holds.
    const bob = await knock(link, 'Bob');
    participants.push(bob);
    await alice.page.getByRole('button', { name: 'Admit Bob', exact: true }).waitFor({ timeout: UI_MS });
    await alice.page.getByRole('button', { name: 'Make Grace co-host', exact: true }).click({ timeout: UI_MS });
    await grace.page.getByRole('status').filter({ hasText: 'made you a co-host' }).waitFor({ timeout: UI_MS });
    await grace.page.getByRole('button', { name: 'Admit Bob', exact: true }).waitFor({ timeout: UI_MS });
    await waitForRow(alice, 'Grace', /co-host/, 'the co-host badge');
    assert.equal(await alice.page.getByRole('button', { name: 'Make Grace co-host' }).count(), 0, 'promoted once');

    await alice.page.getByRole('button', { name: 'Leave' }).click();
    await waitForOneCode([grace], ['Grace']);
    const clickedAt = performance.now();
    await admit(grace, bob);
    const graceId = await idOf(bob, 'Grace');
    await waitForFrames(bob, graceId, "Bob's first decoded frame from Grace");
    log(`co-host Admit click → Bob's first decoded frame: ${Math.round(performance.now() - clickedAt)} ms`);
    await waitForOneCode([grace, bob], ['Bob', 'Grace']);
    // The roster says Grace is a host (her own endorsed entry) who let Bob in.
    await waitForRow(bob, 'Grace', /co-host/, 'the co-host badge');
    await waitForRow(bob, 'Bob', /admitted by Grace/, 'who admitted him');
    await noAlarm([grace, bob]);
  } finally {
    await closeAll(participants);
  }
});

scenario('a host mutes a guest, who sees why and can unmute; with screen sharing off, her share stops and the button is disabled', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  try {
    const alice = await joinAsHost(hostLink, 'Alice');
    participants.push(alice);
    const grace = await knock(link, 'Grace');
    participants.push(grace);
    await admit(alice, grace);

    await alice.page.getByRole('button', { name: 'Mute Grace', exact: true }).click({ timeout: UI_MS });
    await grace.page.getByRole('status').filter({ hasText: 'A host muted your microphone' }).waitFor({ timeout: UI_MS });
    await grace.page.getByRole('button', { name: 'Unmute', exact: true }).waitFor({ timeout: UI_MS });
    assert.equal(await grace.page.evaluate(() => window.conclave.publisher.getSenders().find((s) => s.track?.kind === 'audio')?.track.enabled), false, 'her microphone track is off');
    await waitForRow(alice, 'Grace', /\bmuted\b/, 'muted');
    assert.equal(await alice.page.getByRole('button', { name: 'Mute Grace' }).count(), 0, 'no Mute for someone muted');
    await grace.page.getByRole('button', { name: 'Unmute', exact: true }).click();
    await waitFor("Alice's row of Grace to lose the muted badge", async () => {
      const text = await rowText(alice, 'Grace');
      return { ok: !/\bmuted\b/.test(text), seen: text };
    }, UI_MS);

    const share = grace.page.locator('#toggle-screen');
    await share.click();
    await grace.page.getByRole('button', { name: 'Stop sharing' }).waitFor({ timeout: UI_MS });
    await alice.page.getByRole('button', { name: 'Stop participants sharing screens', exact: true }).click();
    await alice.page.getByRole('button', { name: 'Let participants share screens', exact: true }).waitFor({ timeout: UI_MS });
    await waitFor("Grace's share to stop and her button to be disabled", async () => {
      const seen = { text: await share.textContent(), disabled: await share.isDisabled() };
      return { ok: seen.text === 'Share screen' && seen.disabled, seen };
    }, UI_MS);
    assert.match(await grace.page.locator('#sharing-status').textContent(), /host has turned off screen sharing/);
    assert.equal(await alice.page.locator('#toggle-screen').isDisabled(), false, 'hosts may still share');
    await waitForRow(alice, 'Grace', /^(?!.*sharing screen)/, 'no screen share');

    await alice.page.getByRole('button', { name: 'Let participants share screens', exact: true }).click();
    await waitFor("Grace's share button to be enabled again", async () => ({ ok: !(await share.isDisabled()), seen: await share.isDisabled() }), UI_MS);
  } finally {
    await closeAll(participants);
  }
});
