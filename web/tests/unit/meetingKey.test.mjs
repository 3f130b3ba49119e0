// The meeting key of docs/admission.md (src/e2ee/meetingKey.ts): derivation
// from the seed, the link fragments, sealed knocks and host endorsements.
//
// Run from web/: `npm run test:unit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from './load.mjs';

const mk = await loadTs('src/e2ee/meetingKey.ts');
const hex = (b) => Buffer.from(b).toString('hex');
const VECTORS = join(dirname(fileURLToPath(import.meta.url)), 'data', 'admission-vectors.json');

test('the same seed always derives the same keys; another seed others', async () => {
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
  const a = await mk.deriveMeetingSecret(seed);
  const b = await mk.deriveMeetingSecret(seed.slice());
  assert.equal(hex(a.public.signing), hex(b.public.signing));
  assert.equal(hex(a.public.knock), hex(b.public.knock));
  assert.equal(hex(a.signingKey), hex(b.signingKey));
  assert.equal(a.public.signing.length, 32);
  assert.equal(a.public.knock.length, 32);
  assert.notEqual(hex(a.public.signing), hex(a.public.knock), 'two labels, two keys');
  // The Ed25519 key is HKDF-SHA256(seed, salt empty, info label), checked
  // here against node's own HKDF rather than the module's.
  const { hkdfSync } = await import('node:crypto');
  const expected = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), 'conclave meeting signing key v1', 32));
  assert.equal(hex(a.signingKey), expected.toString('hex'));
  const other = await mk.deriveMeetingSecret(mk.generateSeed());
  assert.notEqual(hex(other.public.signing), hex(a.public.signing));
  assert.notEqual(hex(other.public.knock), hex(a.public.knock));
});

test('links: key= is 43 characters, pub= 86, and both read back', async () => {
  const seed = mk.generateSeed();
  const secret = await mk.deriveMeetingSecret(seed);
  const hostLink = mk.hostLinkWithKey('http://127.0.0.1:8080/m/abc#host=SECRET', seed);
  const participantLink = mk.participantLinkWithKey('http://127.0.0.1:8080/m/abc', secret.public);
  const hostFragment = new URL(hostLink).hash;
  assert.match(hostFragment, /^#host=SECRET&key=[A-Za-z0-9_-]{43}$/);
  assert.match(new URL(participantLink).hash, /^#pub=[A-Za-z0-9_-]{86}$/);
  const host = mk.parseFragment(hostFragment);
  assert.equal(host.ok, true);
  assert.equal(host.hostSecret, 'SECRET');
  assert.equal(hex(host.seed), hex(seed));
  const guest = mk.parseFragment(new URL(participantLink).hash);
  assert.equal(guest.hostSecret, null);
  assert.equal(hex(guest.publicKey.signing), hex(secret.public.signing));
  assert.equal(hex(guest.publicKey.knock), hex(secret.public.knock));
  const none = mk.parseFragment('');
  assert.deepEqual(none, { ok: true, hostSecret: null, seed: null, publicKey: null, recordingKey: null });
  for (const damaged of ['#pub=abc', '#key=' + 'A'.repeat(42), '#pub=' + 'A'.repeat(85) + '!', '#key=' + 'A'.repeat(43) + '=']) {
    assert.equal(mk.parseFragment(damaged).ok, false, damaged);
  }
});

test("an organisation's recording key rides in both links as rec= and reads back; a damaged one is refused", async () => {
  const seed = mk.generateSeed();
  const secret = await mk.deriveMeetingSecret(seed);
  const org = mk.toBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i));
  const hostLink = mk.hostLinkWithKey('http://127.0.0.1:8080/m/abc#host=SECRET', seed, org);
  const participantLink = mk.participantLinkWithKey('http://127.0.0.1:8080/m/abc', secret.public, org);
  for (const link of [hostLink, participantLink]) {
    assert.ok(new URL(link).hash.endsWith(`&rec=${org}`), link);
    const parsed = mk.parseFragment(new URL(link).hash);
    assert.equal(parsed.ok, true);
    assert.equal(mk.toBase64Url(parsed.recordingKey), org);
  }
  assert.equal(mk.parseFragment(new URL(hostLink).hash).hostSecret, 'SECRET');
  // A key the server sent damaged is left out of the links, never half put in.
  assert.ok(!mk.hostLinkWithKey('http://127.0.0.1:8080/m/abc#host=S', seed, 'short').includes('rec='));
  assert.equal(mk.parseFragment(`#pub=${mk.toBase64Url(mk.encodePublicKey(secret.public))}&rec=AAAA`).ok, false);
});

test('a knock sealed to the meeting opens with its key, to exactly what was sealed', async () => {
  const secret = await mk.deriveMeetingSecret(mk.generateSeed());
  const knock = { participant: 7, name: 'Grace "G" <b>', key_package: 'AAEC' };
  const sealed = await mk.sealKnock(secret.public, 'meeting-1', knock);
  assert.match(sealed, /^[A-Za-z0-9+/]+={0,2}$/, 'standard base64 with padding');
  assert.ok(Buffer.from(sealed, 'base64').length > 32 + 16, 'enc || ciphertext || tag');
  assert.deepEqual(await mk.openKnock(secret, 'meeting-1', sealed), knock);
  // Fresh encapsulation every time.
  assert.notEqual(await mk.sealKnock(secret.public, 'meeting-1', knock), sealed);
});

