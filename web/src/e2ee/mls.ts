// This client's MLS member (RFC 9420, via ts-mls) and its side of the
// delivery-service flow of docs/e2ee.md: KeyPackage after `welcome`, create
// the group when told, commit what the server asks (checking every Add's
// credential), merge once accepted, process others' commits, join from a
// Welcome, and chat and introduce itself as application messages (the JSON
// envelope of docs/e2ee.md). Credentials carry only the participant id: a
// member's name comes from the group (memberNames.ts), never the server.
//
// Every operation runs one at a time, in the order the messages came: MLS
// state is a chain, and two operations on the same epoch would fork it.
// It never touches media; after every epoch change it hands the SFrame base
// key, the security code and the members to its owner.
//
// With the meeting key of a lobby link (docs/admission.md) it also enforces
// admission: its KeyPackages support the roster extension, a host creates
// the group with the roster and records in it whom it admits, and every
// Welcome and commit from another member is checked (admission.ts) before
// it is merged. A violation discards the group state for good and raises the
// alarm; nothing rejoins by itself. Without the meeting key nothing of this
// applies and the member behaves as it always did.

import {
  acceptAll,
  createApplicationMessage,
  createCommit,
  createGroup,
  decodeMlsMessage,
  defaultCapabilities,
  emptyPskIndex,
  encodeMlsMessage,
  encodeRequiredCapabilities,
  generateKeyPackage,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  mlsExporter,
  processMessage,
  type CiphersuiteImpl,
  type ClientState,
  type Credential,
  type Extension,
  type KeyPackage,
  type MLSMessage,
  type PrivateKeyPackage,
  type PrivateMessage,
  type Proposal,
} from 'ts-mls';
import { unprotectPrivateMessage } from 'ts-mls/messageProtection.js';
import type { FramedContent } from 'ts-mls/framedContent.js';
import type { ClientMessage } from '../protocol/ClientMessage';
import type { MlsAdd } from '../protocol/MlsAdd';
import type { ParticipantId } from '../protocol/ParticipantId';
import type { ServerMessage } from '../protocol/ServerMessage';
import { securityCode } from './securityCode';
import {
  checkCommit,
  checkWelcome,
  encodeRoster,
  memberEntry,
  parseRoster,
  ROSTER_EXTENSION_TYPE,
  signatureKeyText,
  validHosts,
  type AdmissionLeaf,
  type ProposalSummary,
  type Roster,
  type RosterHost,
  type RosterMember,
  type RosterRecording,
} from './admission';
import { endorseHost, verifyEndorsement, type MeetingPublicKey, type MeetingSecret } from './meetingKey';
import { decodeApplication, encodeChat, encodeIntroduce, Introductions, resolveName, unnamedLabel, type LeafIdentity } from './memberNames';
import { MAX_APPLICATION_RECIPIENTS, MAX_CHAT_CHARS, MAX_MLS_APPLICATION_BYTES, MAX_REASON_CHARS } from '../protocol/constants';

export const MLS_CIPHER_SUITE = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519';
export const SFRAME_BASE_KEY_LABEL = 'SFrame 1.0 Base Key';
/** docs/e2ee.md: chat messages are at most this many characters. */
export { MAX_CHAT_CHARS };

// Clock skew: a KeyPackage valid only from "now" is refused by a committer
// whose clock is a little behind.
const KEY_PACKAGE_BACKDATE_S = 3600n;
const KEY_PACKAGE_LIFETIME_S = 3n * 24n * 3600n;

/**
 * A member of the group: its participant id from its credential, its name
 * from the group (memberNames.ts). Every leaf of the group is a member,
 * readable or not: a leaf whose credential this client cannot read has
 * `participant` null and must be shown as an unknown member with an alarm,
 * never dropped (the roster is exactly who holds the keys). A readable
 * member the group does not name yet has `name` null and no alarm.
 */
export interface Member {
  leaf: number;
  participant: ParticipantId | null;
  name: string | null;
}

/** How a member whose credential cannot be read is named wherever a name is shown. */
export const UNKNOWN_MEMBER = 'Unknown member';

/** The text shown for a member: its name, "Participant <id>" if it has none yet, or the unknown-member text. */
export function memberLabel(m: Member): string {
  if (m.participant === null) return UNKNOWN_MEMBER;
  return m.name ?? unnamedLabel(m.participant);
}

/** What the roster extension says about the current members (enforcing clients only). */
export interface AdmissionView {
  /** Participants whose leaf is a host endorsed by the meeting key. */
  hosts: ParticipantId[];
  /** Who admitted whom, for members the roster lists. */
  admittedBy: Map<ParticipantId, ParticipantId | null>;
}

/** Everything that changes with an epoch. */
export interface EpochInfo {
  epoch: bigint;
  /** MLS-Exporter("SFrame 1.0 Base Key", "", 16). */
  baseKey: Uint8Array;
  ownLeaf: number;
  securityCode: string;
  members: Member[];
  /** Null when this client does not enforce admission. */
  admission: AdmissionView | null;
  /**
   * The group's own roster says this epoch is recorded, sealed to this
   * X25519 key (docs/recording.md); null when it does not.
   */
  recording: Uint8Array | null;
}

/**
 * The meeting key from the link: the public part (anyone enforcing) and,
 * for hosts, the secret derived from `key=`.
 */
export interface AdmissionKeys {
  publicKey: MeetingPublicKey;
  secret: MeetingSecret | null;
  /** The link's `rec=`: an organisation's recording key, which a host's commit names instead of the meeting key. */
  recordingKey?: Uint8Array | null;
}

