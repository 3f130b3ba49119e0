// Admission enforced by the browser's MLS member (docs/admission.md) with
// real ts-mls groups: hosts create the group with the roster, a host adds
// the knock it admitted and records it, and every other member refuses an
// Add or a roster change that no host made, raising the alarm. The delivery
// service here is a hand-driven stand-in for the server, which a malicious
// server may replace: so the tests also play that server.
//
// Run from web/: `npm run test:unit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load.mjs';

const kit = await loadTs('tests/unit/fixtures/admissionKit.mjs');
const MEETING = 'q8cW1l3n0zZ9_bTk2xY4Aw';

/** A meeting: its key, and a delivery service that does only what a test tells it. */
async function meeting() {
  const secret = await kit.deriveMeetingSecret(kit.generateSeed());
  const entries = new Map();
  const ds = {
    secret,
    entries,
    outbox: [],
    /** A member; `host` gives it the meeting secret, `enforcing: false` no meeting key at all. */
    connect(participant, name, { host = false, enforcing = true } = {}) {
      const entry = { participant, name, infos: [], tampered: [], reknocks: [], problems: [], rejoins: [], sent: [] };
      const send = (msg) => {
        const wire = JSON.parse(JSON.stringify(msg, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
        entry.sent.push(wire);
        ds.outbox.push({ from: participant, msg: wire });
      };
      const admission = enforcing ? { publicKey: secret.public, secret: host ? secret : null } : null;
      entry.client = new kit.MlsClient(participant, name, send, {
        epoch: (info) => entry.infos.push(info),
        chat: () => undefined,
        removed: () => undefined,
        rejoining: (reason) => entry.rejoins.push(reason),
        problem: (m) => entry.problems.push(m),
        tampered: (reason) => entry.tampered.push(reason),
        reknock: (kp) => entry.reknocks.push(kp),
      }, admission);
      entries.set(participant, entry);
      return entry;
    },
    deliver(participant, msg) {
      void entries.get(participant).client.handle(msg);
    },
    async settle() {
      for (let i = 0; i < 10; i++) {
        await Promise.all([...entries.values()].map((e) => e.client.idle()));
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    /** Everything sent since the last call, of one type. */
    take(type) {
      const out = ds.outbox.filter((o) => o.msg.type === type);
      ds.outbox = ds.outbox.filter((o) => o.msg.type !== type);
      return out;
    },
    /**
     * Asks `committer` to commit, and on an accepted commit does what the
     * server does: the commit to the other members, the Welcome to the added.
     */
    async commitRound(committer, epoch, { adds = [], removes = [], recording = undefined } = {}) {
      ds.deliver(committer, { type: 'mls_commit_request', epoch, adds, removes, update: false, ...(recording === undefined ? {} : { recording }) });
      await ds.settle();
      const [commit] = ds.take('mls_commit');
      assert.ok(commit, `participant ${committer} answered the commit request`);
      ds.deliver(committer, { type: 'mls_commit_accepted', epoch });
      for (const [p, e] of entries) {
        if (p === committer || commit.msg.added.includes(p) || commit.msg.removed.includes(p) || e.client.epoch === null) continue;
        ds.deliver(p, { type: 'mls_commit', epoch, from: committer, commit: commit.msg.commit });
      }
      for (const p of commit.msg.added) ds.deliver(p, { type: 'mls_welcome', welcome: commit.msg.welcome });
      await ds.settle();
      return commit.msg;
    },
  };
  return ds;
}

/** The first host joins: its KeyPackage carries its endorsement, and it creates the group. */
async function firstHost(ds, participant = 1, name = 'Ada') {
  const host = ds.connect(participant, name, { host: true });
  await host.client.start();
  const [kp] = ds.take('mls_key_package');
  assert.ok(kp.msg.host_endorsement, 'a host endorses its own KeyPackage');
  ds.deliver(participant, { type: 'mls_create_group' });
  await ds.settle();
  ds.take('mls_group_created');
  return host;
}

/** A guest knocks, the host opens the knock and clicks Admit; returns the opened knock. */
async function knockAndAdmit(ds, host, participant, name) {
  const guest = ds.connect(participant, name);
  const key_package = await guest.client.knockKeyPackage();
  const sealed = await kit.sealKnock(ds.secret.public, MEETING, { participant, name, key_package });
  const opened = await kit.openKnock(ds.secret, MEETING, sealed);
  assert.deepEqual(opened, { participant, name, key_package });
  host.client.admit(participant, opened.key_package, opened.name);
  return { guest, key_package };
}

const last = (e) => e.infos.at(-1);

test('a host creates the group with itself as host and member', async () => {
  const ds = await meeting();
  const ada = await firstHost(ds);
  assert.equal(last(ada).epoch, 0n);
  assert.deepEqual(last(ada).admission.hosts, [1]);
  assert.deepEqual([...last(ada).admission.admittedBy], [[1, null]]);
});

test('a host adds the knock it admitted, and everyone shows who admitted whom', async () => {
  const ds = await meeting();
  const ada = await firstHost(ds);
  const { guest: grace, key_package } = await knockAndAdmit(ds, ada, 7, 'Grace');
  const commit = await ds.commitRound(1, 0, { adds: [{ participant: 7, key_package, knock: true }] });
  assert.deepEqual(commit.added, [7]);
  assert.ok(commit.welcome);
  assert.deepEqual(grace.tampered, []);
  assert.equal(last(grace).epoch, 1n);
  assert.equal(last(grace).securityCode, last(ada).securityCode);
  assert.deepEqual([...last(grace).admission.admittedBy], [[1, null], [7, 1]]);
  assert.deepEqual(last(grace).admission.hosts, [1]);

  // A second knocker: Grace processes the host's commit and accepts it.
  const { guest: alan, key_package: alanKp } = await knockAndAdmit(ds, ada, 9, 'Alan');
  await ds.commitRound(1, 1, { adds: [{ participant: 9, key_package: alanKp, knock: true }] });
  for (const e of [ada, grace, alan]) {
    assert.deepEqual(e.tampered, [], e.name);
    assert.equal(last(e).epoch, 2n, e.name);
  }
  assert.equal(new Set([ada, grace, alan].map((e) => last(e).securityCode)).size, 1);
  assert.equal(last(grace).admission.admittedBy.get(9), 1);

  // Removes of departed members may be committed by anyone (here: Grace).
  const removal = await ds.commitRound(7, 2, { removes: [9] });
  assert.deepEqual(removal.removed, [9]);
  assert.deepEqual(ada.tampered, []);
  assert.equal(last(ada).epoch, 3n);
  assert.equal(last(ada).securityCode, last(grace).securityCode);
});

test('a host leaves out a knock whose KeyPackage is not the one it opened', async () => {
  const ds = await meeting();
  const ada = await firstHost(ds);
  const { guest: grace } = await knockAndAdmit(ds, ada, 7, 'Grace');
  // The server swaps in another KeyPackage with the same credential.
  const impostor = new kit.MlsClient(7, 'Grace', () => undefined, {}, { publicKey: ds.secret.public, secret: null });
  const swappedKp = await impostor.knockKeyPackage();
  const commit = await ds.commitRound(1, 0, { adds: [{ participant: 7, key_package: swappedKp, knock: true }] });
  assert.deepEqual(commit.added, [], 'the swapped Add is left out and reported so');
  assert.equal(commit.welcome, undefined);
  assert.equal(grace.infos.length, 0, 'Grace never got keys');
  assert.deepEqual(last(ada).members.map((m) => m.participant), [1]);
});

test('a knock nobody admitted, or asked of a non-host, is never committed', async () => {
  const ds = await meeting();
  const ada = await firstHost(ds);
  const { guest: grace, key_package } = await knockAndAdmit(ds, ada, 7, 'Grace');
  await ds.commitRound(1, 0, { adds: [{ participant: 7, key_package, knock: true }] });
  // The server asks Grace (no host) to add a knocker; and Ada one she never admitted.
  const mallory = ds.connect(8, 'Mallory');
  const malloryKp = await mallory.client.knockKeyPackage();
  grace.client.admit(8, malloryKp, 'Mallory'); // even a stray admit does not make Grace a host
  const byGrace = await ds.commitRound(7, 1, { adds: [{ participant: 8, key_package: malloryKp, knock: true }] });
  assert.deepEqual(byGrace.added, []);
  const byAda = await ds.commitRound(1, 2, { adds: [{ participant: 8, key_package: malloryKp, knock: true }] });
  assert.deepEqual(byAda.added, []);
  assert.equal(mallory.infos.length, 0);
  // An Add without knock or endorsement is no better.
  const plain = await ds.commitRound(1, 3, { adds: [{ participant: 8, key_package: malloryKp }] });
  assert.deepEqual(plain.added, []);
  for (const e of [ada, grace]) assert.deepEqual(e.tampered, [], e.name);
});

/** Ada (host) and Grace (admitted guest) in a group at epoch 1. */
async function adaAndGrace() {
  const ds = await meeting();
  const ada = await firstHost(ds);
  const { guest: grace, key_package } = await knockAndAdmit(ds, ada, 7, 'Grace');
  await ds.commitRound(1, 0, { adds: [{ participant: 7, key_package, knock: true }] });
  assert.equal(last(grace).epoch, 1n);
  return { ds, ada, grace };
}

/** A commit Grace makes with ts-mls directly, as a modified client would. */
async function rogueCommit(grace, extraProposals) {
  const cs = await kit.getCiphersuiteImpl(kit.getCiphersuiteFromName(kit.MLS_CIPHER_SUITE));
  const state = grace.client['state'];
  const result = await kit.createCommit({ state, cipherSuite: cs }, { extraProposals, ratchetTreeExtension: true });
  return Buffer.from(kit.encodeMlsMessage(result.commit)).toString('base64');
}

function rosterProposal(state, roster) {
  const extensions = [
    ...state.groupContext.extensions.filter((e) => e.extensionType !== kit.ROSTER_EXTENSION_TYPE),
    { extensionType: kit.ROSTER_EXTENSION_TYPE, extensionData: kit.encodeRoster(roster) },
  ];
  return { proposalType: 'group_context_extensions', groupContextExtensions: { extensions } };
}

async function keyPackageOf(ds, participant, name) {
  const kp = await ds.connect(participant, name).client.knockKeyPackage();
  return kit.decodeMessage(kp).keyPackage;
}

test('an Add committed by a member who is not a host is refused, even with a roster that says a host admitted it', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  const state = grace.client['state'];
  const mallory = await keyPackageOf(ds, 8, 'Mallory');
  const roster = kit.rosterOf(state).roster;
  const forged = { ...roster, members: [...roster.members, { participant: 8, name: 'Mallory', admitted_by: 1 }] };
  const commit = await rogueCommit(grace, [{ proposalType: 'add', add: { keyPackage: mallory } }, rosterProposal(state, forged)]);
  const before = last(ada).epoch;
  ds.deliver(1, { type: 'mls_commit', epoch: 1, from: 7, commit });
  await ds.settle();
  assert.equal(ada.tampered.length, 1);
  assert.match(ada.tampered[0], /not a host/);
  assert.equal(ada.client.epoch, null, 'the group state is gone');
  assert.equal(last(ada).epoch, before, 'no new keys were handed out');
  assert.deepEqual(ada.sent.filter((m) => m.type === 'mls_rejoin'), [], 'and it does not rejoin by itself');
  // Once alarmed, it does nothing more.
  ds.deliver(1, { type: 'mls_reset', reason: 'please rejoin' });
  await ds.settle();
  assert.equal(ada.sent.filter((m) => m.type === 'mls_rejoin').length, 0);
});

test('an Add without any roster entry is refused too', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  const mallory = await keyPackageOf(ds, 8, 'Mallory');
  const commit = await rogueCommit(grace, [{ proposalType: 'add', add: { keyPackage: mallory } }]);
  ds.deliver(1, { type: 'mls_commit', epoch: 1, from: 7, commit });
  await ds.settle();
  assert.equal(ada.tampered.length, 1);
  assert.match(ada.tampered[0], /not in the roster/);
});

test('a roster change by a member who is not a host is refused', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  const state = grace.client['state'];
  const roster = kit.rosterOf(state).roster;
  // Grace renames herself in the roster and claims no one had to admit her.
  const changed = { ...roster, members: roster.members.map((m) => (m.participant === 7 ? { ...m, name: 'Ada', admitted_by: null } : m)) };
  const commit = await rogueCommit(grace, [rosterProposal(state, changed)]);
  ds.deliver(1, { type: 'mls_commit', epoch: 1, from: 7, commit });
  await ds.settle();
  assert.equal(ada.tampered.length, 1);
  assert.match(ada.tampered[0], /changed the roster/);
});

test("a host's commit says the group is recorded, and to whom; a guest cannot say so, but may say it stopped", async () => {
  const { ds, ada, grace } = await adaAndGrace();
  await ds.commitRound(1, 1, { recording: true });
  for (const e of [ada, grace]) {
    assert.deepEqual(e.tampered, [], e.name);
    assert.equal(last(e).epoch, 2n);
    assert.deepEqual([...last(e).recording], [...ds.secret.public.knock], `${e.name}: sealed to the meeting key`);
  }
  // A guest asked to carry on keeps it (a plain commit changes nothing).
  await ds.commitRound(7, 2);
  assert.ok(last(ada).recording && last(grace).recording);
  assert.deepEqual(ada.tampered, []);
  // A guest clears it (the last host left): accepted.
  await ds.commitRound(7, 3, { recording: false });
  assert.equal(last(ada).recording, null);
  assert.deepEqual(ada.tampered, []);
  // A guest who claims a recording to a key of its choosing is refused.
  const state = grace.client['state'];
  const roster = kit.rosterOf(state).roster;
  const claimed = { ...roster, recording: { to: Buffer.alloc(32, 9).toString('base64') } };
  const commit = await rogueCommit(grace, [rosterProposal(state, claimed)]);
  ds.deliver(1, { type: 'mls_commit', epoch: 4, from: 7, commit });
  await ds.settle();
  assert.equal(ada.tampered.length, 1);
  assert.match(ada.tampered[0], /not a host said the meeting is recorded/);
});

test('a second host is added by any member, from its endorsement alone', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  const bea = ds.connect(3, 'Bea', { host: true });
  await bea.client.start();
  const [kp] = ds.take('mls_key_package');
  // The server asks Grace, who is no host: the endorsement is enough.
  const commit = await ds.commitRound(7, 1, { adds: [{ participant: 3, key_package: kp.msg.key_package, host_endorsement: kp.msg.host_endorsement }] });
  assert.deepEqual(commit.added, [3]);
  for (const e of [ada, grace, bea]) {
    assert.deepEqual(e.tampered, [], e.name);
    assert.equal(last(e).epoch, 2n, e.name);
  }
  assert.deepEqual(last(ada).admission.hosts.sort(), [1, 3]);
  assert.equal(last(bea).admission.admittedBy.get(3), null);
  // A forged endorsement is not: the Add is left out.
  const eve = ds.connect(4, 'Eve', { host: true });
  await eve.client.start();
  const [eveKp] = ds.take('mls_key_package');
  const forged = await ds.commitRound(7, 2, { adds: [{ participant: 4, key_package: eveKp.msg.key_package, host_endorsement: kp.msg.host_endorsement }] });
  assert.deepEqual(forged.added, []);
});

