// Names inside the group (src/e2ee/memberNames.ts, docs/e2ee.md "Names"):
// the application message envelope and the order in which a member's name
// is found. The MLS side of it is in mls.test.mjs and admission.test.mjs.
//
// Run from web/: `npm run test:unit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load.mjs';

const names = await loadTs('src/e2ee/memberNames.ts');
const bytes = (text) => new TextEncoder().encode(text);
const text = (data) => new TextDecoder().decode(data);

test('the envelope is written exactly as docs/e2ee.md spells it', () => {
  assert.equal(text(names.encodeChat('hi "you"')), '{"type":"chat","text":"hi \\"you\\""}');
  assert.equal(text(names.encodeIntroduce('Ada')), '{"type":"introduce","name":"Ada"}');
});

test('application data is read as the envelope; anything else is ignored with a reason', () => {
  assert.deepEqual(names.decodeApplication(bytes('{"type":"chat","text":"hi"}')), { type: 'chat', text: 'hi' });
  assert.deepEqual(names.decodeApplication(bytes('{"type":"introduce","name":"Ada"}')), { type: 'introduce', name: 'Ada' });
  // A later version may add fields.
  assert.deepEqual(names.decodeApplication(bytes('{"text":"hi","type":"chat","v":2}')), { type: 'chat', text: 'hi' });
  for (const junk of ['hi', '', '[]', 'null', '"chat"', '{"type":"reaction"}', '{"text":"hi"}', '{"type":"chat","text":5}', '{"type":"introduce"}', '{"type":"introduce","name":null}']) {
    const decoded = names.decodeApplication(bytes(junk));
    assert.equal(typeof decoded.ignored, 'string', junk);
  }
  assert.equal(typeof names.decodeApplication(new Uint8Array([0xff, 0xfe])).ignored, 'string', 'not UTF-8');
});

test('a roster name wins; a valid host\'s introduction counts only without one; a guest\'s never', () => {
  const warnings = [];
  const resolve = (facts) => names.resolveName(facts, (w) => warnings.push(w));
  assert.equal(resolve({ admission: { rosterName: 'Grace', validHost: false }, introduced: 'Mallory' }), 'Grace');
  assert.equal(resolve({ admission: { rosterName: 'Ada', validHost: true }, introduced: 'Someone Else' }), 'Ada');
  assert.equal(resolve({ admission: { rosterName: '', validHost: true }, introduced: 'Bea' }), 'Bea');
  assert.equal(resolve({ admission: { rosterName: '', validHost: false }, introduced: 'Mallory' }), null);
  assert.equal(resolve({ admission: { rosterName: undefined, validHost: false }, introduced: 'Mallory' }), null);
  assert.equal(resolve({ admission: { rosterName: '', validHost: true }, introduced: null }), null);
  assert.equal(resolve({ admission: null, introduced: 'Anyone' }), 'Anyone');
  assert.equal(resolve({ admission: null, introduced: null }), null);
  assert.deepEqual(warnings, []);
  // A roster name the rules refuse is ignored, with a warning.
  assert.equal(resolve({ admission: { rosterName: 'Ada (host)', validHost: false }, introduced: null }), null);
  assert.equal(warnings.length, 1);
});

test('introductions must already be what the name rules make of them, and belong to one member on one leaf', () => {
  const intros = new names.Introductions();
  const bea = { leaf: 2, participant: 3, signatureKey: 'AAAA' };
  for (const bad of ['', ' Bea', 'Bea  Smith', 'Bea\u200b', 'Bea (host)', 'Bеa']) {
    assert.equal(typeof intros.record(bea, bad), 'string', JSON.stringify(bad));
  }
  assert.equal(intros.nameOf(bea), null);
  assert.equal(intros.record(bea, 'Bea'), null);
  assert.equal(intros.nameOf(bea), 'Bea');
  assert.equal(intros.record(bea, 'Beatrice'), null);
  assert.equal(intros.nameOf(bea), 'Beatrice', 'the latest counts');
  // Someone else on the same leaf (a new key, or another participant) is not Bea.
  assert.equal(intros.nameOf({ ...bea, signatureKey: 'BBBB' }), null);
  assert.equal(intros.nameOf({ ...bea, participant: 9 }), null);
  intros.keepOnly([{ ...bea, signatureKey: 'BBBB' }]);
  assert.equal(intros.nameOf(bea), null, 'forgotten once she left her leaf');
  assert.equal(names.unnamedLabel(7), 'Participant 7');
});
