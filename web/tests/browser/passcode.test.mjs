// A meeting with a passcode: its links carry it (`?passcode=`), so one
// click still opens the meeting and the page passes it on to the signaling
// socket; without it, or with a wrong one, the page answers exactly as for
// a meeting that does not exist.

import assert from 'node:assert/strict';
import { UI_MS, baseUrl, closeAll, newContext, open, scenario, securityCode, waitFor } from './support.mjs';

async function createWithPasscode(passcode) {
  const response = await fetch(new URL('/api/meetings', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ lobby: false, passcode }),
  });
  assert.equal(response.status, 201, 'POST /api/meetings creates a meeting');
  const body = await response.json();
  return { id: body.id, link: new URL(body.link, baseUrl).href };
}

async function title(url) {
  const context = await newContext();
  try {
    const page = await context.newPage();
    const response = await page.goto(url);
    return { status: response?.status(), heading: (await page.getByRole('heading', { level: 1 }).textContent())?.trim() };
  } finally {
    await context.close();
  }
}

scenario('the passcode in the link opens the meeting; without it the meeting does not exist', async () => {
  const { id, link } = await createWithPasscode('tulip 7 harbour');
  assert.match(link, /\?passcode=tulip\+7\+harbour$/);

  const unknown = await title(new URL(`/m/${'A'.repeat(22)}`, baseUrl).href);
  assert.equal(unknown.status, 404);
  for (const url of [new URL(`/m/${id}`, baseUrl).href, new URL(`/m/${id}?passcode=tulip+7+harbor`, baseUrl).href]) {
    assert.deepEqual(await title(url), unknown, `${url} answers like an unknown meeting`);
  }

  const ana = await open(link, 'Ana');
  const ben = await open(link, 'Ben');
  try {
    await waitFor('both to share one security code', async () => {
      const codes = [await securityCode(ana.page), await securityCode(ben.page)];
      return { ok: /^\d{5} \d{5} \d{5} \d{5}$/.test(codes[0]) && codes[0] === codes[1], seen: codes };
    }, UI_MS * 2);
  } finally {
    await closeAll([ana, ben]);
  }
});