test('a Welcome into a group without a host-made roster is refused with the alarm', async () => {
  const ds = await meeting();
  // A member without the meeting key creates a group (no roster) and adds an enforcing guest.
  const rogue = ds.connect(1, 'Rogue', { enforcing: false });
  await rogue.client.start();
  ds.take('mls_key_package');
  ds.deliver(1, { type: 'mls_create_group' });
  await ds.settle();
  const grace = ds.connect(7, 'Grace');
  const key_package = await grace.client.knockKeyPackage();
  const commit = await ds.commitRound(1, 0, { adds: [{ participant: 7, key_package }] });
  assert.deepEqual(commit.added, [7]);
  assert.equal(grace.tampered.length, 1);
  assert.match(grace.tampered[0], /roster/);
  assert.equal(grace.infos.length, 0, 'no keys from a group it refused');
});

test('an enforcing guest whose state is reset knocks again; a host rejoins with its endorsement', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  ds.deliver(7, { type: 'mls_reset', reason: 'test' });
  ds.deliver(1, { type: 'mls_reset', reason: 'test' });
  await ds.settle();
  assert.equal(grace.reknocks.length, 1, 'Grace hands a fresh KeyPackage to be sealed in a knock');
  assert.equal(grace.sent.filter((m) => m.type === 'mls_rejoin').length, 0, 'and never asks the server to add her directly');
  const [rejoin] = ada.sent.filter((m) => m.type === 'mls_rejoin');
  assert.ok(rejoin.host_endorsement);
  const signatureKey = kit.decodeMessage(rejoin.key_package).keyPackage.leafNode.signaturePublicKey;
  assert.equal(kit.verifyEndorsement(ds.secret.public, 1, signatureKey, rejoin.host_endorsement), true);
});

