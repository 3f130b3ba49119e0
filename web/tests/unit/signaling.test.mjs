// The signaling link's resume (src/meeting/signaling.ts): after a closed or
// stalled socket, a new one shows the server's token and the last message
// seen; what the page sends meanwhile is queued and flushed; resent
// messages are handled once; a refused resume ends the stay with a reason.
// Driven with a fake WebSocket and node:test's mock timers.
//
// Run from web/: `npm run test:unit`.

import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load.mjs';

globalThis.window ??= globalThis;
globalThis.location ??= { protocol: 'http:', host: 'meet.example', search: '' };

class FakeSocket extends EventTarget {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 3;
  static all = [];
  readyState = FakeSocket.CONNECTING;
  sent = [];
  constructor(url) {
    super();
    this.url = url;
    FakeSocket.all.push(this);
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.dispatchEvent(Object.assign(new Event('close'), { code: 1006, reason: '' }));
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.dispatchEvent(new Event('open'));
  }
  deliver(msg) {
    this.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ v: 1, ...msg }) }));
  }
}
globalThis.WebSocket = FakeSocket;

const { Signaling } = await loadTs('src/meeting/signaling.ts');

/** A joined member: its Signaling, what reached the page, and its first socket. */
async function joined() {
  FakeSocket.all = [];
  const seen = { messages: [], closed: [], resumed: 0 };
  const s = new Signaling('meeting-id', {
    onMessage: (m) => seen.messages.push(m),
    onClose: (reason) => seen.closed.push(reason),
    onResumed: () => seen.resumed++,
  });
  const first = FakeSocket.all[0];
  const opened = s.opened();
  first.open();
  await opened;
  first.deliver({ seq: 1, type: 'welcome', you: 7, participants: [] });
  first.deliver({ seq: 2, type: 'resumable', token: 'tok', grace_s: 30 });
  return { s, seen, first };
}

test('a burst of messages is acknowledged as it comes, not only at the next ping', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  try {
    const { first } = await joined();
    const pings = () => first.sent.filter((m) => m.type === 'ping');
    for (let seq = 3; seq < 128; seq++) first.deliver({ seq, type: 'pong' });
    assert.deepEqual(pings(), [], 'nothing yet: 127 handled, none acknowledged');
    first.deliver({ seq: 128, type: 'pong' });
    assert.deepEqual(pings(), [{ v: 1, type: 'ping', seen: 128 }], 'the 128th since the last acknowledgement');
    for (let seq = 129; seq < 256; seq++) first.deliver({ seq, type: 'pong' });
    assert.equal(pings().length, 1, 'once per 128, not per message');
    first.deliver({ seq: 256, type: 'pong' });
    assert.deepEqual(pings().at(-1), { v: 1, type: 'ping', seen: 256 });
  } finally {
    mock.timers.reset();
  }
});

test('a closed socket is replaced: resume with the token, missed messages once, queued sends flushed', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  try {
    const { s, seen, first } = await joined();
    assert.deepEqual(seen.messages.map((m) => m.type), ['welcome'], 'the token is the link’s, not the page’s');
    first.deliver({ seq: 3, type: 'pong' });
    mock.timers.tick(5_000);
    assert.deepEqual(first.sent.at(-1), { v: 1, type: 'ping', seen: 3 }, 'pings acknowledge what was handled');

    first.close();
    s.send({ type: 'media_state', audio_muted: true, video_muted: false });
    const second = FakeSocket.all[1];
    assert.ok(second, 'a new socket at once');
    second.open();
    assert.deepEqual(second.sent[0], { v: 1, type: 'resume', token: 'tok', seen: 3 });
    second.deliver({ type: 'resumed', you: 7 });
    // The server resends from its last acknowledgement: 3 again, then 4.
    second.deliver({ seq: 3, type: 'pong' });
    second.deliver({ seq: 4, type: 'participant_left', id: 9 });
    assert.deepEqual(seen.messages.map((m) => m.type), ['welcome', 'pong', 'participant_left']);
    assert.equal(seen.resumed, 1);
    assert.equal(second.sent[1].type, 'media_state', 'sent while away, delivered after the resume');
    assert.deepEqual(seen.closed, []);
    s.close();
  } finally {
    mock.timers.reset();
  }
});

test('a stalled socket is replaced while it still stands, after a failed attempt', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  try {
    const { s, seen, first } = await joined();
    mock.timers.tick(8_500);
    const attempt = FakeSocket.all[1];
    assert.ok(attempt, 'silence past the stall limit starts a resume');
    assert.equal(first.readyState, FakeSocket.OPEN, 'the old socket is kept meanwhile');
    // The network is still down: the attempt never connects and is replaced.
    mock.timers.tick(1_100);
    assert.equal(attempt.readyState, FakeSocket.CLOSED);
    mock.timers.tick(100);
    const next = FakeSocket.all[2];
    assert.ok(next, 'a fresh attempt');
    next.open();
    next.deliver({ type: 'resumed', you: 7 });
    assert.equal(first.readyState, FakeSocket.CLOSED, 'the stalled socket is let go');
    assert.equal(seen.resumed, 1);
    s.close();
  } finally {
    mock.timers.reset();
  }
});

test('a hint that the path is gone is checked with one ping, not the full stall limit', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  try {
    const { s, first } = await joined();
    s.suspect();
    assert.equal(first.sent.at(-1).type, 'ping');
    first.deliver({ seq: 3, type: 'pong' });
    mock.timers.tick(3_000);
    assert.equal(FakeSocket.all.length, 1, 'answered: nothing to do');
    s.suspect();
    mock.timers.tick(2_500);
    assert.equal(FakeSocket.all.length, 2, 'unanswered for 2 s: resuming');
    s.close();
  } finally {
    mock.timers.reset();
  }
});

test('a refused resume ends the stay with the reason', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  try {
    const { seen, first } = await joined();
    first.close();
    const second = FakeSocket.all[1];
    second.open();
    second.deliver({ type: 'error', code: 'cannot_resume', message: 'this resume token is unknown or has expired', fatal: true });
    assert.equal(seen.closed.length, 1);
    assert.match(seen.closed[0], /could not be resumed: this resume token is unknown/);
  } finally {
    mock.timers.reset();
  }
});

test('without a token (before welcome) a closed socket ends the stay at once', async () => {
  FakeSocket.all = [];
  const closed = [];
  const s = new Signaling('m', { onMessage: () => undefined, onClose: (r) => closed.push(r) });
  const opened = s.opened();
  FakeSocket.all[0].open();
  await opened;
  FakeSocket.all[0].close();
  assert.equal(FakeSocket.all.length, 1);
  assert.match(closed[0], /closed \(code 1006/);
});
