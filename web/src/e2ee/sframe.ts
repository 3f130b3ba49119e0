// SFrame (RFC 9605) on WebCrypto: header encoding, per-KID key and salt
// derivation, and the AEADs of every registered cipher suite. Media uses
// suite 0x0004 (AES_128_GCM_SHA256_128, docs/e2ee.md); the others exist so
// the official test vectors can be checked in full.
//
// Pure functions over bytes: no DOM, no worker globals, so the same module
// runs in the media worker, on the main thread and in node's unit tests.

/** The one suite Conclave encrypts media with. */
export const AES_128_GCM_SHA256_128 = 0x0004;

export interface CipherSuite {
  id: number;
  hash: 'SHA-256' | 'SHA-512';
  /** Hash output size. */
  nh: number;
  /** AEAD key size (for AES-CTR+HMAC: encryption key + authentication key). */
  nk: number;
  /** AES key size inside the AES-CTR+HMAC AEAD; 0 for GCM. */
  nka: number;
  nn: number;
  /** Tag size. */
  nt: number;
  aead: 'gcm' | 'ctr-hmac';
}

/** RFC 9605 §4.5 / §8.1. */
export const CIPHER_SUITES: ReadonlyMap<number, CipherSuite> = new Map([
  [0x0001, { id: 0x0001, hash: 'SHA-256', nh: 32, nk: 48, nka: 16, nn: 12, nt: 10, aead: 'ctr-hmac' }],
  [0x0002, { id: 0x0002, hash: 'SHA-256', nh: 32, nk: 48, nka: 16, nn: 12, nt: 8, aead: 'ctr-hmac' }],
  [0x0003, { id: 0x0003, hash: 'SHA-256', nh: 32, nk: 48, nka: 16, nn: 12, nt: 4, aead: 'ctr-hmac' }],
  [0x0004, { id: 0x0004, hash: 'SHA-256', nh: 32, nk: 16, nka: 0, nn: 12, nt: 16, aead: 'gcm' }],
  [0x0005, { id: 0x0005, hash: 'SHA-512', nh: 64, nk: 32, nka: 0, nn: 12, nt: 16, aead: 'gcm' }],
]);

export function cipherSuite(id: number): CipherSuite {
  const suite = CIPHER_SUITES.get(id);
  if (!suite) throw new Error(`unknown SFrame cipher suite ${id}`);
  return suite;
}

const U64_MAX = (1n << 64n) - 1n;

// ---------------------------------------------------------------- header --

function byteLength(value: bigint): number {
  let n = 1;
  while (value >> BigInt(8 * n) !== 0n) n++;
  return n;
}

