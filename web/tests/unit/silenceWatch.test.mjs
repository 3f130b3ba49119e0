// When the receiving connection counts as silent (src/meeting/silenceWatch.ts):
// once per quiet spell after bytes used to arrive, never before anything
// arrived, and not while bytes keep coming. Driven with a fake connection
// whose stats the test sets, and node:test's mock timers.
//
// Run from web/: `npm run test:unit`.

import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load.mjs';

globalThis.window ??= globalThis;
const { watchSilence, receivedBytes } = await loadTs('src/meeting/silenceWatch.ts');

class FakePc {
  connectionState = 'connected';
  bytes = 0;
  async getStats() {
    return new Map([
      ['T1', { type: 'transport', bytesReceived: this.bytes }],
      ['I1', { type: 'inbound-rtp', bytesReceived: 999 }],
    ]);
  }
}

async function tick(ms) {
  for (let t = 0; t < ms; t += 250) {
    mock.timers.tick(250);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

test('transport bytes are what counts', () => {
  assert.equal(receivedBytes(new Map([['a', { type: 'transport', bytesReceived: 5 }], ['b', { type: 'inbound-rtp', bytesReceived: 7 }]])), 5);
});

test('silence is reported once per quiet spell, and only after bytes used to arrive', async () => {
  mock.timers.enable({ apis: ['setInterval', 'Date'] });
  try {
    const pc = new FakePc();
    let silent = 0;
    const stop = watchSilence(pc, () => void silent++);
    await tick(5_000);
    assert.equal(silent, 0, 'never connected: not silence');
    for (let i = 0; i < 10; i++) {
      pc.bytes += 1000;
      await tick(500);
    }
    assert.equal(silent, 0, 'bytes keep coming');
    await tick(1_000);
    assert.equal(silent, 0, 'a second of nothing is no silence yet');
    await tick(1_000);
    assert.equal(silent, 1);
    await tick(5_000);
    assert.equal(silent, 1, 'once per spell');
    pc.bytes += 1000;
    await tick(500);
    await tick(2_500);
    assert.equal(silent, 2, 'a new spell after bytes came again');
    stop();
    await tick(5_000);
    assert.equal(silent, 2, 'stopped');
  } finally {
    mock.timers.reset();
  }
});