test('a commit that changes the roster carries an UpdatePath, as RFC 9420 requires and openmls checks', async () => {
  const { grace } = await adaAndGrace();
  const cs = await kit.getCiphersuiteImpl(kit.getCiphersuiteFromName(kit.MLS_CIPHER_SUITE));
  const state = grace.client['state'];
  const roster = kit.rosterOf(state).roster;
  const { commit } = await kit.createCommit(
    { state, cipherSuite: cs },
    { extraProposals: [rosterProposal(state, roster)], wireAsPublicMessage: true },
  );
  assert.equal(commit.wireformat, 'mls_public_message');
  assert.ok(commit.publicMessage.content.commit.path, 'ts-mls as bundled (tsMlsFixes.mjs) adds the path');
});

test('an external commit, and a proposal sent on its own, are refused with the alarm', async () => {
  const cs = await kit.getCiphersuiteImpl(kit.getCiphersuiteFromName(kit.MLS_CIPHER_SUITE));
  {
    // Someone outside joins by external commit (with a GroupInfo the server could hold).
    const { ds, ada, grace } = await adaAndGrace();
    const groupInfo = await kit.createGroupInfoWithExternalPubAndRatchetTree(grace.client['state'], [], cs);
    const outsider = new kit.MlsClient(8, 'Mallory', () => undefined, {}, { publicKey: ds.secret.public, secret: null });
    const kp = kit.decodeMessage(await outsider.knockKeyPackage()).keyPackage;
    const { publicMessage } = await kit.joinGroupExternal(groupInfo, kp, outsider['keyPackage'].privatePackage, false, cs);
    const commit = Buffer.from(kit.encodeMlsMessage({ version: 'mls10', wireformat: 'mls_public_message', publicMessage })).toString('base64');
    ds.deliver(1, { type: 'mls_commit', epoch: 1, from: 8, commit });
    await ds.settle();
    assert.equal(ada.tampered.length, 1);
    assert.match(ada.tampered[0], /outside the group/);
  }
  {
    const { ds, ada, grace } = await adaAndGrace();
    const mallory = await keyPackageOf(ds, 8, 'Mallory');
    const { message } = await kit.createProposal(grace.client['state'], true, { proposalType: 'add', add: { keyPackage: mallory } }, cs);
    ds.deliver(1, { type: 'mls_commit', epoch: 1, from: 7, commit: Buffer.from(kit.encodeMlsMessage(message)).toString('base64') });
    await ds.settle();
    assert.equal(ada.tampered.length, 1);
    assert.match(ada.tampered[0], /proposal sent on its own/);
  }
});

