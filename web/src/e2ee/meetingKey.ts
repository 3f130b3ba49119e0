// The meeting key of docs/admission.md: a 32-byte seed drawn by the
// organiser's browser, from which HKDF-SHA256 derives the Ed25519 key that
// endorses hosts and the HPKE key knocks are sealed to. The host link carries
// the seed (`key=`), the participant link only the two public keys (`pub=`);
// both live in the URL fragment, which browsers never send to the server.
//
// Every primitive comes from a maintained implementation: HKDF from
// WebCrypto, Ed25519 from @noble/curves, HPKE (RFC 9180) from @hpke/core.
// This module only fixes the labels, the encodings and the message layouts.

import { ed25519 } from '@noble/curves/ed25519.js';
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import type { ParticipantId } from '../protocol/ParticipantId';
import { MAX_ENDORSEMENT_BYTES, MAX_ID, MAX_KNOCK_BYTES, MAX_RECORDING_KEY_BYTES } from '../protocol/constants';

export const SEED_BYTES = 32;
const SIGNING_INFO = 'conclave meeting signing key v1';
const KNOCK_INFO = 'conclave meeting knock key v1';
const KNOCK_HPKE_INFO_PREFIX = 'conclave knock v1 ';
const COHOST_HPKE_INFO_PREFIX = 'conclave cohost v1 ';
const ENDORSEMENT_PREFIX = 'conclave host v1';
const RECORDING_HPKE_INFO = 'conclave recording v1';
/** X25519 public key, the HPKE `enc` of DHKEM(X25519) and an Ed25519 public key: all 32 bytes. */
const KEY_BYTES = 32;

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Base64url without padding, as the links carry keys. */
export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict inverse of toBase64Url: null for anything that is not exactly that form. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = Uint8Array.from(s, (c) => c.charCodeAt(0));
  // Reject non-canonical trailing bits so one key has exactly one spelling.
  return toBase64Url(out) === text ? out : null;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** What anyone with the participant link holds: enough to knock and to check hosts. */
export interface MeetingPublicKey {
  /** Ed25519 public key that verifies host endorsements. */
  signing: Uint8Array;
  /** X25519 public key knocks are sealed to. */
  knock: Uint8Array;
}

/** What a host holds (from `key=`): everything derived from the seed. */
export interface MeetingSecret {
  seed: Uint8Array;
  public: MeetingPublicKey;
  /** RFC 8032 private key (seed form) that endorses hosts. */
  signingKey: Uint8Array;
  /** The HPKE recipient key pair that opens knocks. */
  knockKeyPair: CryptoKeyPair;
}

let suite: CipherSuite | null = null;
/** RFC 9180 base mode: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM. */
function hpke(): CipherSuite {
  suite ??= new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
  return suite;
}

/** A fresh meeting seed from the platform's CSPRNG. */
export function generateSeed(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SEED_BYTES));
}

/** HKDF-SHA256 (RFC 5869), empty salt, 32 bytes out. */
async function hkdf(seed: Uint8Array, info: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', seed as BufferSource, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: ascii(info) as BufferSource }, key, 256);
  return new Uint8Array(bits);
}

export async function deriveMeetingSecret(seed: Uint8Array): Promise<MeetingSecret> {
  if (seed.length !== SEED_BYTES) throw new Error(`a meeting seed has ${SEED_BYTES} bytes`);
  const signingKey = await hkdf(seed, SIGNING_INFO);
  const ikm = await hkdf(seed, KNOCK_INFO);
  const kem = hpke().kem;
  const knockKeyPair = await kem.deriveKeyPair(ikm.slice().buffer);
  const knock = new Uint8Array(await kem.serializePublicKey(knockKeyPair.publicKey));
  return { seed, signingKey, knockKeyPair, public: { signing: ed25519.getPublicKey(signingKey), knock } };
}

/** `pub=` of the participant link: ed25519_public || x25519_public. */
export function encodePublicKey(key: MeetingPublicKey): Uint8Array {
  const out = new Uint8Array(2 * KEY_BYTES);
  out.set(key.signing, 0);
  out.set(key.knock, KEY_BYTES);
  return out;
}

export function decodePublicKey(bytes: Uint8Array): MeetingPublicKey | null {
  if (bytes.length !== 2 * KEY_BYTES) return null;
  return { signing: bytes.slice(0, KEY_BYTES), knock: bytes.slice(KEY_BYTES) };
}

// ------------------------------------------------------------------ links --

/** What a meeting link's fragment says. */
export type LinkFragment =
  | {
      ok: true;
      hostSecret: string | null;
      seed: Uint8Array | null;
      publicKey: MeetingPublicKey | null;
      /** `rec=`: an organisation's recording key, sealed to instead of the meeting key (docs/recording.md). */
      recordingKey: Uint8Array | null;
    }
  | { ok: false; problem: string };

