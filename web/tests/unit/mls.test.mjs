// The browser's MLS member (src/e2ee/mls.ts) against itself, through a small
// stand-in for the server's delivery service that follows docs/e2ee.md:
// first KeyPackage creates the group, later ones are committed by the
// longest-present member, first commit per epoch wins.
//
// Run from web/: `npm run test:unit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load.mjs';

const mls = await loadTs('src/e2ee/mls.ts');

/** A fake delivery service with the server's ordering rules, driven by hand. */
class FakeDeliveryService {
  constructor() {
    this.clients = new Map(); // participant → { client, inbox, info[], chats[] }
    this.members = []; // in order of joining
    this.epoch = null;
    this.outstanding = null;
    this.applications = [];
  }

  connect(participant, name, { identityParticipant = participant } = {}) {
    const entry = { participant, name, infos: [], chats: [], problems: [], removed: false, rejoins: [], sent: [], renamed: 0 };
    const send = (msg) => {
      const wire = JSON.parse(JSON.stringify(msg, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
      entry.sent.push(wire);
      this.receive(participant, wire);
    };
    entry.client = new mls.MlsClient(identityParticipant, name, send, {
      epoch: (info) => entry.infos.push(info),
      chat: (from, text) => entry.chats.push({ from: from.name, text }),
      names: () => (entry.renamed += 1),
      removed: () => (entry.removed = true),
      rejoining: (reason) => entry.rejoins.push(reason),
      problem: (m) => entry.problems.push(m),
    });
    this.clients.set(participant, entry);
    return entry;
  }

  deliver(participant, msg) {
    const entry = this.clients.get(participant);
    if (entry) void entry.client.handle(msg);
  }

  receive(from, msg) {
    switch (msg.type) {
      case 'mls_key_package':
        if (this.epoch === null && this.members.length === 0 && !this.creator) {
          this.creator = from;
          this.deliver(from, { type: 'mls_create_group' });
        } else {
          this.request({ adds: [{ participant: from, key_package: msg.key_package }], removes: [] });
        }
        break;
      case 'mls_group_created':
        this.members.push(from);
        this.epoch = 0;
        break;
      case 'mls_commit': {
        const o = this.outstanding;
        if (!o || o.committer !== from || msg.epoch !== this.epoch) {
          this.deliver(from, { type: 'mls_commit_rejected', epoch: msg.epoch, reason: 'not asked' });
          break;
        }
        this.outstanding = null;
        this.epoch += 1;
        this.deliver(from, { type: 'mls_commit_accepted', epoch: msg.epoch });
        for (const m of this.members) if (m !== from && !msg.removed.includes(m)) this.deliver(m, { type: 'mls_commit', epoch: msg.epoch, from, commit: msg.commit });
        // As the real service: members are what the committer says it committed.
        this.members = this.members.filter((m) => !o.removes.includes(m));
        for (const p of msg.added) {
          if (msg.welcome) this.deliver(p, { type: 'mls_welcome', welcome: msg.welcome });
          this.members.push(p);
        }
        break;
      }
      case 'mls_rejoin':
        this.rejoined = { participant: from, key_package: msg.key_package };
        break;
      case 'mls_application':
        // As the server: to the members listed in `to`, else to every other member.
        this.applications.push({ from, msg });
        for (const m of this.members) {
          if (m !== from && (msg.to === undefined || msg.to.includes(m))) this.deliver(m, { type: 'mls_application', epoch: msg.epoch, from, message: msg.message });
        }
        break;
      default:
        throw new Error(`unexpected ${msg.type}`);
    }
  }

  request({ adds, removes, update = false }) {
    const committer = this.members.find((m) => !removes.includes(m));
    this.outstanding = { committer, adds, removes };
    this.deliver(committer, { type: 'mls_commit_request', epoch: this.epoch, adds, removes, update });
  }

  async settle() {
    // Operations chain through promises; a few rounds let every queue drain.
    for (let i = 0; i < 20; i++) {
      await Promise.all([...this.clients.values()].map((c) => c.client.idle()));
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

const last = (entry) => entry.infos.at(-1);
/** The members' names as `entry` shows them now (introductions arrive between epochs). */
const names = (entry) => entry.client.members.map((m) => m.name);
const commits = (entry) => entry.sent.filter((m) => m.type === 'mls_commit');
const hex = (b) => Buffer.from(b).toString('hex');

test('three members agree on keys and code every epoch; chat; removal', async () => {
  const ds = new FakeDeliveryService();
  const alice = ds.connect(1, 'Alice');
  await alice.client.start();
  await ds.settle();
  assert.equal(last(alice).epoch, 0n);
  assert.deepEqual(names(alice), ['Alice']);
  assert.match(last(alice).securityCode, /^\d{5} \d{5} \d{5} \d{5}$/);

  const bob = ds.connect(2, 'Bob "B" \\ Ü');
  await bob.client.start();
  await ds.settle();
  assert.equal(last(alice).epoch, 1n);
  assert.equal(last(bob).epoch, 1n);
  assert.equal(hex(last(alice).baseKey), hex(last(bob).baseKey));
  assert.equal(last(alice).securityCode, last(bob).securityCode);
  assert.notEqual(last(alice).securityCode, alice.infos[0].securityCode, 'the code changes with the epoch');
  // Without admission every name comes from the member's own introduction.
  assert.deepEqual(bob.client.members.map((m) => [m.participant, m.name]), [[1, 'Alice'], [2, 'Bob "B" \\ Ü']]);
  assert.deepEqual(alice.client.members.map((m) => [m.participant, m.name]), [[1, 'Alice'], [2, 'Bob "B" \\ Ü']]);
  assert.ok(bob.renamed > 0 && alice.renamed > 0, 'an introduction is announced as a change of names');
  assert.equal(last(bob).ownLeaf, 1);

  const carol = ds.connect(3, 'Carol');
  await carol.client.start();
  await ds.settle();
  for (const p of [alice, bob, carol]) assert.equal(last(p).epoch, 2n);
  assert.equal(new Set([alice, bob, carol].map((p) => last(p).securityCode)).size, 1);
  assert.equal(new Set([alice, bob, carol].map((p) => hex(last(p).baseKey))).size, 1);

  await carol.client.sendChat('hello from Carol');
  await ds.settle();
  assert.deepEqual(alice.chats, [{ from: 'Carol', text: 'hello from Carol' }]);
  assert.deepEqual(bob.chats, [{ from: 'Carol', text: 'hello from Carol' }]);

  // An empty update commit (periodic rekey).
  ds.request({ adds: [], removes: [], update: true });
  await ds.settle();
  for (const p of [alice, bob, carol]) assert.equal(last(p).epoch, 3n);
  assert.equal(new Set([alice, bob, carol].map((p) => last(p).securityCode)).size, 1);

  // Bob leaves: removed by participant id, gets no further keys (the
  // service does not even send him the commit that removes him).
  const bobKeys = bob.infos.length;
  ds.request({ adds: [], removes: [2] });
  await ds.settle();
  assert.equal(bob.infos.length, bobKeys);
  assert.deepEqual(names(alice), ['Alice', 'Carol']);
  assert.equal(last(alice).securityCode, last(carol).securityCode);
  assert.equal(last(alice).epoch, 4n);
  for (const p of [alice, bob, carol]) assert.deepEqual(p.problems, []);
});

test('an Add whose credential names another participant is left out', async () => {
  const ds = new FakeDeliveryService();
  const alice = ds.connect(1, 'Alice');
  await alice.client.start();
  await ds.settle();
  // Participant 2's KeyPackage claims to be participant 7.
  const mallory = ds.connect(2, 'Mallory', { identityParticipant: 7 });
  await mallory.client.start();
  await ds.settle();
  assert.equal(mallory.infos.length, 0, 'never got keys');
  assert.deepEqual(names(alice), ['Alice']);
  assert.equal(last(alice).epoch, 1n, 'the committer still answered with an (empty) commit');
});

test('a rejected commit is discarded and the winning one processed', async () => {
  const ds = new FakeDeliveryService();
  const alice = ds.connect(1, 'Alice');
  await alice.client.start();
  await ds.settle();
  const bob = ds.connect(2, 'Bob');
  await bob.client.start();
  await ds.settle();
  // Ask Bob to commit, but let a commit from Alice win: Alice asked by hand.
  ds.outstanding = { committer: 1, adds: [], removes: [] };
  const sent = [];
  const originalReceive = ds.receive.bind(ds);
  ds.receive = (from, msg) => (msg.type === 'mls_commit' ? sent.push({ from, msg }) : originalReceive(from, msg));
  ds.deliver(1, { type: 'mls_commit_request', epoch: 1, adds: [], removes: [], update: true });
  ds.deliver(2, { type: 'mls_commit_request', epoch: 1, adds: [], removes: [], update: true });
  await ds.settle();
  assert.equal(sent.length, 2);
  ds.receive = originalReceive;
  for (const { from, msg } of sent) ds.receive(from, msg);
  await ds.settle();
  assert.equal(last(alice).epoch, 2n);
  assert.equal(last(bob).epoch, 2n);
  assert.equal(last(alice).securityCode, last(bob).securityCode);
});

test('security code: four groups of five digits from bytes [5i, 5i+5)', async () => {
  const { securityCode } = await loadTs('src/e2ee/securityCode.ts');
  const auth = new Uint8Array(32);
  assert.equal(securityCode(auth), '00000 00000 00000 00000');
  auth.set([0xff, 0xff, 0xff, 0xff, 0xff], 0); // 1099511627775 % 100000 = 27775
  auth.set([0, 0, 0, 0x01, 0x00], 5); // 256
  auth.set([0, 0, 0x01, 0x86, 0xa0], 10); // 100000 → 0
  auth.set([0, 0, 0x01, 0x86, 0xa1], 15); // 100001 → 1
  assert.equal(securityCode(auth), '27775 00256 00000 00001');
});

test('a junk KeyPackage is left out and the commit says exactly what it carries', async () => {
  const ds = new FakeDeliveryService();
  const alice = ds.connect(1, 'Alice');
  await alice.client.start();
  await ds.settle();
  const bob = ds.connect(2, 'Bob');
  // Bob's KeyPackage reaches the service, which batches it with a junk one.
  const realRequest = ds.request.bind(ds);
  ds.request = ({ adds, removes }) => realRequest({ adds: [{ participant: 9, key_package: '3q2+7w==' }, ...adds], removes });
  await bob.client.start();
  await ds.settle();
  const [commit] = commits(alice);
  assert.deepEqual(commit.added, [2]);
  assert.deepEqual(commit.removed, []);
  assert.ok(commit.welcome);
  assert.equal(last(bob).epoch, 1n);
  assert.deepEqual(last(bob).members.map((m) => m.participant), [1, 2]);
});

test('every leaf is listed: an unreadable credential is an unknown member, never dropped', async () => {
  for (const sneaky of [
    { identityParticipant: 2 ** 53 + 1 }, // an id browsers cannot represent
  ]) {
    const ds = new FakeDeliveryService();
    const mallory = ds.connect(1, 'Mallory', sneaky);
    await mallory.client.start();
    await ds.settle();
    const bob = ds.connect(2, 'Bob');
    await bob.client.start();
    await ds.settle();
    const members = last(bob).members;
    assert.equal(members.length, 2, JSON.stringify(sneaky));
    assert.deepEqual(members[0], { leaf: 0, participant: null, name: null });
    assert.deepEqual(members[1], { leaf: 1, participant: 2, name: 'Bob' });
  }
});

test('credentials are read byte-exactly, as the native client reads them', async () => {
  const read = (text) => mls.parseCredential({ credentialType: 'basic', identity: new TextEncoder().encode(text) });
  assert.deepEqual(read('{"participant":2}'), { participant: 2 });
  assert.deepEqual(read('{"participant":9007199254740991}'), { participant: 9007199254740991 });
  assert.equal(new TextDecoder().decode(mls.credentialIdentity(2)), '{"participant":2}');
  for (const junk of [
    '{"participant":2,"name":"Bob"}', // the old form: a name the server could read
    '{"participant": 2}',
    '{"participant":2.0}',
    '{"participant":2e0}',
    '{"participant":2,"host":true}',
    '{"participant":-1}',
    '{"participant":"2"}',
    ' {"participant":2}',
    '{"participant":2}\n',
    '{"participant":9007199254740993}',
    '[2]',
    '',
  ]) {
    assert.equal(read(junk), null, junk);
  }
});

test('a member that cannot process a commit rejoins instead of being stranded', async () => {
  const ds = new FakeDeliveryService();
  const alice = ds.connect(1, 'Alice');
  await alice.client.start();
  await ds.settle();
  const bob = ds.connect(2, 'Bob');
  await bob.client.start();
  await ds.settle();
  ds.deliver(2, { type: 'mls_commit', epoch: 1, from: 1, commit: '3q2+7w==' });
  await ds.settle();
  assert.equal(bob.rejoins.length, 1);
  assert.equal(bob.client.epoch, null, 'the unusable state is gone');
  assert.equal(ds.rejoined.participant, 2);
  // The service removes the stale leaf, then adds the fresh KeyPackage.
  ds.request({ adds: [], removes: [2] });
  await ds.settle();
  ds.request({ adds: [ds.rejoined], removes: [] });
  await ds.settle();
  assert.equal(last(bob).epoch, 3n);
  assert.equal(last(alice).securityCode, last(bob).securityCode);
  assert.deepEqual(names(bob), ['Alice', 'Bob']);

  // A reset from the service does the same.
  ds.deliver(2, { type: 'mls_reset', reason: 'you did not answer a commit request in time' });
  await ds.settle();
  assert.equal(bob.rejoins.length, 2);
});

test('server messages naming an id above 2^53 - 1 are refused, as the native client refuses them', async () => {
  const { idsAreSafe } = await loadTs('src/meeting/signaling.ts');
  assert.equal(idsAreSafe(JSON.parse('{"type":"welcome","you":5,"participants":[{"id":5}]}')), true);
  assert.equal(idsAreSafe(JSON.parse('{"type":"welcome","you":9007199254740993,"participants":[]}')), false);
  assert.equal(idsAreSafe(JSON.parse('{"type":"mls_commit_request","epoch":0,"adds":[{"participant":9007199254740993,"key_package":"x"}],"removes":[],"update":false}')), false);
  assert.equal(idsAreSafe(JSON.parse('{"type":"mls_commit_request","epoch":0,"adds":[],"removes":[1.5],"update":false}')), false);
  assert.equal(idsAreSafe(JSON.parse('{"type":"participant_left","id":-1}')), false);
});

/** Sends raw application data from `entry`, as a buggy or newer client might. */
function sendRaw(entry, text, to = null) {
  const client = entry.client;
  return client['enqueue']('raw', () => client['sendApplication'](client['state'], new TextEncoder().encode(text), to));
}

test('members introduce themselves: to everyone once in, and to those a commit adds', async () => {
  const ds = new FakeDeliveryService();
  const alice = ds.connect(1, 'Alice');
  await alice.client.start();
  await ds.settle();
  const bob = ds.connect(2, 'Bob');
  await bob.client.start();
  await ds.settle();
  const carol = ds.connect(3, 'Carol');
  await carol.client.start();
  await ds.settle();
  const introductions = ds.applications.map(({ from, msg }) => [from, msg.to ?? null]);
  assert.deepEqual(introductions, [
    [1, null], // Alice, alone in the group she created
    [1, [2]], // Alice merged her commit adding Bob
    [2, null], // Bob, after his Welcome
    [1, [3]], // Alice merged her commit adding Carol
    [2, [3]], // Bob merged Alice's commit adding Carol
    [3, null], // Carol, after her Welcome
  ]);
  for (const p of [alice, bob, carol]) assert.deepEqual(names(p), ['Alice', 'Bob', 'Carol'], p.name);
  for (const p of [alice, bob, carol]) assert.deepEqual(p.problems, []);
});

test('malformed application data, unknown types and names the rules refuse are ignored, not alarms', async () => {
  const ds = new FakeDeliveryService();
  const alice = ds.connect(1, 'Alice');
  await alice.client.start();
  await ds.settle();
  const bob = ds.connect(2, 'Bob');
  await bob.client.start();
  await ds.settle();
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.join(' '));
  try {
    await sendRaw(bob, 'hello, plain text as before');
    await sendRaw(bob, '{"type":"reaction","emoji":"👍"}');
    await sendRaw(bob, '{"type":"chat"}');
    await sendRaw(bob, '{"type":"introduce","name":"  Mallory  "}'); // not what the rules make of it
    await sendRaw(bob, '{"type":"introduce","name":"Alice (host)"}');
    await ds.settle();
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(alice.chats, []);
  assert.deepEqual(alice.problems, []);
  assert.deepEqual(names(alice), ['Alice', 'Bob'], 'the valid introduction still stands');
  assert.equal(warnings.filter((w) => w.includes('ignoring')).length, 5, warnings.join('\n'));

  // A later valid introduction renames; the envelope's text is taken as it is.
  await sendRaw(bob, '{"type":"introduce","name":"Robert"}');
  await sendRaw(bob, '{"type":"chat","text":"<b>hi</b>","future":true}');
  await ds.settle();
  assert.deepEqual(names(alice), ['Alice', 'Robert']);
  assert.deepEqual(alice.chats, [{ from: 'Robert', text: '<b>hi</b>' }]);
});

test('an introduction is forgotten when its member leaves, even if a newcomer takes the leaf', async () => {
  const ds = new FakeDeliveryService();
  const alice = ds.connect(1, 'Alice');
  await alice.client.start();
  await ds.settle();
  const bob = ds.connect(2, 'Bob');
  await bob.client.start();
  await ds.settle();
  assert.deepEqual(names(alice), ['Alice', 'Bob']);
  ds.request({ adds: [], removes: [2] });
  await ds.settle();
  // Dave takes Bob's leaf, but his introductions are lost on the way.
  const deliver = ds.deliver.bind(ds);
  ds.deliver = (p, msg) => (msg.type === 'mls_application' ? undefined : deliver(p, msg));
  const dave = ds.connect(4, 'Dave');
  await dave.client.start();
  await ds.settle();
  assert.deepEqual(alice.client.members.map((m) => [m.leaf, m.participant, m.name]), [[0, 1, 'Alice'], [1, 4, null]]);
  assert.equal(mls.memberLabel(alice.client.members[1]), 'Participant 4');
});
