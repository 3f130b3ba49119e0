// The web client's name rules (src/names.ts) against the server's: both are
// tested on crates/signaling/tests/data/names.json, so a rule changed on one
// side only fails here or in `cargo test -p conclave-signaling --test names`.
//
// Run from web/: `npm run test:unit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadTs } from './load.mjs';

const names = await loadTs('src/names.ts');
const fixture = JSON.parse(readFileSync(new URL('../../../crates/signaling/tests/data/names.json', import.meta.url), 'utf8'));

const UNKNOWN = 'Unknown member';

test('names the server accepts are accepted and normalised the same way', () => {
  for (const { raw, name } of fixture.accepted) {
    assert.deepEqual(names.checkName(raw), { ok: true, name }, JSON.stringify(raw));
  }
});

test('every attack the server refuses is refused by the same rule', () => {
  for (const { attack, raw, rule } of fixture.refused) {
    const got = names.checkName(raw);
    assert.equal(got.ok, false, `${attack}: ${JSON.stringify(raw)} is refused`);
    assert.equal(got.rule, rule, `${attack}: ${JSON.stringify(raw)} (${got.reason})`);
  }
});

test('look-alike names share a skeleton, different names do not', () => {
  for (const [a, b] of fixture.lookalike) assert.equal(names.skeleton(a), names.skeleton(b), `${a} / ${b}`);
  for (const [a, b] of fixture.distinct) assert.notEqual(names.skeleton(a), names.skeleton(b), `${a} / ${b}`);
});

test('a zero-width-only name is refused with a reason a person can act on', () => {
  const got = names.checkName('\u200b\u200b');
  assert.equal(got.ok, false);
  assert.match(got.reason, /invisible characters \(U\+200B\)/);
});

test('a right-to-left override in a name is refused', () => {
  assert.equal(names.checkName('Eve\u202etsoh').rule, 'bidi');
});

test('a Cyrillic look-alike letter inside a Latin name is refused', () => {
  assert.equal(names.checkName('Vict\u043eria').rule, 'mixed_scripts');
});

test('a name pretending to carry the host mark is refused', () => {
  assert.equal(names.checkName('Victoria (host)').rule, 'role_mark');
});

test('two members with the same name both get their tag; others do not', () => {
  const labels = names.labelNames(
    [
      { key: 1, name: 'Alice', tag: '#1' },
      { key: 2, name: 'Alice', tag: '#2' },
      { key: 3, name: 'Bob', tag: '#3' },
    ],
    UNKNOWN,
  );
  assert.deepEqual(labels.get(1), { text: 'Alice', tag: '#1', problem: null });
  assert.deepEqual(labels.get(2), { text: 'Alice', tag: '#2', problem: null });
  assert.deepEqual(labels.get(3), { text: 'Bob', tag: null, problem: null });
});

test('an all-Cyrillic look-alike of a Latin name, or one differing in case, is told apart', () => {
  const labels = names.labelNames(
    [
      { key: 'latin', name: 'Ace', tag: '#1' },
      { key: 'cyrillic', name: '\u0410\u0441\u0435', tag: '#2' },
      { key: 'upper', name: 'IVAN', tag: '#3' },
      { key: 'lower', name: 'ivan', tag: '#4' },
    ],
    UNKNOWN,
  );
  for (const key of ['latin', 'cyrillic', 'upper', 'lower']) assert.notEqual(labels.get(key).tag, null, key);
});

test('an unreadable credential or a refused name is shown as an unknown member with the reason', () => {
  const labels = names.labelNames(
    [
      { key: 'none', name: null, tag: 'leaf 2' },
      { key: 'fake', name: 'Victoria (host)', tag: '#5' },
      { key: 'blank', name: '\u200b', tag: '#6' },
    ],
    UNKNOWN,
  );
  assert.deepEqual(labels.get('none'), { text: UNKNOWN, tag: 'leaf 2', problem: 'their identity could not be read' });
  assert.equal(labels.get('fake').text, UNKNOWN);
  assert.match(labels.get('fake').problem, /\(host\)/);
  assert.equal(labels.get('blank').text, UNKNOWN);
  assert.equal(labels.get('blank').tag, '#6');
});