/** Reads `#host=…&key=…` or `#pub=…` (or neither: a meeting without a lobby). */
export function parseFragment(hash: string): LinkFragment {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const hostSecret = params.get('host');
  const keyText = params.get('key');
  const pubText = params.get('pub');
  const recText = params.get('rec');
  let seed: Uint8Array | null = null;
  let recordingKey: Uint8Array | null = null;
  if (recText !== null) {
    recordingKey = fromBase64Url(recText);
    if (!recordingKey || recordingKey.length !== KEY_BYTES) return { ok: false, problem: 'The recording key in this link is damaged. Copy the whole link again.' };
  }
  let publicKey: MeetingPublicKey | null = null;
  if (keyText !== null) {
    seed = fromBase64Url(keyText);
    if (!seed || seed.length !== SEED_BYTES) return { ok: false, problem: 'The meeting key in this link is damaged. Copy the whole host link again.' };
  }
  if (pubText !== null) {
    const bytes = fromBase64Url(pubText);
    publicKey = bytes && decodePublicKey(bytes);
    if (!publicKey) return { ok: false, problem: 'The meeting key in this link is damaged. Ask the host for the full participant link again.' };
  }
  return { ok: true, hostSecret: hostSecret === '' ? null : hostSecret, seed, publicKey, recordingKey };
}

/**
 * Appends `key=SEED` to a host link (which already has `#host=…`), and
 * `rec=` when the server has an organisation's recording key (base64url).
 */
export function hostLinkWithKey(hostLink: string, seed: Uint8Array, recordingKey: string | null = null): string {
  const url = new URL(hostLink);
  const fragment = url.hash.replace(/^#/, '');
  url.hash = `${fragment === '' ? '' : `${fragment}&`}key=${toBase64Url(seed)}${recordingPart(recordingKey)}`;
  return url.href;
}

/** The participant link: the meeting link with `#pub=PUBLIC` (and `rec=`, as for the host link). */
export function participantLinkWithKey(link: string, key: MeetingPublicKey, recordingKey: string | null = null): string {
  const url = new URL(link);
  url.hash = `pub=${toBase64Url(encodePublicKey(key))}${recordingPart(recordingKey)}`;
  return url.href;
}

/** `&rec=KEY` for a well-formed key; a damaged one is left out (recordings then seal to the meeting key). */
function recordingPart(recordingKey: string | null): string {
  return recordingKey !== null && fromBase64Url(recordingKey)?.length === KEY_BYTES ? `&rec=${recordingKey}` : '';
}

// ----------------------------------------------------------------- knocks --

/** The sealed plaintext of a knock, exactly these fields. */
export interface KnockPlaintext {
  participant: ParticipantId;
  name: string;
  /** base64 MLSMessage(KeyPackage) */
  key_package: string;
  /** base64 of the knocker's own X25519 public key, to seal the meeting key to if promoted. */
  box_key?: string;
}

function knockInfo(meetingId: string): Uint8Array {
  // Bound to the meeting: a knock cannot be replayed into another one.
  return ascii(KNOCK_HPKE_INFO_PREFIX + meetingId);
}

/** Seals a knock to the meeting's knock key: base64(enc || ciphertext). */
export async function sealKnock(key: MeetingPublicKey, meetingId: string, knock: KnockPlaintext): Promise<string> {
  const fields: KnockPlaintext = { participant: knock.participant, name: knock.name, key_package: knock.key_package };
  if (knock.box_key !== undefined) fields.box_key = knock.box_key;
  const text = await seal(key.knock, knockInfo(meetingId), ascii(JSON.stringify(fields)));
  if (text.length > MAX_KNOCK_BYTES) throw new Error('The knock is too large.');
  return text;
}

/** HPKE base mode to an X25519 public key: base64(enc || ciphertext), empty aad. */
async function seal(recipient: Uint8Array, info: Uint8Array, plaintext: Uint8Array): Promise<string> {
  const s = hpke();
  const recipientPublicKey = await s.kem.deserializePublicKey(recipient.slice().buffer);
  const { enc, ct } = await s.seal({ recipientPublicKey, info }, plaintext.slice().buffer, new ArrayBuffer(0));
  const sealed = new Uint8Array(enc.byteLength + ct.byteLength);
  sealed.set(new Uint8Array(enc), 0);
  sealed.set(new Uint8Array(ct), enc.byteLength);
  return toBase64(sealed);
}

/** The inverse of seal; null for anything that does not open. */
async function open(recipientKey: CryptoKeyPair, info: Uint8Array, sealed: string): Promise<ArrayBuffer | null> {
  const bytes = fromBase64(sealed);
  if (!bytes || bytes.length <= KEY_BYTES) return null;
  try {
    return await hpke().open({ recipientKey, enc: bytes.slice(0, KEY_BYTES).buffer, info }, bytes.slice(KEY_BYTES).buffer, new ArrayBuffer(0));
  } catch {
    return null;
  }
}

/**
 * Opens a knock with the meeting secret. Null for anything that does not
 * open, or opens to something other than exactly the three fields.
 */
export async function openKnock(secret: MeetingSecret, meetingId: string, sealed: string): Promise<KnockPlaintext | null> {
  if (sealed.length > MAX_KNOCK_BYTES) return null;
  const plaintext = await open(secret.knockKeyPair, knockInfo(meetingId), sealed);
  return plaintext === null ? null : parseKnockPlaintext(plaintext);
}

function parseKnockPlaintext(plaintext: ArrayBuffer): KnockPlaintext | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const v = value as Record<string, unknown>;
    // Exactly these fields, and optionally `box_key` (the knocker's key for
    // a promotion to co-host, docs/admission.md): an X25519 public key.
    const keys = Object.keys(v).filter((k) => k !== 'box_key').sort().join(',');
    if (keys !== 'key_package,name,participant') return null;
    const { participant, name, key_package, box_key } = v;
    if (typeof participant !== 'number' || !Number.isSafeInteger(participant) || participant < 0 || participant > MAX_ID) return null;
    if (typeof name !== 'string' || typeof key_package !== 'string') return null;
    if (box_key === undefined) return { participant, name, key_package };
    if (typeof box_key !== 'string' || fromBase64(box_key)?.length !== KEY_BYTES) return null;
    return { participant, name, key_package, box_key };
  } catch {
    return null;
  }
}

