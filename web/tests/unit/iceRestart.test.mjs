// When the meeting page restarts ICE (src/meeting/iceRestart.ts): after its
// path was lost, only once signaling has been heard again (an offer sent
// into a dead network would wait out its timeout), again while still not
// connected, and never once connected. Driven with a fake connection and
// node:test's mock timers.
//
// Run from web/: `npm run test:unit`.

import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load.mjs';

globalThis.window ??= globalThis;
const { restartWhenLost } = await loadTs('src/meeting/iceRestart.ts');

/** Lets the restart's promise chain finish (mock timers run callbacks at once, promises later). */
async function settle() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

class FakePc extends EventTarget {
  iceConnectionState = 'connected';
  connectionState = 'connected';
  set(state) {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
}

test('a lost path is restarted once signaling is heard again, and again until connected', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const pc = new FakePc();
    let heardAt = Date.now();
    let restarts = 0;
    const stop = restartWhenLost(pc, () => void restarts++, () => heardAt);
    pc.set('disconnected');
    mock.timers.tick(5_000);
    await settle();
    assert.equal(restarts, 0, 'signaling silent since the loss: no restart into a dead network');
    heardAt = Date.now() + 1; // a pong arrives
    mock.timers.tick(300);
    await settle();
    assert.equal(restarts, 1, 'restarted as soon as signaling was heard');
    heardAt = Date.now() + 1;
    mock.timers.tick(10_000);
    await settle();
    assert.equal(restarts, 2, 'still not connected: restarted again');
    pc.set('connected');
    heardAt = Date.now() + 1;
    mock.timers.tick(30_000);
    await settle();
    assert.equal(restarts, 2, 'connected: no more restarts');
    stop();
  } finally {
    mock.timers.reset();
  }
});

test('a blip that recovers by itself is not restarted, and a stopped watcher does nothing', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const pc = new FakePc();
    let restarts = 0;
    const stop = restartWhenLost(pc, () => void restarts++, () => Date.now());
    pc.set('disconnected');
    mock.timers.tick(1_000);
    pc.set('connected');
    mock.timers.tick(20_000);
    await settle();
    assert.equal(restarts, 0);
    stop();
    pc.set('failed');
    mock.timers.tick(20_000);
    await settle();
    assert.equal(restarts, 0, 'stopped: the meeting ended');
  } finally {
    mock.timers.reset();
  }
});
