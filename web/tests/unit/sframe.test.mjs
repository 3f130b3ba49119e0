// SFrame against the official RFC 9605 test vectors (every case in the JSON:
// headers, the AES-CTR+HMAC AEAD, SFrame encryption for all five suites),
// plus the behaviour the media worker relies on: tampering, wrong keys and
// malformed headers fail.
//
// Run from web/: `npm run test:unit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadTs } from './load.mjs';

const sf = await loadTs('src/e2ee/sframe.ts');

// kid and ctr go up to 2^64 - 1, beyond what a JSON number keeps exactly in
// JavaScript: read them as strings, then as BigInt.
const raw = readFileSync(new URL('./data/sframe-test-vectors.json', import.meta.url), 'utf8');
const vectors = JSON.parse(raw.replace(/"(kid|ctr)"\s*:\s*(\d+)/g, '"$1":"$2"'));

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b) => Buffer.from(b).toString('hex');

test('every header vector encodes and decodes exactly', () => {
  assert.ok(vectors.header.length > 200);
  for (const v of vectors.header) {
    const kid = BigInt(v.kid);
    const ctr = BigInt(v.ctr);
    assert.equal(toHex(sf.encodeHeader(kid, ctr)), v.encoded, `encode kid=${kid} ctr=${ctr}`);
    const decoded = sf.decodeHeader(hex(v.encoded));
    assert.deepEqual(decoded, { kid, ctr, length: v.encoded.length / 2 }, `decode ${v.encoded}`);
  }
});

test('truncated and non-minimal headers are refused', () => {
  assert.equal(sf.decodeHeader(new Uint8Array(0)), null);
  assert.equal(sf.decodeHeader(hex('99012345')), null, 'CTR cut short');
  assert.equal(sf.decodeHeader(hex('8000')), null, 'KID 0 in one extra byte');
  assert.equal(sf.decodeHeader(hex('900007')), null, 'KID 7 in two bytes');
});

for (const group of ['aes_ctr_hmac', 'aes_256_ctr_hmac']) {
  test(`${group} AEAD vectors`, async () => {
    assert.ok(vectors[group].length > 0);
    for (const v of vectors[group]) {
      const encKey = hex(v.enc_key);
      const authKey = hex(v.auth_key);
      assert.equal(toHex(encKey) + toHex(authKey), v.key, 'subkeys split the key');
      const tagLen = hex(v.ct).length - hex(v.pt).length;
      const suite = { id: v.cipher_suite, hash: authKey.length === 64 ? 'SHA-512' : 'SHA-256', nh: authKey.length, nk: encKey.length + authKey.length, nka: encKey.length, nn: 12, nt: tagLen, aead: 'ctr-hmac' };
      if (sf.CIPHER_SUITES.has(v.cipher_suite)) {
        // Registered suites go through the normal import path.
        const registered = sf.cipherSuite(v.cipher_suite);
        assert.equal(registered.nt, tagLen);
        const key = await sf.importAeadKey(v.cipher_suite, hex(v.key));
        await checkAead(key, v);
      }
      await checkAead(await sf.importCtrHmacKey(suite, encKey, authKey), v);
    }
  });
}

async function checkAead(key, v) {
  const ct = await sf.aeadEncrypt(key, hex(v.nonce), hex(v.aad), hex(v.pt));
  assert.equal(toHex(ct), v.ct, `suite ${v.cipher_suite} encrypt`);
  const pt = await sf.aeadDecrypt(key, hex(v.nonce), hex(v.aad), hex(v.ct));
  assert.equal(toHex(pt), v.pt, `suite ${v.cipher_suite} decrypt`);
  const bad = hex(v.ct);
  bad[0] ^= 1;
  await assert.rejects(sf.aeadDecrypt(key, hex(v.nonce), hex(v.aad), bad), `suite ${v.cipher_suite} tampered`);
}

test('SFrame vectors for every cipher suite', async () => {
  const suites = vectors.sframe.map((v) => v.cipher_suite).sort();
  assert.deepEqual(suites, [1, 2, 3, 4, 5]);
  for (const v of vectors.sframe) {
    const kid = BigInt(v.kid);
    const ctr = BigInt(v.ctr);
    const derived = await sf.deriveKeySalt(v.cipher_suite, hex(v.base_key), kid);
    assert.equal(toHex(derived.secret), v.sframe_secret, `suite ${v.cipher_suite} secret`);
    assert.equal(toHex(derived.key), v.sframe_key, `suite ${v.cipher_suite} key`);
    assert.equal(toHex(derived.salt), v.sframe_salt, `suite ${v.cipher_suite} salt`);
    assert.equal(toHex(sf.nonceFor(derived.salt, ctr)), v.nonce, `suite ${v.cipher_suite} nonce`);
    const key = await sf.sframeKey(v.cipher_suite, hex(v.base_key), kid);
    const ct = await sf.sframeEncrypt(key, ctr, hex(v.metadata), hex(v.pt));
    assert.equal(toHex(ct), v.ct, `suite ${v.cipher_suite} encrypt`);
    const header = sf.decodeHeader(hex(v.ct));
    assert.equal(toHex(hex(v.ct).subarray(0, header.length)) + v.metadata, v.aad, 'aad = header || metadata');
    const pt = await sf.sframeDecrypt(key, header, hex(v.metadata), hex(v.ct));
    assert.equal(toHex(pt), v.pt, `suite ${v.cipher_suite} decrypt`);

    // Metadata is authenticated: a changed prefix fails.
    const otherMeta = hex(v.metadata);
    otherMeta[0] ^= 0x80;
    await assert.rejects(sf.sframeDecrypt(key, header, otherMeta, hex(v.ct)), `suite ${v.cipher_suite} metadata`);
    // A key for another KID, or from another base key, fails.
    const otherBase = hex(v.base_key);
    otherBase[15] ^= 1;
    const wrong = await sf.sframeKey(v.cipher_suite, otherBase, kid);
    await assert.rejects(sf.sframeDecrypt(wrong, header, hex(v.metadata), hex(v.ct)), `suite ${v.cipher_suite} wrong key`);
    await assert.rejects(sf.sframeDecrypt(await sf.sframeKey(v.cipher_suite, hex(v.base_key), kid + 1n), header, hex(v.metadata), hex(v.ct)));
  }
});

test('Conclave media suite: KIDs of docs/e2ee.md round-trip', async () => {
  const baseKey = crypto.getRandomValues(new Uint8Array(16));
  // context 1 (camera), leaf 5, epoch 17 → epoch bits 1.
  const kid = (1n << 20n) | (5n << 4n) | (17n % 16n);
  assert.equal(kid, 0x100051n);
  const key = await sf.sframeKey(sf.AES_128_GCM_SHA256_128, baseKey, kid);
  const prefix = Uint8Array.of(0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0x68, 0x01);
  const body = crypto.getRandomValues(new Uint8Array(1200));
  for (const ctr of [0n, 7n, 8n, 65535n, 1n << 40n]) {
    const out = await sf.sframeEncrypt(key, ctr, prefix, body);
    assert.equal(out.length, sf.encodeHeader(kid, ctr).length + body.length + 16);
    const header = sf.decodeHeader(out);
    assert.equal(header.kid, kid);
    assert.equal(header.ctr, ctr);
    assert.deepEqual(await sf.sframeDecrypt(key, header, prefix, out), body);
  }
});