// --------------------------------------------------------------- co-hosts --

/**
 * A knocker's own HPKE key pair (docs/admission.md, "Co-hosts"): drawn per
 * knock, its public half goes in the knock as `box_key`, and a host who
 * promotes the knocker seals the meeting seed to it. The private key never
 * leaves this page.
 */
export interface BoxKey {
  keyPair: CryptoKeyPair;
  /** base64 of the raw X25519 public key, as the knock's `box_key`. */
  publicKey: string;
}

export async function generateBoxKey(): Promise<BoxKey> {
  const kem = hpke().kem;
  const keyPair = await kem.generateKeyPair();
  return { keyPair, publicKey: toBase64(new Uint8Array(await kem.serializePublicKey(keyPair.publicKey))) };
}

function cohostInfo(meetingId: string): Uint8Array {
  return ascii(COHOST_HPKE_INFO_PREFIX + meetingId);
}

/** A host seals the meeting seed to a member's `box_key`: the `sealed_key` of `promote`. */
export async function sealSeedToBox(secret: MeetingSecret, meetingId: string, boxKey: string): Promise<string> {
  const recipient = fromBase64(boxKey);
  if (!recipient || recipient.length !== KEY_BYTES) throw new Error('the box key is not an X25519 public key');
  return seal(recipient, cohostInfo(meetingId), secret.seed);
}

/**
 * The promoted member opens `promoted {sealed_key}`: the meeting secret, but
 * only if it derives the very public key of this member's link (a server
 * cannot hand it another meeting's key). Null otherwise.
 */
export async function openSeedFromBox(box: BoxKey, meetingId: string, sealed: string, expected: MeetingPublicKey): Promise<MeetingSecret | null> {
  if (sealed.length > MAX_KNOCK_BYTES) return null;
  const plaintext = await open(box.keyPair, cohostInfo(meetingId), sealed);
  if (plaintext === null || plaintext.byteLength !== SEED_BYTES) return null;
  const secret = await deriveMeetingSecret(new Uint8Array(plaintext));
  const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  return same(secret.public.signing, expected.signing) && same(secret.public.knock, expected.knock) ? secret : null;
}

// ------------------------------------------------------------- recordings --

/** One member of a recorded epoch (docs/recording.md). */
export interface RecordedMember {
  leaf: number;
  /** 0 when the member's credential is unreadable. */
  participant: number;
  /** Empty while the group has not named the member yet. */
  name: string;
}

/** What a host's client seals to the recording key at each epoch while a recording runs. */
export interface RecordingEpoch {
  epoch: bigint;
  baseKey: Uint8Array;
  members: RecordedMember[];
}

/**
 * Seals an epoch's SFrame base key and roster to the recording key (by
 * default the meeting's knock key from the link): `recording_key.sealed`.
 * Only the meeting key (the host link) or an organisation's recording key
 * opens it; the server stores it and cannot.
 */
