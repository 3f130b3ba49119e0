// The media worker (src/e2ee/worker.ts) driven as the browser drives it, but
// in Node: a sender worker and a receiver worker, each its own module
// instance with its own `self`, fed fake RTCRtpScriptTransform streams and
// 'epoch' messages as the page would post them. Time is real but short:
// frames wait only for keys the test hands over a moment later.
//
// Run from web/: `npm run test:unit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load.mjs';

// The worker prunes keys 10 s after a change and gives up on a key after
// 10 s: timers that long must not keep the test process alive either.
const setTimeout0 = globalThis.setTimeout;
globalThis.setTimeout = (f, ms, ...args) => {
  const timer = setTimeout0(f, ms, ...args);
  if (ms >= 1_000) timer.unref();
  return timer;
};

const SENDER = { participant: 14, leaf: 0 };
const RECEIVER = { participant: 15, leaf: 1 };
const MEMBERS = [
  [SENDER.participant, SENDER.leaf],
  [RECEIVER.participant, RECEIVER.leaf],
];

/**
 * One worker instance: the module is bundled and imported afresh, with a
 * fresh `self`, so no key or counter is shared between workers or tests.
 */
async function startWorker() {
  const posted = [];
  const scope = { onrtctransform: null, onmessage: null, postMessage: (m) => posted.push(m) };
  globalThis.self = scope;
  // The worker reports every second; that may not keep the test process alive.
  const setInterval0 = globalThis.setInterval;
  globalThis.setInterval = (f, ms) => setInterval0(f, ms).unref();
  try {
    await loadTs('src/e2ee/worker.ts');
  } finally {
    globalThis.setInterval = setInterval0;
  }
  let requests = 0;
  return {
    scope,
    epoch(epoch, baseKey, leaf, sendAfterMs = 0) {
      scope.onmessage({ data: { type: 'epoch', epoch, baseKey: Uint8Array.from(baseKey), leaf, members: MEMBERS, sendAfterMs } });
    },
    /** A transform: frames pushed in come out (or not) on `out`. */
    transform(options) {
      let push;
      const readable = new ReadableStream({ start: (c) => (push = (frame) => c.enqueue(frame)) });
      const out = [];
      const writable = new WritableStream({ write: (frame) => void out.push(frame) });
      scope.onrtctransform({ transformer: { readable, writable, options, generateKeyFrame: async () => undefined, sendKeyFrameRequest: async () => undefined } });
      return { push: (bytes) => push({ data: Uint8Array.from(bytes).buffer }), out };
    },
    async stats() {
      const requestId = ++requests;
      scope.onmessage({ data: { type: 'stats', requestId } });
      const found = posted.find((m) => m.requestId === requestId);
      assert.ok(found, 'the worker answers a stats request at once');
      return found;
    },
  };
}