test('an admission is used up by the accepted commit: a removed guest is not added again without a new click', async () => {
  const ds = await meeting();
  const ada = await firstHost(ds);
  const { guest: grace, key_package } = await knockAndAdmit(ds, ada, 7, 'Grace');
  // Ada's first commit loses (the server rejects it): the admission still stands.
  ds.deliver(1, { type: 'mls_commit_request', epoch: 0, adds: [{ participant: 7, key_package, knock: true }], removes: [], update: false });
  await ds.settle();
  const [lost] = ds.take('mls_commit');
  assert.deepEqual(lost.msg.added, [7]);
  ds.deliver(1, { type: 'mls_commit_rejected', epoch: 0, reason: 'test' });
  await ds.settle();
  const won = await ds.commitRound(1, 0, { adds: [{ participant: 7, key_package, knock: true }] });
  assert.deepEqual(won.added, [7]);
  assert.equal(last(grace).epoch, 1n);
  // Grace is removed; the server asks Ada to add the very same KeyPackage again.
  await ds.commitRound(1, 1, { removes: [7] });
  const again = await ds.commitRound(1, 2, { adds: [{ participant: 7, key_package, knock: true }] });
  assert.deepEqual(again.added, [], 'no new click, no Add');
  assert.deepEqual(last(ada).members.map((m) => m.participant), [1]);
});