function writeBig(out: Uint8Array, offset: number, value: bigint, length: number): void {
  for (let i = length - 1; i >= 0; i--) {
    out[offset + i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

/** §4.3: config byte, then KID and CTR each in the fewest bytes (none if < 8). */
export function encodeHeader(kid: bigint, ctr: bigint): Uint8Array {
  if (kid < 0n || kid > U64_MAX || ctr < 0n || ctr > U64_MAX) throw new RangeError('KID and CTR are 64-bit unsigned');
  const kidLen = kid < 8n ? 0 : byteLength(kid);
  const ctrLen = ctr < 8n ? 0 : byteLength(ctr);
  const out = new Uint8Array(1 + kidLen + ctrLen);
  const k = kidLen === 0 ? Number(kid) : 0x08 | (kidLen - 1);
  const c = ctrLen === 0 ? Number(ctr) : 0x08 | (ctrLen - 1);
  out[0] = (k << 4) | c;
  if (kidLen) writeBig(out, 1, kid, kidLen);
  if (ctrLen) writeBig(out, 1 + kidLen, ctr, ctrLen);
  return out;
}

export interface Header {
  kid: bigint;
  ctr: bigint;
  /** Encoded size in bytes. */
  length: number;
}

/** Parses a header at the start of `data`; null if it is truncated or not minimal. */
export function decodeHeader(data: Uint8Array): Header | null {
  const config = data[0];
  if (config === undefined) return null;
  let offset = 1;
  const field = (bits: number): bigint | null => {
    if ((bits & 0x08) === 0) return BigInt(bits);
    const len = (bits & 0x07) + 1;
    if (offset + len > data.length) return null;
    let value = 0n;
    for (let i = 0; i < len; i++) value = (value << 8n) | BigInt(data[offset + i] ?? 0);
    offset += len;
    // §4.3 requires the minimum encoding; anything else is malformed.
    if (value < 8n || byteLength(value) !== len) return null;
    return value;
  };
  const kid = field(config >> 4);
  if (kid === null) return null;
  const ctr = field(config & 0x0f);
  if (ctr === null) return null;
  return { kid, ctr, length: offset };
}

// ------------------------------------------------------------------ HKDF --

async function hmac(hash: CipherSuite['hash'], key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', bs(key), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, bs(data)));
}

/** HKDF-Extract with an empty salt, which RFC 5869 defines as Nh zero bytes. */
export function hkdfExtract(suite: CipherSuite, salt: Uint8Array, ikm: Uint8Array): Promise<Uint8Array> {
  // WebCrypto refuses zero-length HMAC keys; zero padding makes them equal.
  return hmac(suite.hash, salt.length === 0 ? new Uint8Array(suite.nh) : salt, ikm);
}

export async function hkdfExpand(suite: CipherSuite, prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', bs(prk), { name: 'HMAC', hash: suite.hash }, false, ['sign']);
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let filled = 0, i = 1; filled < length; i++) {
    const input = concat(previous, info, Uint8Array.of(i));
    previous = new Uint8Array(await crypto.subtle.sign('HMAC', key, bs(input)));
    out.set(previous.subarray(0, Math.min(previous.length, length - filled)), filled);
    filled += previous.length;
  }
  return out;
}

function label(text: string, kid: bigint, suite: number): Uint8Array {
  const prefix = new TextEncoder().encode(text);
  const out = new Uint8Array(prefix.length + 10);
  out.set(prefix);
  writeBig(out, prefix.length, kid, 8);
  writeBig(out, prefix.length + 8, BigInt(suite), 2);
  return out;
}

export interface DerivedKey {
  secret: Uint8Array;
  key: Uint8Array;
  salt: Uint8Array;
}

/** §4.4.2 derive_key_salt. */
export async function deriveKeySalt(suiteId: number, baseKey: Uint8Array, kid: bigint): Promise<DerivedKey> {
  const suite = cipherSuite(suiteId);
  const secret = await hkdfExtract(suite, new Uint8Array(0), baseKey);
  const key = await hkdfExpand(suite, secret, label('SFrame 1.0 Secret key ', kid, suite.id), suite.nk);
  const salt = await hkdfExpand(suite, secret, label('SFrame 1.0 Secret salt ', kid, suite.id), suite.nn);
  return { secret, key, salt };
}

// ------------------------------------------------------------------ AEAD --

/** An imported AEAD key of one suite. */
export interface AeadKey {
  suite: CipherSuite;
  /** AES-GCM or AES-CTR key. */
  enc: CryptoKey;
  /** HMAC key (AES-CTR+HMAC suites only). */
  auth: CryptoKey | null;
}

export async function importAeadKey(suiteId: number, key: Uint8Array): Promise<AeadKey> {
  const suite = cipherSuite(suiteId);
  if (key.length !== suite.nk) throw new RangeError(`suite ${suiteId} needs a ${suite.nk}-byte key`);
  if (suite.aead === 'gcm') {
    const enc = await crypto.subtle.importKey('raw', bs(key), 'AES-GCM', false, ['encrypt', 'decrypt']);
    return { suite, enc, auth: null };
  }
  return importCtrHmacKey(suite, key.subarray(0, suite.nka), key.subarray(suite.nka));
}

/**
 * The AES-CTR+HMAC AEAD of §4.5.1 with any AES key size and hash; also
 * used directly by the tests for the AES-256 vectors.
 */
export async function importCtrHmacKey(suite: CipherSuite, encKey: Uint8Array, authKey: Uint8Array): Promise<AeadKey> {
  const enc = await crypto.subtle.importKey('raw', bs(encKey), 'AES-CTR', false, ['encrypt', 'decrypt']);
  const auth = await crypto.subtle.importKey('raw', bs(authKey), { name: 'HMAC', hash: suite.hash }, false, ['sign']);
  return { suite, enc, auth };
}

function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  writeBig(out, 0, BigInt(n), 8);
  return out;
}

async function ctrHmacTag(key: AeadKey, nonce: Uint8Array, aad: Uint8Array, ct: Uint8Array): Promise<Uint8Array> {
  if (!key.auth) throw new Error('no authentication key');
  const authData = concat(u64(aad.length), u64(ct.length), u64(key.suite.nt), nonce, aad, ct);
  const tag = new Uint8Array(await crypto.subtle.sign('HMAC', key.auth, bs(authData)));
  return tag.subarray(0, key.suite.nt);
}

function ctrParams(nonce: Uint8Array): AesCtrParams {
  return { name: 'AES-CTR', counter: bs(concat(nonce, new Uint8Array(4))), length: 32 };
}

export async function aeadEncrypt(key: AeadKey, nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array): Promise<Uint8Array> {
  if (key.suite.aead === 'gcm') {
    return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: bs(nonce), additionalData: bs(aad), tagLength: key.suite.nt * 8 }, key.enc, bs(pt)));
  }
  const ct = new Uint8Array(await crypto.subtle.encrypt(ctrParams(nonce), key.enc, bs(pt)));
  return concat(ct, await ctrHmacTag(key, nonce, aad, ct));
}