export async function sealRecordingEpoch(recipient: Uint8Array, epoch: RecordingEpoch): Promise<string> {
  if (recipient.length !== KEY_BYTES) throw new Error('the recording key is not an X25519 public key');
  const plaintext = ascii(
    JSON.stringify({
      epoch: Number(epoch.epoch),
      base_key: toBase64(epoch.baseKey),
      members: epoch.members.map((m) => ({ leaf: m.leaf, participant: m.participant, name: m.name })),
    }),
  );
  try {
    const text = await seal(recipient, ascii(RECORDING_HPKE_INFO), plaintext);
    if (text.length > MAX_RECORDING_KEY_BYTES) throw new Error('The recording key is too large to send.');
    return text;
  } finally {
    // The plaintext held the base key.
    plaintext.fill(0);
  }
}

/** An SFrame base key's length (the suite's Nk, docs/e2ee.md). */
const RECORDING_BASE_KEY_BYTES = 16;
/** Leaves are u32 in MLS; the KID carries 16 bits of them. */
const MAX_LEAF = 0xffffffff;

/**
 * Opens one sealed epoch of a recording with the meeting secret (the host
 * link's key): the inverse of sealRecordingEpoch. Null for anything that
 * does not open, or opens to anything but exactly the three fields of
 * docs/recording.md (and exactly `leaf`, `participant`, `name` per member).
 */
export async function openRecordingEpoch(secret: MeetingSecret, sealed: string): Promise<RecordingEpoch | null> {
  const plaintext = await open(secret.knockKeyPair, ascii(RECORDING_HPKE_INFO), sealed);
  if (plaintext === null) return null;
  const bytes = new Uint8Array(plaintext);
  try {
    return parseRecordingEpoch(bytes);
  } finally {
    // The plaintext holds the base key.
    bytes.fill(0);
  }
}

function parseRecordingEpoch(plaintext: Uint8Array): RecordingEpoch | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    return null;
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const fieldsAre = (v: Record<string, unknown>, names: string): boolean => Object.keys(v).sort().join(',') === names;
  const isCount = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;
  if (!isObject(value) || !fieldsAre(value, 'base_key,epoch,members')) return null;
  const { epoch, base_key, members } = value;
  if (!isCount(epoch, Number.MAX_SAFE_INTEGER) || typeof base_key !== 'string' || !Array.isArray(members)) return null;
  const baseKey = fromBase64(base_key);
  // Canonical base64 only, as the Rust reader demands: one key, one spelling.
  if (!baseKey || baseKey.length !== RECORDING_BASE_KEY_BYTES || toBase64(baseKey) !== base_key) return null;
  const roster: RecordedMember[] = [];
  for (const m of members) {
    if (!isObject(m) || !fieldsAre(m, 'leaf,name,participant')) return null;
    const { leaf, participant, name } = m;
    if (!isCount(leaf, MAX_LEAF) || !isCount(participant, MAX_ID) || typeof name !== 'string') return null;
    roster.push({ leaf, participant, name });
  }
  return { epoch: BigInt(epoch), baseKey, members: roster };
}

// ------------------------------------------------------------ endorsements --

/** `conclave host v1` || participant as u64 big-endian || signature_key. */
function endorsementMessage(participant: ParticipantId, signatureKey: Uint8Array): Uint8Array {
  const prefix = ascii(ENDORSEMENT_PREFIX);
  const out = new Uint8Array(prefix.length + 8 + signatureKey.length);
  out.set(prefix, 0);
  new DataView(out.buffer).setBigUint64(prefix.length, BigInt(participant), false);
  out.set(signatureKey, prefix.length + 8);
  return out;
}

/** The meeting key's word that this leaf signature key is a host's (base64). */
export function endorseHost(secret: MeetingSecret, participant: ParticipantId, signatureKey: Uint8Array): string {
  return toBase64(ed25519.sign(endorsementMessage(participant, signatureKey), secret.signingKey));
}

/** Whether `endorsement` (base64) is the meeting key's signature for this host. */
export function verifyEndorsement(key: MeetingPublicKey, participant: ParticipantId, signatureKey: Uint8Array, endorsement: string): boolean {
  if (endorsement.length > MAX_ENDORSEMENT_BYTES || !Number.isSafeInteger(participant) || participant < 0) return false;
  const signature = fromBase64(endorsement);
  if (!signature || signature.length !== 64 || signatureKey.length !== KEY_BYTES) return false;
  try {
    // Strict RFC 8032 verification (no ZIP-215 leniency): one valid
    // signature per message and key, as a check of attestations wants.
    return ed25519.verify(signature, endorsementMessage(participant, signatureKey), key.signing, { zip215: false });
  } catch {
    return false;
  }
}