export interface MlsEvents {
  epoch(info: EpochInfo): void;
  chat(from: Member, text: string): void;
  /** A member's name changed without an epoch change (an introduction arrived): the members, named anew. */
  names?(members: Member[]): void;
  /** This client was removed from the group: no more keys will come. */
  removed(): void;
  /**
   * This client's group state was discarded (it could not process
   * something, or the server reset it) and it asked to be added again:
   * until the next epoch it has no keys.
   */
  rejoining(reason: string): void;
  /** Something went wrong that the person may want to know about. */
  problem(message: string): void;
  /**
   * Enforcing clients only: the group's membership was tampered with (a
   * commit or Welcome broke the admission rules). The group state is gone
   * and this member does nothing more; it never rejoins by itself.
   */
  tampered(reason: string): void;
  /**
   * Enforcing non-hosts only: the group state was discarded and getting
   * back in needs a host's admission again, so this fresh KeyPackage must
   * go out in a new sealed knock.
   */
  reknock(keyPackage: string): void;
}

type MlsServerMessage = Extract<ServerMessage, { type: `mls_${string}` }>;

export function isMlsMessage(msg: ServerMessage): msg is MlsServerMessage {
  return msg.type.startsWith('mls_');
}

/** The credential identity of docs/e2ee.md: `{"participant":<id>}`, and no name (the server sees every KeyPackage). */
export function credentialIdentity(participant: ParticipantId): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ participant }));
}

/**
 * Reads a credential exactly as the native client does (docs/e2ee.md): a
 * basic credential whose identity is byte for byte the canonical JSON
 * `{"participant":<id>}`, with an id within 2^53 − 1. Anything else
 * (including the older form with a name) is null: an unknown member.
 */