test('names shown are the roster\'s, which the admitting host wrote, not what a credential claims', async () => {
  const ds = await meeting();
  const ada = await firstHost(ds);
  // Grace's credential says "Grace"; Ada admitted her as "Grace H." (the roster's word).
  const grace = ds.connect(7, 'Grace');
  const key_package = await grace.client.knockKeyPackage();
  ada.client.admit(7, key_package, 'Grace H.');
  await ds.commitRound(1, 0, { adds: [{ participant: 7, key_package, knock: true }] });
  for (const e of [ada, grace]) {
    assert.deepEqual(last(e).members.map((m) => m.name), ['Ada', 'Grace H.'], e.name);
  }
  await grace.client.sendChat('hi');
  const [application] = ds.take('mls_application');
  const chats = [];
  ada.client['events'].chat = (from, text) => chats.push([from.name, text]);
  ds.deliver(1, { type: 'mls_application', epoch: 1, from: 7, message: application.msg.message });
  await ds.settle();
  assert.deepEqual(chats, [['Grace H.', 'hi']]);
});

test('a host that rejoins is added again by any member, its old roster entries replaced', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  const bea = ds.connect(3, 'Bea', { host: true });
  await bea.client.start();
  const [kp] = ds.take('mls_key_package');
  await ds.commitRound(7, 1, { adds: [{ participant: 3, key_package: kp.msg.key_package, host_endorsement: kp.msg.host_endorsement }] });
  assert.equal(last(bea).epoch, 2n);
  // Bea loses her state; the server removes her old leaf, then asks Grace
  // (no host) to add her fresh KeyPackage with its endorsement.
  ds.deliver(3, { type: 'mls_reset', reason: 'test' });
  await ds.settle();
  const [rejoin] = bea.sent.filter((m) => m.type === 'mls_rejoin');
  await ds.commitRound(7, 2, { removes: [3] });
  const commit = await ds.commitRound(7, 3, { adds: [{ participant: 3, key_package: rejoin.key_package, host_endorsement: rejoin.host_endorsement }] });
  assert.deepEqual(commit.added, [3]);
  for (const e of [ada, grace, bea]) {
    assert.deepEqual(e.tampered, [], e.name);
    assert.equal(last(e).epoch, 4n, e.name);
  }
  const roster = kit.rosterOf(grace.client['state']).roster;
  assert.equal(roster.hosts.filter((h) => h.participant === 3).length, 1, 'one host entry for Bea, her new key');
  assert.equal(roster.members.filter((m) => m.participant === 3).length, 1);
  assert.deepEqual(last(ada).admission.hosts.sort(), [1, 3]);
});

