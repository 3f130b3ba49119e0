// Names that deceive (issue 6, item 7), in real headless Chromium against the
// real server, which knows no names (docs/e2ee.md, "Names"): a name made of
// zero-width characters or ending in "(host)" never gets past the page, and
// the server is never told a name at all; a member whose credential carries
// a name (the old form) is shown as an unknown member with an alarm and
// without the host's badge; one who introduces itself as "Victoria (host)"
// is shown as "Participant <id>"; two people called the same are told apart.
//
// Run from web/: `node --test tests/browser/names.test.mjs` (the server
// binary comes from $CONCLAVE_BIN, or ../target/debug/conclave).

import assert from 'node:assert/strict';
import { createOpenMeeting, newContext, log, ROSTER, scenario, signalingRecord, UI_MS, waitFor } from './support.mjs';

async function openPrejoin(link, label, { initScript, camera = true } = {}) {
  const context = await newContext();
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`[${label}] page error: ${e.message}`));
  await page.goto(link);
  // Fewer encoders on a 2-core machine: only those whose tiles are looked at send video.
  if (!camera) await page.getByRole('button', { name: 'Camera', exact: true }).click();
  return { context, page };
}

async function join(link, name, options = {}) {
  const p = await openPrejoin(link, name, options);
  await p.page.getByLabel('Your name').fill(name);
  await p.page.getByRole('button', { name: 'Join', exact: true }).click();
  await p.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
  return { name, ...p };
}

/** What a person sees of each roster row: name, tag, badges, whether it raises an alarm. */
async function rosterRows(page) {
  return page.locator(ROSTER).evaluateAll((rows) =>
    rows.map((li) => ({
      name: li.querySelector('.name')?.textContent ?? null,
      tag: li.querySelector('.name-tag')?.textContent ?? null,
      badges: [...li.querySelectorAll('.badge')].map((b) => b.dataset.badge),
      text: li.innerText,
    })),
  );
}