export function parseCredential(credential: Credential): { participant: ParticipantId } | null {
  if (credential.credentialType !== 'basic') return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(credential.identity);
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { participant } = value as Record<string, unknown>;
    if (typeof participant !== 'number' || !Number.isSafeInteger(participant) || participant < 0) return null;
    if (!sameBytes(credentialIdentity(participant), credential.identity)) return null;
    return { participant };
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Every leaf of the group in leaf order, from the ratchet tree's credentials; names are not resolved here. */
export function membersOf(state: ClientState): Member[] {
  const out: Member[] = [];
  state.ratchetTree.forEach((node, index) => {
    if (index % 2 !== 0 || node?.nodeType !== 'leaf') return;
    const id = parseCredential(node.leaf.credential);
    out.push({ leaf: index / 2, participant: id?.participant ?? null, name: null });
  });
  return out;
}

/** Every readable leaf with its signature key: whom an introduction belongs to. */
function leafIdentities(tree: ClientState['ratchetTree']): LeafIdentity[] {
  const out: LeafIdentity[] = [];
  tree.forEach((node, index) => {
    if (index % 2 !== 0 || node?.nodeType !== 'leaf') return;
    const participant = parseCredential(node.leaf.credential)?.participant;
    if (participant !== undefined) out.push({ leaf: index / 2, participant, signatureKey: signatureKeyText(node.leaf.signaturePublicKey) });
  });
  return out;
}

/**
 * The participants a commit added: leaves after it that no leaf before it
 * held with the same participant and signature key.
 */
function addedParticipants(before: ClientState, after: ClientState): ParticipantId[] {
  const old = new Set(leafIdentities(before.ratchetTree).map((l) => `${l.participant} ${l.signatureKey}`));
  return leafIdentities(after.ratchetTree)
    .filter((l) => !old.has(`${l.participant} ${l.signatureKey}`))
    .map((l) => l.participant);
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function decodeMessage(base64: string): MLSMessage {
  const decoded = decodeMlsMessage(fromBase64(base64), 0);
  if (!decoded) throw new Error('not an MLS message');
  return decoded[0];
}

let suitePromise: Promise<CiphersuiteImpl> | null = null;
function cipherSuite(): Promise<CiphersuiteImpl> {
  suitePromise ??= getCiphersuiteImpl(getCiphersuiteFromName(MLS_CIPHER_SUITE));
  return suitePromise;
}

interface PendingCommit {
  epoch: bigint;
  state: ClientState;
  /** Whom it adds: they hear our introduction once it is merged. */
  added: ParticipantId[];
  /** Admissions this commit used up; they count again if it loses. */
  admissions: Map<ParticipantId, Admitted>;
}

/** Every leaf of the tree with what admission needs: participant and signature key. */
export function admissionLeaves(state: ClientState): AdmissionLeaf[] {
  const out: AdmissionLeaf[] = [];
  state.ratchetTree.forEach((node, index) => {
    if (index % 2 !== 0 || node?.nodeType !== 'leaf') return;
    out.push({ leaf: index / 2, participant: parseCredential(node.leaf.credential)?.participant ?? null, signatureKey: node.leaf.signaturePublicKey });
  });
  return out;
}

function isRosterExtension(e: Extension): boolean {
  return e.extensionType === ROSTER_EXTENSION_TYPE;
}

/** The group's roster extension, raw and parsed (either may be null). */
export function rosterOf(state: ClientState): { roster: Roster | null; bytes: Uint8Array | null } {
  const ext = state.groupContext.extensions.find(isRosterExtension);
  if (!ext) return { roster: null, bytes: null };
  return { roster: parseRoster(ext.extensionData), bytes: ext.extensionData };
}

/** The recipient key the group's roster says this epoch is recorded to, if it says so. */
function recordingOf(state: ClientState): Uint8Array | null {
  const to = rosterOf(state).roster?.recording?.to;
  if (to === undefined) return null;
  try {
    const key = fromBase64(to);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}

/** A host's admission of a knock: the exact KeyPackage it opened, and the name in the knock. */
interface Admitted {
  keyPackage: Uint8Array;
  name: string;
}

export class MlsClient {
  private state: ClientState | null = null;
  private keyPackage: { publicPackage: KeyPackage; privatePackage: PrivateKeyPackage } | null = null;
  private pending: PendingCommit | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** Set once a violation was seen: this member is done. */
  private tamperedWith = false;
  private readonly admitted = new Map<ParticipantId, Admitted>();
  /** Members' latest valid introductions, by leaf (docs/e2ee.md, "Names"). */
  private readonly introductions = new Introductions();
  /** Problems with names already reported, so each is logged once rather than at every epoch. */
  private readonly warnedNames = new Set<string>();

  constructor(
    readonly participant: ParticipantId,
    /** Our own name: it leaves this client only in the sealed knock, our roster entry as creator, and introductions. */
    readonly name: string,
    private readonly send: (msg: ClientMessage) => void,
    private readonly events: MlsEvents,
    /** Null: no meeting key in the link, nothing is enforced (docs/admission.md). */
    private admission: AdmissionKeys | null = null,
  ) {}

  /**
   * A host promoted this member to co-host and it opened the meeting
   * secret (checked against the link's public key by the caller): from now
   * on it endorses itself, and its next commit appends its own endorsed
   * entry to the roster's hosts (docs/admission.md, "Co-hosts").
   */
  becomeHost(secret: MeetingSecret): void {
    const admission = this.admission;
    if (!admission || admission.secret) return;
    this.admission = { publicKey: admission.publicKey, secret, recordingKey: admission.recordingKey ?? null };
  }

  /** Whether this member holds the meeting secret (a host, or a promoted co-host). */
  get holdsMeetingKey(): boolean {
    return this.isHostKeyHolder;
  }

  /** Whether this member enforces admission. */
  get enforcing(): boolean {
    return this.admission !== null;
  }

  private get isHostKeyHolder(): boolean {
    return this.admission?.secret != null;
  }

  private verifier(): (participant: ParticipantId, signatureKey: Uint8Array, endorsement: string) => boolean {
    const key = this.admission?.publicKey;
    return (participant, signatureKey, endorsement) => key !== undefined && verifyEndorsement(key, participant, signatureKey, endorsement);
  }

  /** The current epoch, or null before joining the group. */
  get epoch(): bigint | null {
    return this.state?.groupContext.epoch ?? null;
  }

  get members(): Member[] {
    return this.state ? this.shownMembers(this.state) : [];
  }

  /**
   * Makes the KeyPackage and sends it; call once, right after `welcome`. A
   * host's carries the meeting key's endorsement of its signature key, so
   * any member may commit its Add.
   */
  start(): Promise<void> {
    return this.enqueue('KeyPackage', async () => {
      const key_package = await this.freshKeyPackage();
      const host_endorsement = this.ownEndorsement();
      this.send(host_endorsement ? { type: 'mls_key_package', key_package, host_endorsement } : { type: 'mls_key_package', key_package });
    });
  }

  /**
   * Makes the KeyPackage a knock carries (a guest in the lobby): it goes to
   * the hosts sealed, never to the server in the clear.
   */
  knockKeyPackage(): Promise<string> {
    let out = '';
    return this.enqueue('KeyPackage', async () => {
      out = await this.freshKeyPackage();
    }).then(() => out);
  }

  /**
   * A host's click on Admit: the only KeyPackage this host will commit for
   * that participant's knock, and the name the roster will give them.
   */
  admit(participant: ParticipantId, keyPackage: string, name: string): void {
    this.admitted.set(participant, { keyPackage: fromBase64(keyPackage), name });
  }

  /**
   * What a host's commit writes into the roster when the server asks it to
   * start (the link's recording key, else the meeting key) or stop a
   * recording (docs/recording.md).
   */
  private recordingEntry(on: boolean): RosterRecording | null {
    const admission = this.admission;
    if (!on || !admission) return null;
    return { to: toBase64(admission.recordingKey ?? admission.publicKey.knock) };
  }

  /** This member's own endorsed host entry for the roster, if it holds the meeting secret. */
  private ownHostEntry(state: ClientState): RosterHost | null {
    const secret = this.admission?.secret;
    const node = state.ratchetTree[state.privatePath.leafIndex * 2];
    if (!secret || node?.nodeType !== 'leaf') return null;
    const signatureKey = node.leaf.signaturePublicKey;
    return { participant: this.participant, signature_key: signatureKeyText(signatureKey), endorsement: endorseHost(secret, this.participant, signatureKey) };
  }

  /** The endorsement of this member's current signature key, if it holds the meeting secret. */
  private ownEndorsement(): string | undefined {
    const secret = this.admission?.secret;
    const kp = this.keyPackage;
    if (!secret || !kp) return undefined;
    return endorseHost(secret, this.participant, kp.publicPackage.leafNode.signaturePublicKey);
  }

  private async freshKeyPackage(): Promise<string> {
    const cs = await cipherSuite();
    const now = BigInt(Math.floor(Date.now() / 1000));
    const capabilities = defaultCapabilities();
    // Enforcing members can hold the roster extension in their group context.
    if (this.admission) capabilities.extensions = [...capabilities.extensions, ROSTER_EXTENSION_TYPE];
    this.keyPackage = await generateKeyPackage(
      { credentialType: 'basic', identity: credentialIdentity(this.participant) },
      capabilities,
      { notBefore: now - KEY_PACKAGE_BACKDATE_S, notAfter: now + KEY_PACKAGE_LIFETIME_S },
      [],
      cs,
    );
    const message: MLSMessage = { version: 'mls10', wireformat: 'mls_key_package', keyPackage: this.keyPackage.publicPackage };
    return toBase64(encodeMlsMessage(message));
  }

  /**
   * Our group state is unusable, or the server says we are out: drop it
   * (no more keys under it), and ask to be added again with a fresh
   * KeyPackage instead of sitting on a dead epoch.
   */
  private async rejoin(reason: string): Promise<void> {
    console.warn(`conclave: rejoining the encrypted group: ${reason}`);
    this.state = null;
    this.pending = null;
    this.events.rejoining(reason);
    const key_package = await this.freshKeyPackage();
    if (this.admission && !this.isHostKeyHolder) {
      // Only a host's click lets a guest back in.
      this.events.reknock(key_package);
      return;
    }
    const host_endorsement = this.ownEndorsement();
    const msg: ClientMessage = { type: 'mls_rejoin', key_package, reason: reason.slice(0, MAX_REASON_CHARS) };
    // A host's rejoin carries its endorsement as its first KeyPackage did.
    this.send(host_endorsement ? { ...msg, host_endorsement } : msg);
  }

  /**
   * The admission rules were broken: drop the group state (no more keys),
   * stop handling anything, and raise the alarm. No rejoin.
   */
  private tamper(reason: string): void {
    console.error(`conclave: the meeting's membership was tampered with: ${reason}`);
    this.tamperedWith = true;
    this.state = null;
    this.pending = null;
    this.keyPackage = null;
    this.events.tampered(reason);
  }

  /** Takes an `mls_*` server message; it is handled after those before it. */
  handle(msg: MlsServerMessage): Promise<void> {
    return this.enqueue(msg.type, () => this.dispatch(msg));
  }

  /** Encrypts and sends one chat message. */
  sendChat(text: string): Promise<Member | null> {
    let sender: Member | null = null;
    return this.enqueue('chat', async () => {
      const state = this.state;
      if (!state) throw new Error('Not in the encrypted group yet.');
      if (text.length > MAX_CHAT_CHARS) throw new Error(`A message can have at most ${MAX_CHAT_CHARS} characters.`);
      await this.sendApplication(state, encodeChat(text), null);
      sender = this.shownMembers(state).find((m) => m.leaf === state.privatePath.leafIndex) ?? null;
    }).then(() => sender);
  }

  /**
   * Encrypts application data and sends it, to everyone (`to` null) or to
   * the listed members. The caller runs inside the queue.
   */
  private async sendApplication(state: ClientState, data: Uint8Array, to: ParticipantId[] | null): Promise<void> {
    const cs = await cipherSuite();
    const { newState, privateMessage } = await createApplicationMessage(state, data, cs);
    this.state = newState;
    const message: MLSMessage = { version: 'mls10', wireformat: 'mls_private_message', privateMessage };
    const encoded = toBase64(encodeMlsMessage(message));
    if (encoded.length > MAX_MLS_APPLICATION_BYTES) throw new Error('The message is too long.');
    // Epochs are u64 (bigint here); the signaling layer writes them as JSON numbers.
    const msg: ClientMessage = { type: 'mls_application', epoch: state.groupContext.epoch, message: encoded };
    this.send(to === null ? msg : { ...msg, to });
  }

  /**
   * Whether the group names us only by our introduction: always without
   * admission; with it, when our roster entry has no name (a host another
   * member added with its endorsement).
   */
  private needsIntroduction(state: ClientState): boolean {
    if (!this.admission) return true;
    const { roster } = rosterOf(state);
    const entry = roster ? memberEntry(roster, this.participant) : undefined;
    return entry === undefined || entry.name === '';
  }

  /**
   * Introduces us, if the group has no name for us, to everyone (`to`
   * null: just in the group) or to the members a commit added, at most
   * MAX_APPLICATION_RECIPIENTS per message as the server allows.
   */
  private async introduce(to: ParticipantId[] | null): Promise<void> {
    const state = this.state;
    if (!state || !this.needsIntroduction(state)) return;
    if (to === null) {
      await this.sendApplication(state, encodeIntroduce(this.name), null);
      return;
    }
    const others = [...new Set(to)].filter((p) => p !== this.participant);
    for (let i = 0; i < others.length; i += MAX_APPLICATION_RECIPIENTS) {
      const current = this.state;
      if (!current) return;
      await this.sendApplication(current, encodeIntroduce(this.name), others.slice(i, i + MAX_APPLICATION_RECIPIENTS));
    }
  }

  close(): void {
    this.closed = true;
    this.state = null;
    this.pending = null;
    this.keyPackage = null;
  }

  /** Resolves once every operation queued so far has finished (for tests). */
  idle(): Promise<void> {
    return this.chain;
  }

  private enqueue(what: string, op: () => Promise<void>): Promise<void> {
    const run = this.chain.then(async () => {
      if (this.closed || this.tamperedWith) return;
      await op();
    });
    this.chain = run.catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      console.warn(`conclave: MLS ${what} failed:`, e);
      if (!this.closed) this.events.problem(`Encryption: ${what} failed: ${message}`);
    });
    return run;
  }

  private async dispatch(msg: MlsServerMessage): Promise<void> {
    switch (msg.type) {
      case 'mls_create_group':
        return this.createGroup();
      case 'mls_commit_request':
        return this.commit(BigInt(msg.epoch), msg.adds, msg.removes, msg.update, msg.recording);
      case 'mls_commit_accepted':
        return this.accepted(BigInt(msg.epoch));
      case 'mls_commit_rejected':
        if (this.pending && this.pending.epoch === BigInt(msg.epoch)) this.dropPending();
        return;
      case 'mls_commit':
        return this.processCommit(BigInt(msg.epoch), msg.commit);
      case 'mls_welcome':
        return this.join(msg.welcome);
      case 'mls_application':
        return this.receiveApplication(msg.message);
      case 'mls_reset':
        return this.rejoin(`reset by the server: ${msg.reason}`);
    }
  }

  private async createGroup(): Promise<void> {
    if (this.state) return;
    const kp = this.keyPackage;
    if (!kp) throw new Error('no KeyPackage');
    const cs = await cipherSuite();
    const groupId = crypto.getRandomValues(new Uint8Array(16));
    const extensions: Extension[] = [];
    if (this.admission) {
      // Only a host creates the group, with itself as host and member.
      const endorsement = this.ownEndorsement();
      if (!endorsement) throw new Error('only a host can create the group of a meeting with a lobby');
      const roster: Roster = {
        v: 1,
        hosts: [{ participant: this.participant, signature_key: signatureKeyText(kp.publicPackage.leafNode.signaturePublicKey), endorsement }],
        members: [{ participant: this.participant, name: this.name, admitted_by: null }],
        recording: null,
      };
      // RFC 9420 lets a group rely on an extension only when every member
      // must support it: openmls refuses a GroupContext extension that is
      // not in required_capabilities (docs/admission.md). Commits keep it,
      // since they replace only the roster.
      extensions.push({
        extensionType: 'required_capabilities',
        extensionData: encodeRequiredCapabilities({ extensionTypes: [ROSTER_EXTENSION_TYPE], proposalTypes: [], credentialTypes: [] }),
      });
      extensions.push({ extensionType: ROSTER_EXTENSION_TYPE, extensionData: encodeRoster(roster) });
    }
    this.state = await createGroup(groupId, kp.publicPackage, kp.privatePackage, extensions, cs);
    this.send({ type: 'mls_group_created' });
    await this.epochChanged();
    // Alone for now, so the server relays it to nobody; members added
    // later hear it with `to` after the commit that adds them.
    await this.introduce(null);
  }

  private async commit(epoch: bigint, adds: MlsAdd[], removes: ParticipantId[], update: boolean, recording?: boolean): Promise<void> {
    const state = this.state;
    if (!state || state.groupContext.epoch !== epoch) {
      // The server will pass the request on to another member after its timeout.
      console.warn(`conclave: commit request for epoch ${epoch} but we are at ${this.epoch}`);
      return;
    }
    const members = membersOf(state);
    const addProposals: Proposal[] = [];
    let added: ParticipantId[] = [];
    const admission = this.admission ? this.admissionPlan(state) : null;
    for (const add of adds) {
      const keyPackage = checkedKeyPackage(add);
      if (!keyPackage) continue;
      if (members.some((m) => m.participant === add.participant) || added.includes(add.participant)) continue;
      if (admission && !admission.take(add, keyPackage)) continue;
      addProposals.push({ proposalType: 'add', add: { keyPackage } });
      added.push(add.participant);
    }
    const removeProposals: Proposal[] = [];
    const removed: ParticipantId[] = [];
    for (const participant of removes) {
      for (const m of members) {
        if (m.participant === participant && m.leaf !== state.privatePath.leafIndex) {
          removeProposals.push({ proposalType: 'remove', remove: { removed: m.leaf } });
          if (!removed.includes(participant)) removed.push(participant);
        }
      }
    }
    // An empty commit (the rekey) or one with a removal carries a fresh
    // path; ts-mls has no way to put one on Adds alone, as the native client
    // does to fill the tree (crates/e2ee/src/group.rs, build_commit).
    void update;
    const cs = await cipherSuite();
    // The roster changes in the same commit as the Adds it records.
    const rosterProposals: Proposal[] = [];
    const roster = admission?.rosterAfter(removes, recording === undefined ? undefined : this.recordingEntry(recording));
    if (roster) {
      const extensions = [...state.groupContext.extensions.filter((e) => !isRosterExtension(e)), { extensionType: ROSTER_EXTENSION_TYPE, extensionData: roster }];
      rosterProposals.push({ proposalType: 'group_context_extensions', groupContextExtensions: { extensions } });
    }
    let result;
    try {
      result = await createCommit(
        { state, cipherSuite: cs },
        { extraProposals: [...addProposals, ...removeProposals, ...rosterProposals], ratchetTreeExtension: true },
      );
    } catch (e) {
      // One bad KeyPackage must not stall the group: commit the rest, and
      // say so (the server tells the joiners left out).
      console.warn('conclave: commit failed, retrying with removes only', e);
      added = [];
      // Nobody was added, so the admissions still stand.
      for (const [participant, admitted] of admission?.used ?? []) this.admitted.set(participant, admitted);
      admission?.used.clear();
      result = await createCommit({ state, cipherSuite: cs }, { extraProposals: removeProposals, ratchetTreeExtension: true });
    }
    this.pending = { epoch, state: result.newState, added, admissions: admission?.used ?? new Map() };
    const commit = toBase64(encodeMlsMessage(result.commit));
    if (result.welcome && added.length > 0) {
      const welcome = toBase64(encodeMlsMessage({ version: 'mls10', wireformat: 'mls_welcome', welcome: result.welcome }));
      this.send({ type: 'mls_commit', epoch, commit, welcome, added, removed });
    } else {
      this.send({ type: 'mls_commit', epoch, commit, added, removed });
    }
  }

  /**
   * Our commit lost (rejected, or another one won the epoch): the knocks it
   * would have added may be committed when the server asks again. An
   * accepted commit uses them up for good, so a removed guest's old
   * KeyPackage is never added again without a new click.
   */
  private dropPending(): void {
    for (const [participant, admitted] of this.pending?.admissions ?? []) {
      if (!this.admitted.has(participant)) this.admitted.set(participant, admitted);
    }
    this.pending = null;
  }

  private async accepted(epoch: bigint): Promise<void> {
    const pending = this.pending;
    if (!pending || pending.epoch !== epoch) return;
    this.pending = null;
    this.state = pending.state;
    await this.epochChanged();
    if (pending.added.length > 0) await this.introduce(pending.added);
  }

  private async processCommit(epoch: bigint, commit: string): Promise<void> {
    const state = this.state;
    if (!state) return; // Not a member yet: the Welcome will bring us in.
    if (epoch < state.groupContext.epoch) {
      console.warn(`conclave: ignoring a commit for epoch ${epoch}; we are at ${state.groupContext.epoch}`);
      return;
    }
    if (epoch > state.groupContext.epoch) return this.rejoin(`missed epochs ${state.groupContext.epoch}..${epoch}`);
    let result;
    let content: FramedContent | null = null;
    try {
      const message = decodeMessage(commit);
      if (message.wireformat !== 'mls_private_message' && message.wireformat !== 'mls_public_message') {
        throw new Error(`a commit arrived as ${message.wireformat}`);
      }
      const cs = await cipherSuite();
      if (this.admission) {
        // Read what the commit does before ts-mls applies any of it.
        content = message.wireformat === 'mls_public_message' ? message.publicMessage.content : await this.peekPrivate(state, message.privateMessage, cs);
        const refusal = refuseOutright(content);
        if (refusal) return this.tamper(refusal);
      }
      result = await processMessage(message, state, emptyPskIndex, acceptAll, cs);
      if (result.kind !== 'newState') throw new Error('expected a commit, got an application message');
    } catch (e) {
      // Staying on this epoch would leave us deaf and mute for good.
      return this.rejoin(`could not process the commit for epoch ${epoch}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.admission && content?.contentType === 'commit') {
      const refusal = this.checkIncomingCommit(state, result.newState, content);
      if (refusal) return this.tamper(refusal);
    }
    // Someone else's commit for this epoch won; ours (if any) is void.
    if (this.pending?.epoch === epoch) this.dropPending();
    this.state = result.newState;
    if (result.newState.groupActiveState.kind === 'removedFromGroup') {
      this.state = null;
      this.introductions.clear();
      this.events.removed();
      return;
    }
    await this.epochChanged();
    const added = addedParticipants(state, result.newState);
    if (added.length > 0) await this.introduce(added);
  }

  private async join(welcome: string): Promise<void> {
    if (this.state) return;
    const kp = this.keyPackage;
    if (!kp) throw new Error('no KeyPackage');
    try {
      const message = decodeMessage(welcome);
      if (message.wireformat !== 'mls_welcome') throw new Error(`a Welcome arrived as ${message.wireformat}`);
      const cs = await cipherSuite();
      const joined = await joinGroup(message.welcome, kp.publicPackage, kp.privatePackage, emptyPskIndex, cs);
      if (this.admission) {
        const refusal = checkWelcome(rosterOf(joined).roster, admissionLeaves(joined), joined.privatePath.leafIndex, this.verifier());
        if (refusal) return this.tamper(`refused the Welcome: ${refusal}`);
      }
      this.state = joined;
    } catch (e) {
      return this.rejoin(`could not join from the Welcome: ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.epochChanged();
    await this.introduce(null);
  }

  /** Decrypts a private commit to read it; the state is left as it was. */
  private async peekPrivate(state: ClientState, pm: PrivateMessage, cs: CiphersuiteImpl): Promise<FramedContent> {
    const result = await unprotectPrivateMessage(
      state.keySchedule.senderDataSecret,
      pm,
      state.secretTree,
      state.ratchetTree,
      state.groupContext,
      state.clientConfig.keyRetentionConfig,
      cs,
    );
    return result.content.content;
  }

  /** docs/admission.md's commit checks, on the states before and after it. */
  private checkIncomingCommit(before: ClientState, after: ClientState, content: Extract<FramedContent, { contentType: 'commit' }>): string | null {
    const proposals: ProposalSummary[] = [];
    let byReference = false;
    for (const p of content.commit.proposals) {
      if (p.proposalOrRefType !== 'proposal') {
        byReference = true;
        continue;
      }
      proposals.push(summarize(p.proposal));
    }
    const rosterBefore = rosterOf(before);
    const rosterAfter = rosterOf(after);
    return checkCommit(
      {
        committerLeaf: content.sender.senderType === 'member' ? content.sender.leafIndex : null,
        byReference,
        proposals,
        before: { roster: rosterBefore.roster, rosterBytes: rosterBefore.bytes, leaves: admissionLeaves(before) },
        after: { roster: rosterAfter.roster, rosterBytes: rosterAfter.bytes, leaves: admissionLeaves(after) },
      },
      this.verifier(),
    );
  }

  /**
   * Which of the Adds a commit request asks for this member may commit,
   * and the roster that records them: a host commits the knocks it
   * admitted (byte for byte the KeyPackage it opened); anyone commits hosts
   * whose KeyPackage the meeting key endorses; nothing else.
   */
  private admissionPlan(state: ClientState): {
    take(add: MlsAdd, keyPackage: KeyPackage): boolean;
    rosterAfter(removes: ParticipantId[], recording?: RosterRecording | null): Uint8Array | null;
    used: Map<ParticipantId, Admitted>;
  } {
    const { roster, bytes } = rosterOf(state);
    const leaves = admissionLeaves(state);
    const verify = this.verifier();
    const ownLeaf = state.privatePath.leafIndex;
    const listedHost = roster !== null && validHosts(roster, leaves, verify).has(ownLeaf);
    // A co-host holds the meeting secret but is not in the roster's hosts
    // yet: this commit appends its own endorsed entry, and it acts as a
    // host in the same commit, as the native client does.
    const ownEntry = listedHost || roster === null ? null : this.ownHostEntry(state);
    const amHost = listedHost || ownEntry !== null;
    const newHosts: RosterHost[] = [];
    const newMembers: RosterMember[] = [];
    const used = new Map<ParticipantId, Admitted>();
    return {
      used,
      take: (add, keyPackage) => {
        if (!roster) return false;
        if (!keyPackage.leafNode.capabilities.extensions.includes(ROSTER_EXTENSION_TYPE)) {
          console.warn(`conclave: not adding participant ${add.participant}: their client does not support the roster`);
          return false;
        }
        if (add.knock) {
          const admitted = this.admitted.get(add.participant);
          if (!amHost || !admitted || !sameBytes(admitted.keyPackage, fromBase64(add.key_package))) {
            console.warn(`conclave: not adding participant ${add.participant}: no host's admission of this KeyPackage here`);
            return false;
          }
          this.admitted.delete(add.participant);
          used.set(add.participant, admitted);
          newMembers.push({ participant: add.participant, name: admitted.name, admitted_by: this.participant });
          return true;
        }
        const endorsement = add.host_endorsement;
        const signatureKey = keyPackage.leafNode.signaturePublicKey;
        if (endorsement === undefined || !verify(add.participant, signatureKey, endorsement)) {
          console.warn(`conclave: not adding participant ${add.participant}: neither an admitted knock nor an endorsed host`);
          return false;
        }
        // Credentials carry no name: nobody but the host knows it, so it
        // introduces itself once in (docs/admission.md).
        newHosts.push({ participant: add.participant, signature_key: signatureKeyText(signatureKey), endorsement });
        newMembers.push({ participant: add.participant, name: '', admitted_by: null });
        return true;
      },
      rosterAfter: (removes, recording) => {
        if (!roster || !bytes || (newHosts.length === 0 && newMembers.length === 0 && ownEntry === null && recording === undefined)) return null;
        // Whoever is added gets fresh entries in place of any old ones (a
        // host rejoining), as the native client writes them.
        const added = new Set(newMembers.map((m) => m.participant));
        let hosts = roster.hosts.filter((h) => !added.has(h.participant));
        let members = roster.members.filter((m) => !added.has(m.participant));
        if (amHost) {
          // A host also keeps the roster to the leaves that stay (a host may
          // change it freely; a non-host only adds hosts).
          const staying = leaves.filter((l) => l.participant !== null && !removes.includes(l.participant));
          hosts = hosts.filter((h) => staying.some((l) => l.participant === h.participant && signatureKeyText(l.signatureKey) === h.signature_key));
          members = members.filter((m) => staying.some((l) => l.participant === m.participant));
        }
        if (ownEntry) hosts = [...hosts.filter((h) => h.participant !== this.participant), ownEntry];
        const next = encodeRoster({
          v: 1,
          hosts: [...hosts, ...newHosts],
          members: [...members, ...newMembers],
          recording: recording === undefined ? roster.recording : recording,
        });
        return sameBytes(next, bytes) ? null : next;
      },
    };
  }

  /**
   * A chat message or an introduction from another member. Its data is the
   * JSON envelope of docs/e2ee.md; anything else (malformed, or a type of a
   * later version) is ignored with a warning, not an alarm.
   */
  private async receiveApplication(base64: string): Promise<void> {
    const state = this.state;
    if (!state) return; // Not in the group yet: nothing sent to it can be for us.
    const message = decodeMessage(base64);
    if (message.wireformat !== 'mls_private_message') throw new Error(`an application message arrived as ${message.wireformat}`);
    const cs = await cipherSuite();
    const { data, sender } = await this.unprotectApplication(state, message.privateMessage, cs);
    const decoded = decodeApplication(data);
    if ('ignored' in decoded) {
      console.warn(`conclave: ignoring an application message from leaf ${sender.leaf}: ${decoded.ignored}`);
      return;
    }
    const current = this.state ?? state;
    if (decoded.type === 'chat') {
      const named = sender.who ? this.shownMembers(current).find((m) => m.leaf === sender.who?.leaf && m.participant === sender.who.participant) : undefined;
      // A member who left since keeps its id; an unknown member's chat is
      // shown as such (with the roster's alarm), not hidden.
      this.events.chat(named ?? { leaf: sender.leaf, participant: sender.who?.participant ?? null, name: null }, decoded.text);
      return;
    }
    this.receiveIntroduction(current, sender.leaf, sender.who, decoded.name);
  }

  /** Takes an introduction if its sender may name itself so (docs/e2ee.md, "Names"). */
  private receiveIntroduction(state: ClientState, leaf: number, who: LeafIdentity | null, name: string): void {
    const ignore = (why: string): void => console.warn(`conclave: ignoring the introduction of leaf ${leaf}: ${why}`);
    if (!who) return ignore('its credential cannot be read');
    // Sent in an older epoch by someone who has left since: nothing to name.
    const now = leafIdentities(state.ratchetTree).find((l) => l.leaf === who.leaf);
    if (!now || now.participant !== who.participant || now.signatureKey !== who.signatureKey) return ignore('the sender is no longer in the group');
    if (this.admission && !this.isValidHostLeaf(state, who.leaf)) return ignore(`participant ${who.participant} is not a host, and only hosts introduce themselves here`);
    const problem = this.introductions.record(who, name);
    if (problem) return ignore(problem);
    this.events.names?.(this.shownMembers(state));
  }

  private isValidHostLeaf(state: ClientState, leaf: number): boolean {
    const { roster } = rosterOf(state);
    return roster !== null && validHosts(roster, admissionLeaves(state), this.verifier()).has(leaf);
  }

  /**
   * Like ts-mls's processPrivateMessage for application data, but keeps the
   * sender's leaf (in the tree of the message's epoch), so what the data
   * says is tied to the sender's credential and not to what the server claims.
   */
  private async unprotectApplication(
    state: ClientState,
    pm: PrivateMessage,
    cs: CiphersuiteImpl,
  ): Promise<{ data: Uint8Array; sender: { leaf: number; who: LeafIdentity | null } }> {
    if (pm.contentType !== 'application') throw new Error('not an application message');
    const current = pm.epoch === state.groupContext.epoch;
    const data = current
      ? { senderDataSecret: state.keySchedule.senderDataSecret, secretTree: state.secretTree, ratchetTree: state.ratchetTree, groupContext: state.groupContext }
      : state.historicalReceiverData.get(pm.epoch);
    if (!data) throw new Error(`an application message from epoch ${pm.epoch}, which we no longer have`);
    const result = await unprotectPrivateMessage(data.senderDataSecret, pm, data.secretTree, data.ratchetTree, data.groupContext, state.clientConfig.keyRetentionConfig, cs);
    const content = result.content.content;
    if (content.contentType !== 'application' || content.sender.senderType !== 'member') throw new Error('not a member application message');
    if (current) {
      this.state = { ...state, secretTree: result.tree };
    } else {
      const historical = new Map(state.historicalReceiverData);
      const old = state.historicalReceiverData.get(pm.epoch);
      if (old) historical.set(pm.epoch, { ...old, secretTree: result.tree });
      this.state = { ...state, historicalReceiverData: historical };
    }
    const leaf = content.sender.leafIndex;
    const who = leafIdentities(data.ratchetTree).find((l) => l.leaf === leaf) ?? null;
    return { data: content.applicationData, sender: { leaf, who } };
  }

  private async epochChanged(): Promise<void> {
    const state = this.state;
    if (!state) return;
    // Introductions belong to the member: forgotten once it left its leaf.
    this.introductions.keepOnly(leafIdentities(state.ratchetTree));
    const cs = await cipherSuite();
    const baseKey = await mlsExporter(state.keySchedule.exporterSecret, SFRAME_BASE_KEY_LABEL, new Uint8Array(0), 16, cs);
    this.events.epoch({
      epoch: state.groupContext.epoch,
      baseKey,
      ownLeaf: state.privatePath.leafIndex,
      securityCode: securityCode(state.keySchedule.epochAuthenticator),
      members: this.shownMembers(state),
      admission: this.admission ? this.admissionView(state) : null,
      recording: recordingOf(state),
    });
  }

  /**
   * The members as they are shown, named by docs/e2ee.md's "Names": the
   * roster's name (attested by the admitting host, so nobody renames
   * themselves), else a valid host's or, without admission, anyone's
   * introduction, else none yet. Our own name is what we typed, whatever
   * the group says.
   */
  private shownMembers(state: ClientState): Member[] {
    const { roster } = this.admission ? rosterOf(state) : { roster: null };
    const hosts = roster ? validHosts(roster, admissionLeaves(state), this.verifier()) : new Map<number, ParticipantId>();
    const identities = new Map(leafIdentities(state.ratchetTree).map((l) => [l.leaf, l]));
    const ownLeaf = state.privatePath.leafIndex;
    return membersOf(state).map((m) => {
      const who = identities.get(m.leaf);
      if (m.participant === null || !who) return m;
      const resolved = resolveName(
        {
          admission: this.admission ? { rosterName: roster ? memberEntry(roster, m.participant)?.name : undefined, validHost: hosts.has(m.leaf) } : null,
          introduced: this.introductions.nameOf(who),
        },
        (problem) => this.warnName(`participant ${m.participant}: ${problem}`),
      );
      // We never hear our own introduction; we know our name anyway.
      return { ...m, name: resolved ?? (m.leaf === ownLeaf ? this.name : null) };
    });
  }

  private warnName(problem: string): void {
    if (this.warnedNames.has(problem)) return;
    this.warnedNames.add(problem);
    console.warn(`conclave: ignoring a name: ${problem}`);
  }

  private admissionView(state: ClientState): AdmissionView {
    const { roster } = rosterOf(state);
    const view: AdmissionView = { hosts: [], admittedBy: new Map() };
    if (!roster) return view;
    view.hosts = [...validHosts(roster, admissionLeaves(state), this.verifier()).values()];
    for (const m of membersOf(state)) {
      if (m.participant === null) continue;
      const entry = memberEntry(roster, m.participant);
      if (entry) view.admittedBy.set(m.participant, entry.admitted_by);
    }
    return view;
  }
}

/**
 * What an enforcing client refuses before even applying a commit: anything
 * not sent by a member (external commits and proposals), and proposals
 * sent on their own (which a later commit could pull in by reference).
 */
function refuseOutright(content: FramedContent): string | null {
  if (content.sender.senderType !== 'member') return `a message from outside the group (${content.sender.senderType})`;
  if (content.contentType === 'proposal') return 'a proposal sent on its own (only commits are expected)';
  return null;
}


/** Add, Remove, Update and GroupContextExtensions are named; anything else is "other". */
function summarize(proposal: Proposal): ProposalSummary {
  if (proposal.proposalType === 'add') {
    const leaf = proposal.add.keyPackage.leafNode;
    return { type: 'add', participant: parseCredential(leaf.credential)?.participant ?? null, signatureKey: leaf.signaturePublicKey };
  }
  const type = proposal.proposalType;
  if (type === 'remove' || type === 'update' || type === 'group_context_extensions') return { type };
  return { type: 'other', name: typeof type === 'number' ? `custom (${type})` : type };
}

/**
 * The KeyPackage of an Add, if its credential names the participant the
 * server named (and a name). Anything else is left out of the commit, so the
 * joiner stays outside and never gets keys.
 */
function checkedKeyPackage(add: MlsAdd): KeyPackage | null {
  try {
    const message = decodeMessage(add.key_package);
    if (message.wireformat !== 'mls_key_package') return null;
    const id = parseCredential(message.keyPackage.leafNode.credential);
    if (!id || id.participant !== add.participant) {
      console.warn(`conclave: refusing to add participant ${add.participant}: its credential says ${JSON.stringify(id)}`);
      return null;
    }
    if (message.keyPackage.cipherSuite !== MLS_CIPHER_SUITE) return null;
    return message.keyPackage;
  } catch (e) {
    console.warn(`conclave: unreadable KeyPackage for participant ${add.participant}`, e);
    return null;
  }
}