test('a promoted co-host\'s commit that appends its own endorsed entry, and adds a knock it admitted, is accepted', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  // Grace was promoted: she holds the seed now and endorses her own leaf.
  const state = grace.client['state'];
  const ownKey = state.ratchetTree[state.privatePath.leafIndex * 2].leaf.signaturePublicKey;
  const roster = kit.rosterOf(state).roster;
  const alan = await keyPackageOf(ds, 9, 'Alan');
  const promoted = {
    ...roster,
    hosts: [...roster.hosts, { participant: 7, signature_key: kit.signatureKeyText(ownKey), endorsement: kit.endorseHost(ds.secret, 7, ownKey) }],
    members: [...roster.members, { participant: 9, name: 'Alan', admitted_by: 7 }],
  };
  const commit = await rogueCommit(grace, [{ proposalType: 'add', add: { keyPackage: alan } }, rosterProposal(state, promoted)]);
  ds.deliver(1, { type: 'mls_commit', epoch: 1, from: 7, commit });
  await ds.settle();
  assert.deepEqual(ada.tampered, []);
  assert.equal(last(ada).epoch, 2n);
  assert.deepEqual(last(ada).admission.hosts.sort(), [1, 7]);
  assert.equal(last(ada).admission.admittedBy.get(9), 7);
});

test('a member who endorses itself without the meeting key is refused', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  const state = grace.client['state'];
  const ownKey = state.ratchetTree[state.privatePath.leafIndex * 2].leaf.signaturePublicKey;
  const otherMeeting = await kit.deriveMeetingSecret(kit.generateSeed());
  const roster = kit.rosterOf(state).roster;
  const forged = {
    ...roster,
    hosts: [...roster.hosts, { participant: 7, signature_key: kit.signatureKeyText(ownKey), endorsement: kit.endorseHost(otherMeeting, 7, ownKey) }],
  };
  const commit = await rogueCommit(grace, [rosterProposal(state, forged)]);
  ds.deliver(1, { type: 'mls_commit', epoch: 1, from: 7, commit });
  await ds.settle();
  assert.equal(ada.tampered.length, 1);
  assert.match(ada.tampered[0], /changed the roster/);
});