scenario('a zero-width-only name and "Victoria (host)" are refused before joining, and no name ever reaches the server', async () => {
  const { link } = await createOpenMeeting();
  const { context, page } = await openPrejoin(link, 'refused', { camera: false });
  try {
    const error = page.locator('#name-error');
    for (const [name, reason] of [
      ['\u200b\u200b\u200b', /invisible characters \(U\+200B\)/],
      ['Victoria (host)', /cannot end in "\(host\)"/],
    ]) {
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await error.waitFor({ state: 'visible', timeout: UI_MS });
      assert.match(await error.textContent(), reason);
      assert.equal(await page.getByLabel('Your name').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#meeting').isVisible(), false, `${JSON.stringify(name)} did not get into the meeting`);
    }
    // A valid name gets in, and the server is told none: `join` has no name.
    await page.getByLabel('Your name').fill('Ramona Fairweather');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    const joins = signalingRecord().filter((r) => r.dir === 'in' && r.msg.type === 'join');
    assert.ok(joins.length > 0, 'the server recorded the join');
    for (const { msg } of joins) assert.equal('name' in msg, false, JSON.stringify(msg));
    assert.equal(signalingRecord().some((r) => JSON.stringify(r.msg).includes('Ramona')), false, 'no message in or out names her');
  } finally {
    await context.close();
  }
});

// Modified clients. Mallory puts a name in her MLS credential (the old
// form, which no client reads any more); Mel introduces herself as
// "Victoria (host)", a name the rules refuse. Mallory joins first, so she
// creates the group and everyone's list holds her leaf.
function credentialCarriesAName() {
  const encode = TextEncoder.prototype.encode;
  // Her own identity is the first one the page encodes (for her KeyPackage);
  // others' are left alone, so she still adds them to the group.
  let own = null;
  TextEncoder.prototype.encode = function (text) {
    if (typeof text === 'string' && /^\{"participant":\d+\}$/.test(text)) {
      own ??= text;
      if (text === own) text = JSON.stringify({ participant: JSON.parse(text).participant, name: 'Victoria (host)' });
    }
    return encode.call(this, text);
  };
}

function introducesItselfAsTheHost() {
  const encode = TextEncoder.prototype.encode;
  TextEncoder.prototype.encode = function (text) {
    if (typeof text === 'string' && text.startsWith('{"type":"introduce"')) text = JSON.stringify({ type: 'introduce', name: 'Victoria (host)' });
    return encode.call(this, text);
  };
}

scenario('a named credential is an unknown member without the host badge, a "Victoria (host)" introduction is ignored, and two Alices are told apart', async () => {
  const { link, hostLink } = await createOpenMeeting();
  const participants = [];
  try {
    participants.push(await join(link, 'Mallory', { initScript: credentialCarriesAName, camera: false }));
    participants.push(await join(hostLink, 'Victoria', { camera: false }));
    participants.push(await join(link, 'Mel', { initScript: introducesItselfAsTheHost, camera: false }));
    participants.push(await join(link, 'Alice'));
    participants.push(await join(link, 'Alice'));
    const victoria = participants[1];
    const melId = await participants[2].page.evaluate(() => window.conclave.participantId);

    let rows;
    await waitFor("Victoria's list to hold the fake leaf, herself, Mel and both Alices, named", async () => {
      rows = await rosterRows(victoria.page);
      const alices = rows.filter((r) => r.name === 'Alice').length;
      return { ok: rows.length === 5 && alices === 2, seen: rows };
    });

    // The real host: her own row carries the host badge (an element, not text).
    const real = rows.filter((r) => r.badges.includes('host'));
    assert.equal(real.length, 1, `exactly one row has the host badge: ${JSON.stringify(rows)}`);
    assert.equal(real[0].name, 'Victoria');
    assert.ok(real[0].badges.includes('you'));
    // The named credential: an unknown member with an alarm, no host
    // badge, and its claimed name shown nowhere as a name.
    const fake = rows.filter((r) => r.badges.includes('alarm'));
    assert.equal(fake.length, 1, `only the unreadable leaf raises the alarm: ${JSON.stringify(rows)}`);
    assert.equal(fake[0].name, 'Unknown member');
    assert.ok(!fake[0].badges.includes('host'));
    assert.match(fake[0].text, /Cannot tell who this is/);
    assert.ok(!rows.some((r) => r.name?.includes('(host)')));
    // Mel's refused introduction: she is "Participant <id>", with no alarm.
    const mel = rows.find((r) => r.name === `Participant ${melId}`);
    assert.ok(mel, `Mel is listed by her id: ${JSON.stringify(rows)}`);
    assert.ok(!mel.badges.includes('alarm') && !mel.badges.includes('host'));
    // Screen readers hear the mark as a warning, not as part of a name.
    assert.match(await victoria.page.locator(`${ROSTER} .badge-alarm`).getAttribute('aria-label'), /^warning/);

    // Two Alices: same name, different tags, so the rows read differently.
    const alices = rows.filter((r) => r.name === 'Alice');
    assert.ok(alices.every((r) => /^#\d+$/.test(r.tag ?? '')), JSON.stringify(alices));
    assert.notEqual(alices[0].tag, alices[1].tag);
    assert.notEqual(alices[0].text, alices[1].text);
    // Victoria has no look-alike: no tag.
    assert.equal(real[0].tag, null);

    // Their tiles too.
    await waitFor("Victoria's two Alice tiles to carry different labels", async () => {
      const seen = await victoria.page.locator('#grid figure[data-source="camera"]').evaluateAll((figs) =>
        figs.map((f) => ({ label: f.getAttribute('aria-label'), tag: f.querySelector('figcaption .name-tag')?.textContent ?? null })),
      );
      const alice = seen.filter((t) => t.label?.startsWith('Alice'));
      const ok = alice.length === 2 && alice[0].label !== alice[1].label && alice.every((t) => t.tag !== null && t.label === `Alice ${t.tag}`);
      return { ok, seen };
    });
  } finally {
    await Promise.all(participants.map((p) => p.context.close().catch(() => undefined)));
  }
});