test('a knock does not open with another meeting key, in another meeting, or altered', async () => {
  const secret = await mk.deriveMeetingSecret(mk.generateSeed());
  const other = await mk.deriveMeetingSecret(mk.generateSeed());
  const sealed = await mk.sealKnock(secret.public, 'meeting-1', { participant: 7, name: 'Grace', key_package: 'AAEC' });
  assert.equal(await mk.openKnock(other, 'meeting-1', sealed), null, 'wrong key');
  assert.equal(await mk.openKnock(secret, 'meeting-2', sealed), null, 'replayed into another meeting');
  const bytes = Buffer.from(sealed, 'base64');
  bytes[bytes.length - 1] ^= 1;
  assert.equal(await mk.openKnock(secret, 'meeting-1', bytes.toString('base64')), null, 'altered ciphertext');
  assert.equal(await mk.openKnock(secret, 'meeting-1', 'not base64!'), null);
  assert.equal(await mk.openKnock(secret, 'meeting-1', 'A'.repeat(9000)), null, 'oversized');
});

test('an endorsement verifies for its host and key only', async () => {
  const secret = await mk.deriveMeetingSecret(mk.generateSeed());
  const other = await mk.deriveMeetingSecret(mk.generateSeed());
  const signatureKey = Uint8Array.from({ length: 32 }, (_, i) => 100 + i);
  const endorsement = mk.endorseHost(secret, 1, signatureKey);
  assert.equal(Buffer.from(endorsement, 'base64').length, 64);
  assert.equal(mk.verifyEndorsement(secret.public, 1, signatureKey, endorsement), true);
  assert.equal(mk.verifyEndorsement(secret.public, 2, signatureKey, endorsement), false, 'another participant');
  const otherKey = signatureKey.slice();
  otherKey[0] ^= 1;
  assert.equal(mk.verifyEndorsement(secret.public, 1, otherKey, endorsement), false, 'another signature key');
  assert.equal(mk.verifyEndorsement(other.public, 1, signatureKey, endorsement), false, 'another meeting');
  assert.equal(mk.verifyEndorsement(secret.public, 1, signatureKey, mk.endorseHost(other, 1, signatureKey)), false, 'signed by another meeting key');
  assert.equal(mk.verifyEndorsement(secret.public, 1, signatureKey, 'AAAA'), false, 'junk');
  // The signed message is "conclave host v1" || u64 BE participant || key,
  // checked with node's Ed25519 rather than the module's.
  const { createPublicKey, verify } = await import('node:crypto');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(secret.public.signing)]);
  const message = Buffer.concat([Buffer.from('conclave host v1'), Buffer.from([0, 0, 0, 0, 0, 0, 1, 2]), Buffer.from(signatureKey)]);
  const twoFiftyEight = mk.endorseHost(secret, 258, signatureKey);
  assert.equal(verify(null, message, createPublicKey({ key: spki, format: 'der', type: 'spki' }), Buffer.from(twoFiftyEight, 'base64')), true);
});

test('interop vectors from the native client, when present', { skip: !existsSync(VECTORS) && 'no admission-vectors.json yet' }, async () => {
  const v = JSON.parse(readFileSync(VECTORS, 'utf8'));
  const seed = mk.fromBase64Url(v.seed_b64url);
  const secret = await mk.deriveMeetingSecret(seed);
  assert.equal(mk.toBase64Url(mk.encodePublicKey(secret.public)), v.pub_b64url, 'same pub= from the same seed');
  const opened = await mk.openKnock(secret, v.meeting_id, v.sealed_knock);
  assert.ok(opened, 'the native knock opens');
  assert.deepEqual(opened, typeof v.knock_plaintext === 'string' ? JSON.parse(v.knock_plaintext) : v.knock_plaintext);
  const publicKey = mk.decodePublicKey(mk.fromBase64Url(v.pub_b64url));
  const { participant, signature_key, endorsement } = v.endorsement;
  assert.equal(mk.verifyEndorsement(publicKey, participant, Buffer.from(signature_key, 'base64'), endorsement), true);
  assert.equal(mk.endorseHost(secret, participant, Buffer.from(signature_key, 'base64')), endorsement, 'Ed25519 is deterministic: same signature');
});

test('a recorded epoch is sealed to the meeting key as the exporter reads it (docs/recording.md)', async () => {
  const { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } = await import('@hpke/core');
  const secret = await mk.deriveMeetingSecret(mk.generateSeed());
  const baseKey = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
  const members = [{ leaf: 0, participant: 7, name: 'Ada' }, { leaf: 3, participant: 0, name: '' }];
  const sealed = await mk.sealRecordingEpoch(secret.public.knock, { epoch: 12n, baseKey, members });
  assert.match(sealed, /^[A-Za-z0-9+/]+={0,2}$/, 'standard base64 with padding');
  const bytes = Buffer.from(sealed, 'base64');
  const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
  const open = (info) =>
    suite.open({ recipientKey: secret.knockKeyPair, enc: new Uint8Array(bytes.subarray(0, 32)).buffer, info: new TextEncoder().encode(info) }, new Uint8Array(bytes.subarray(32)).buffer, new ArrayBuffer(0));
  const plaintext = JSON.parse(new TextDecoder().decode(await open('conclave recording v1')));
  // Exactly the fields the Rust exporter accepts (it refuses unknown ones).
  assert.deepEqual(plaintext, { epoch: 12, base_key: Buffer.from(baseKey).toString('base64'), members });
  await assert.rejects(open('conclave knock v1 '), 'bound to recordings: no other seal opens it');
  await assert.rejects(mk.sealRecordingEpoch(new Uint8Array(31), { epoch: 1n, baseKey, members }));
});