test('a knock may carry a box_key (for co-host promotion); anything else extra is refused', async () => {
  const secret = await kit.deriveMeetingSecret(kit.generateSeed());
  const seal = async (plaintext) => {
    const { CipherSuite, DhkemX25519HkdfSha256, HkdfSha256, Aes128Gcm } = await import('@hpke/core');
    const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
    const recipientPublicKey = await suite.kem.deserializePublicKey(secret.public.knock.slice().buffer);
    const { enc, ct } = await suite.seal({ recipientPublicKey, info: new TextEncoder().encode(`conclave knock v1 ${MEETING}`) }, new TextEncoder().encode(JSON.stringify(plaintext)));
    return Buffer.concat([Buffer.from(enc), Buffer.from(ct)]).toString('base64');
  };
  const base = { participant: 7, name: 'Grace', key_package: 'AAEC' };
  const box_key = Buffer.alloc(32, 9).toString('base64');
  assert.deepEqual(await kit.openKnock(secret, MEETING, await seal(base)), base);
  assert.deepEqual(await kit.openKnock(secret, MEETING, await seal({ ...base, box_key })), { ...base, box_key });
  assert.equal(await kit.openKnock(secret, MEETING, await seal({ ...base, host: true })), null);
  assert.equal(await kit.openKnock(secret, MEETING, await seal({ ...base, box_key: 5 })), null);
  assert.equal(await kit.openKnock(secret, MEETING, await seal({ ...base, box_key: 'AAAA' })), null, 'not an X25519 key');
});

test('a promoted guest opens the seed sealed to its box key, and its next commit writes its own host entry and admits', async () => {
  const { ds, grace } = await adaAndGrace();
  // Grace knocked with a box key; Ada seals the seed to it (promote).
  const box = await kit.generateBoxKey();
  const sealed = await kit.sealSeedToBox(ds.secret, MEETING, box.publicKey);
  assert.equal(await kit.openSeedFromBox(box, 'another-meeting', sealed, ds.secret.public), null, 'bound to the meeting id');
  const otherMeeting = await kit.deriveMeetingSecret(kit.generateSeed());
  const foreign = await kit.sealSeedToBox(otherMeeting, MEETING, box.publicKey);
  assert.equal(await kit.openSeedFromBox(box, MEETING, foreign, ds.secret.public), null, "another meeting's key is refused");
  const opened = await kit.openSeedFromBox(box, MEETING, sealed, ds.secret.public);
  assert.ok(opened, 'the promotion opens');
  grace.client.becomeHost(opened);
  assert.equal(grace.client.holdsMeetingKey, true);

  // Ada leaves; Grace, now the only host, admits Alan and commits his Add.
  const alan = ds.connect(9, 'Alan');
  const key_package = await alan.client.knockKeyPackage();
  grace.client.admit(9, key_package, 'Alan');
  const commit = await ds.commitRound(7, 1, { adds: [{ participant: 9, key_package, knock: true }], removes: [1] });
  assert.deepEqual(commit.added, [9]);
  assert.deepEqual(alan.tampered, []);
  assert.equal(last(alan).epoch, 2n, 'Alan joined from the co-host\'s Welcome');
  assert.deepEqual(last(alan).admission.hosts, [7]);
  assert.equal(last(alan).admission.admittedBy.get(9), 7);
  assert.deepEqual(grace.tampered, []);
});

test('other members accept the co-host\'s first commit (its own entry and an Add) while its promoter stays', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  grace.client.becomeHost(ds.secret);
  const alan = ds.connect(9, 'Alan');
  const key_package = await alan.client.knockKeyPackage();
  grace.client.admit(9, key_package, 'Alan');
  await ds.commitRound(7, 1, { adds: [{ participant: 9, key_package, knock: true }] });
  assert.deepEqual(ada.tampered, []);
  assert.equal(last(ada).epoch, 2n);
  assert.deepEqual(last(ada).admission.hosts.sort(), [1, 7]);
  assert.equal(last(ada).admission.admittedBy.get(9), 7);
  const roster = kit.rosterOf(ada.client['state']).roster;
  assert.equal(roster.hosts.filter((h) => h.participant === 7).length, 1, 'one entry for the co-host');
  assert.equal(roster.members.find((m) => m.participant === 7).admitted_by, 1, 'still admitted by Ada');
});

