// Large-meeting forwarding as a participant meets it: on a server started
// with `--last-n 1`, each page gets the camera of its most recent speaker
// only. The other camera's tile shows the name and says why, and no frame
// of it is decoded; pinning that tile brings its picture, unpinning pauses
// it again. A native client (which sends no audio level, so it never moves
// up the speaking order) is the one held back.
//
// Run from web/: `npm run test:browser` (needs `cargo build -p conclave`).

import assert from 'node:assert/strict';

process.env.CONCLAVE_TEST_SERVER_ARGS = JSON.stringify(['--last-n', '1']);
const { closeAll, createOpenMeeting, framesDecoded, idOf, log, MEDIA_MS, noAlarm, open, scenario, startNative, stopNative, UI_MS, waitFor, waitForFrames } =
  await import('./support.mjs');

const PAUSED_NOTE = 'Video paused: not among the recent speakers';

function cameraTile(page, id) {
  return page.locator(`figure.tile[data-participant="${id}"][data-source="camera"]`);
}

scenario('with --last-n 1 a page gets one camera, sees why the other is paused, and a pin brings it back', async () => {
  const { link } = await createOpenMeeting();
  const participants = [];
  let native;
  try {
    const alice = await open(link, 'Alice');
    participants.push(alice);
    await alice.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    const bob = await open(link, 'Bob');
    participants.push(bob);
    await bob.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    native = startNative(link, 'Native Guest', ['--duration', '40']);
    const bobId = await idOf(alice, 'Bob');
    const nativeId = await idOf(alice, 'Native Guest');

    // Bob came before the native client and is the one Alice gets.
    await waitForFrames(alice, bobId, "Alice to decode Bob's camera");
    const tile = cameraTile(alice.page, nativeId);
    await waitFor("the native client's tile to say it is paused", async () => {
      const paused = (await tile.count()) === 1 && (await tile.getAttribute('data-paused')) === 'true';
      return { ok: paused, seen: paused };
    }, UI_MS);
    assert.ok(await tile.getByText(PAUSED_NOTE).isVisible(), 'the tile says why');
    assert.ok(await tile.locator('video').isHidden(), 'no frozen picture');
    assert.equal(await cameraTile(alice.page, bobId).getAttribute('data-paused'), 'false');
    // Some seconds on, still nothing of it decoded: the SFU sends none.
    await new Promise((r) => setTimeout(r, 2_000));
    assert.equal((await framesDecoded(alice.page))[nativeId] ?? 0, 0, 'a paused camera sends no frames');

    // Pinned, it flows whoever speaks, and Bob's camera stays too.
    const pin = tile.getByRole('button', { name: 'Pin', exact: true });
    await pin.click({ timeout: UI_MS });
    const waited = await waitForFrames(alice, nativeId, "Alice to decode the pinned native camera");
    log(`pinned camera: first frame ${waited} ms after the click`);
    assert.equal(await tile.getAttribute('data-paused'), 'false');
    assert.equal(await tile.getByRole('button', { name: 'Unpin', exact: true }).getAttribute('aria-pressed'), 'true');
    const bobBefore = (await framesDecoded(alice.page))[bobId];
    await waitFor("Bob's camera to keep flowing beside the pin", async () => {
      const frames = await framesDecoded(alice.page);
      return { ok: frames[bobId] > bobBefore + 10, seen: frames };
    }, MEDIA_MS);

    // Unpinned, it is paused again.
    await tile.getByRole('button', { name: 'Unpin', exact: true }).click({ timeout: UI_MS });
    await waitFor('the unpinned tile to pause again', async () => {
      const paused = await tile.getAttribute('data-paused');
      return { ok: paused === 'true', seen: paused };
    }, UI_MS);

    // Bob is held back the native camera the same way, without any pin.
    const bobTile = cameraTile(bob.page, nativeId);
    assert.equal(await bobTile.getAttribute('data-paused'), 'true');
    await noAlarm(participants);
  } finally {
    stopNative(native);
    await closeAll(participants);
  }
  // What a native client is told is checked by the Rust test `last_n.rs`.
});