/** Throws on an authentication failure. */
export async function aeadDecrypt(key: AeadKey, nonce: Uint8Array, aad: Uint8Array, ct: Uint8Array): Promise<Uint8Array> {
  if (ct.length < key.suite.nt) throw new Error('ciphertext shorter than the tag');
  if (key.suite.aead === 'gcm') {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bs(nonce), additionalData: bs(aad), tagLength: key.suite.nt * 8 }, key.enc, bs(ct)));
  }
  const inner = ct.subarray(0, ct.length - key.suite.nt);
  const tag = ct.subarray(ct.length - key.suite.nt);
  const expected = await ctrHmacTag(key, nonce, aad, inner);
  if (!constantTimeEqual(tag, expected)) throw new Error('SFrame authentication failure');
  return new Uint8Array(await crypto.subtle.decrypt(ctrParams(nonce), key.enc, bs(inner)));
}

// ---------------------------------------------------------------- SFrame --

/** The key and salt for one KID, ready to use. */
export interface SFrameKey {
  kid: bigint;
  aead: AeadKey;
  salt: Uint8Array;
}

export async function sframeKey(suiteId: number, baseKey: Uint8Array, kid: bigint): Promise<SFrameKey> {
  const { key, salt } = await deriveKeySalt(suiteId, baseKey, kid);
  return { kid, aead: await importAeadKey(suiteId, key), salt };
}

/** salt XOR CTR, the counter big-endian and left-padded to Nn bytes. */
export function nonceFor(salt: Uint8Array, ctr: bigint): Uint8Array {
  const nonce = salt.slice();
  for (let i = nonce.length - 1; i >= 0 && ctr > 0n; i--) {
    nonce[i] = (nonce[i] ?? 0) ^ Number(ctr & 0xffn);
    ctr >>= 8n;
  }
  return nonce;
}

/** §4.4.3: returns header || ciphertext || tag. */
export async function sframeEncrypt(key: SFrameKey, ctr: bigint, metadata: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
  const header = encodeHeader(key.kid, ctr);
  const ct = await aeadEncrypt(key.aead, nonceFor(key.salt, ctr), concat(header, metadata), plaintext);
  return concat(header, ct);
}

/**
 * §4.4.4 for a ciphertext whose header was already parsed (the caller needed
 * the KID to find the key). Throws on any failure.
 */
export function sframeDecrypt(key: SFrameKey, header: Header, metadata: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  if (header.kid !== key.kid) return Promise.reject(new Error('KID does not match the key'));
  const aad = concat(ciphertext.subarray(0, header.length), metadata);
  return aeadDecrypt(key.aead, nonceFor(key.salt, header.ctr), aad, ciphertext.subarray(header.length));
}

// ----------------------------------------------------------------- bytes --

/** WebCrypto takes views on ArrayBuffer only; ours never are on shared memory. */
function bs(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