/** Sends raw application data from `entry`, as a modified client might. */
async function sendRaw(ds, entry, text) {
  const client = entry.client;
  await client['enqueue']('raw', () => client['sendApplication'](client['state'], new TextEncoder().encode(text), null));
  const [sent] = ds.take('mls_application');
  return sent.msg;
}

/** Hands an application message to every other member, as the server relays it. */
async function relay(ds, from, msg) {
  for (const [p, e] of ds.entries) {
    if (p !== from && e.client.epoch !== null) ds.deliver(p, { type: 'mls_application', epoch: msg.epoch, from, message: msg.message });
  }
  await ds.settle();
}

const shownNames = (e) => e.client.members.map((m) => [m.participant, m.name]);

test('a host added by endorsement gets an empty roster name and is named by its own introduction; guests cannot introduce themselves', async () => {
  const { ds, ada, grace } = await adaAndGrace();
  // The creator wrote her own name and the admitting host Grace's: neither introduces herself.
  assert.deepEqual(ds.take('mls_application'), []);
  const bea = ds.connect(3, 'Bea', { host: true });
  await bea.client.start();
  const [kp] = ds.take('mls_key_package');
  await ds.commitRound(7, 1, { adds: [{ participant: 3, key_package: kp.msg.key_package, host_endorsement: kp.msg.host_endorsement }] });
  const roster = kit.rosterOf(ada.client['state']).roster;
  assert.deepEqual(roster.members.find((m) => m.participant === 3), { participant: 3, name: '', admitted_by: null }, 'nobody but Bea knows her name');
  for (const e of [ada, grace]) assert.deepEqual(shownNames(e), [[1, 'Ada'], [7, 'Grace'], [3, null]], e.name);

  // Bea introduces herself to everyone once she is in.
  const intros = ds.take('mls_application');
  assert.deepEqual(intros.map((o) => [o.from, o.msg.to]), [[3, undefined]]);
  await relay(ds, 3, intros[0].msg);
  for (const e of [ada, grace, bea]) assert.deepEqual(shownNames(e), [[1, 'Ada'], [7, 'Grace'], [3, 'Bea']], e.name);

  // A guest's introduction is ignored: the roster's name, which a host wrote, stands.
  await relay(ds, 7, await sendRaw(ds, grace, '{"type":"introduce","name":"Ada"}'));
  // A host with a roster name cannot rename itself either.
  await relay(ds, 1, await sendRaw(ds, ada, '{"type":"introduce","name":"Bea"}'));
  // Nor can a host introduce itself with a name the rules refuse.
  await relay(ds, 3, await sendRaw(ds, bea, '{"type":"introduce","name":"Bea (host)"}'));
  for (const e of [ada, grace, bea]) {
    assert.deepEqual(shownNames(e), [[1, 'Ada'], [7, 'Grace'], [3, 'Bea']], e.name);
    assert.deepEqual(e.tampered, [], e.name);
  }

  // Alan, admitted by Ada, hears Bea's introduction again after the commit that adds him.
  const { guest: alan, key_package } = await knockAndAdmit(ds, ada, 9, 'Alan');
  await ds.commitRound(1, 2, { adds: [{ participant: 9, key_package, knock: true }] });
  const again = ds.take('mls_application');
  assert.deepEqual(again.map((o) => [o.from, o.msg.to]), [[3, [9]]], 'only the nameless host re-introduces itself, to the newcomer only');
  assert.deepEqual(shownNames(alan), [[1, 'Ada'], [7, 'Grace'], [3, null], [9, 'Alan']]);
  ds.deliver(9, { type: 'mls_application', epoch: again[0].msg.epoch, from: 3, message: again[0].msg.message });
  await ds.settle();
  assert.deepEqual(shownNames(alan), [[1, 'Ada'], [7, 'Grace'], [3, 'Bea'], [9, 'Alan']]);
});