/** Polls until `check()` is true, failing after `ms`. */
async function until(what, check, ms = 3_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const key = (n) => new Array(16).fill(n);

async function encryptedFrame(sender, bytes) {
  const before = sender.out.length;
  sender.push(bytes);
  await until('the sender to encrypt a frame', () => sender.out.length > before);
  return new Uint8Array(sender.out[sender.out.length - 1].data);
}

function receiverCounters(stats) {
  return stats.receivers.find((r) => r.participant === SENDER.participant) ?? { decrypted: 0, failures: 0 };
}

test('a frame of the next epoch waits for its key even after a frame from before our join gave up', async () => {
  const senderWorker = await startWorker();
  const receiverWorker = await startWorker();
  const sender = senderWorker.transform({ role: 'encrypt', kind: 'audio', context: 0 });
  const receiver = receiverWorker.transform({ role: 'decrypt', id: '0', kind: 'audio', participant: SENDER.participant, source: 'microphone' });

  // Epoch 1: the receiver is not in the group yet. Its frame arrives before
  // the receiver has any key, so it waits, then gives up when the key of
  // the receiver's own join (epoch 2) arrives: it was never meant for it.
  senderWorker.epoch(1, key(1), SENDER.leaf);
  receiver.push(await encryptedFrame(sender, [1, 2, 3]));
  await new Promise((r) => setTimeout(r, 50));
  receiverWorker.epoch(2, key(2), RECEIVER.leaf);
  senderWorker.epoch(2, key(2), SENDER.leaf);
  await until('the pre-join frame to be counted', async () => receiverCounters(await receiverWorker.stats()).failures === 1);
  receiver.push(await encryptedFrame(sender, [4, 5, 6]));
  await until('the epoch 2 frame to decrypt', async () => receiverCounters(await receiverWorker.stats()).decrypted === 1);

  // Epoch 3: the committer sends under it before the receiver has processed
  // the commit. That frame must wait for the key, not fail at once because
  // an earlier frame of another epoch gave up in the same key generation.
  senderWorker.epoch(3, key(3), SENDER.leaf);
  receiver.push(await encryptedFrame(sender, [7, 8, 9]));
  await new Promise((r) => setTimeout(r, 100));
  receiverWorker.epoch(3, key(3), RECEIVER.leaf);
  await until('the epoch 3 frame to decrypt', async () => receiverCounters(await receiverWorker.stats()).decrypted === 2);
  const counters = receiverCounters(await receiverWorker.stats());
  assert.equal(counters.failures, 1, `only the frame from before the join fails (last: ${counters.lastFailure})`);
  assert.deepEqual([...new Uint8Array(receiver.out.at(-1).data)], [7, 8, 9]);
});

test('a frame two epochs ahead keeps waiting while the epoch between arrives', async () => {
  const senderWorker = await startWorker();
  const receiverWorker = await startWorker();
  const sender = senderWorker.transform({ role: 'encrypt', kind: 'audio', context: 0 });
  const receiver = receiverWorker.transform({ role: 'decrypt', id: '0', kind: 'audio', participant: SENDER.participant, source: 'microphone' });
  senderWorker.epoch(5, key(5), SENDER.leaf);
  receiverWorker.epoch(5, key(5), RECEIVER.leaf);

  // Two quick commits: the sender is at epoch 7 while the receiver has yet
  // to process both; epoch 6 arriving must not end the wait for 7.
  senderWorker.epoch(7, key(7), SENDER.leaf);
  receiver.push(await encryptedFrame(sender, [42]));
  await new Promise((r) => setTimeout(r, 50));
  receiverWorker.epoch(6, key(6), RECEIVER.leaf);
  await new Promise((r) => setTimeout(r, 50));
  receiverWorker.epoch(7, key(7), RECEIVER.leaf);
  await until('the epoch 7 frame to decrypt', async () => receiverCounters(await receiverWorker.stats()).decrypted === 1);
  assert.equal(receiverCounters(await receiverWorker.stats()).failures, 0);
});

test('after a join the sender keeps the old key a moment, so a member still on it decodes without waiting', async () => {
  const senderWorker = await startWorker();
  const receiverWorker = await startWorker();
  const sender = senderWorker.transform({ role: 'encrypt', kind: 'audio', context: 0 });
  const receiver = receiverWorker.transform({ role: 'decrypt', id: '0', kind: 'audio', participant: SENDER.participant, source: 'microphone' });
  senderWorker.epoch(1, key(1), SENDER.leaf);
  receiverWorker.epoch(1, key(1), RECEIVER.leaf);

  // The sender processed the join's commit; the receiver has not yet.
  senderWorker.epoch(2, key(2), SENDER.leaf, 800);
  receiver.push(await encryptedFrame(sender, [1]));
  await until('a frame under the old key to decrypt without epoch 2', async () => receiverCounters(await receiverWorker.stats()).decrypted === 1);
  // After the delay the new key is used: it waits for the receiver's commit.
  await new Promise((r) => setTimeout(r, 900));
  receiver.push(await encryptedFrame(sender, [2]));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(receiverCounters(await receiverWorker.stats()).decrypted, 1, 'the new epoch\'s frame waits for its key');
  receiverWorker.epoch(2, key(2), RECEIVER.leaf);
  await until('the new epoch frame to decrypt', async () => receiverCounters(await receiverWorker.stats()).decrypted === 2);

  // A removal (no delay) switches at once, even while a delayed switch is pending.
  senderWorker.epoch(3, key(3), SENDER.leaf, 10_000);
  senderWorker.epoch(4, key(4), SENDER.leaf, 0);
  receiverWorker.epoch(3, key(3), RECEIVER.leaf);
  receiverWorker.epoch(4, key(4), RECEIVER.leaf);
  const frame = await encryptedFrame(sender, [3]);
  // KID 4 (context 0, leaf 0, epoch bits 4) fits the header's first byte.
  assert.equal((frame[0] >> 4) & 0x07, 4, 'sent under epoch 4, not the pending 3');
  receiver.push(frame);
  await until('the epoch 4 frame to decrypt', async () => receiverCounters(await receiverWorker.stats()).decrypted === 3);
  assert.equal(receiverCounters(await receiverWorker.stats()).failures, 0);
});
