// Who may add whom (docs/admission.md): the roster extension of the MLS
// group (type 0xF0C1) and the checks every enforcing client applies to a
// Welcome and to each commit before merging it. Pure functions over plain
// data: the MLS member (mls.ts) extracts leaves, proposals and rosters from
// ts-mls and acts on the verdict; nothing here touches MLS state or the page.

import type { ParticipantId } from '../protocol/ParticipantId';

/** GroupContext extension type of the roster (private-use range). */
export const ROSTER_EXTENSION_TYPE = 0xf0c1;

export interface RosterHost {
  participant: ParticipantId;
  /** base64 of the host's raw 32-byte Ed25519 leaf signature key. */
  signature_key: string;
  /** base64 Ed25519 signature by the meeting key (meetingKey.endorseHost). */
  endorsement: string;
}

export interface RosterMember {
  participant: ParticipantId;
  name: string;
  /** The host whose click let this member in; null for hosts themselves. */
  admitted_by: ParticipantId | null;
}

/** The group's own word that it is recorded (docs/recording.md). */
export interface RosterRecording {
  /** base64 of the X25519 key the epochs' keys are sealed to. */
  to: string;
}

export interface Roster {
  v: 1;
  hosts: RosterHost[];
  members: RosterMember[];
  /** Set by a host's commit while a recording runs; anyone's commit may clear it. */
  recording: RosterRecording | null;
}

/** One leaf of the ratchet tree, as far as admission cares. */
export interface AdmissionLeaf {
  leaf: number;
  /** From the credential; null if it cannot be read. */
  participant: ParticipantId | null;
  signatureKey: Uint8Array;
}

/** Checks a host entry's endorsement under the meeting's public key. */
export type EndorsementCheck = (participant: ParticipantId, signatureKey: Uint8Array, endorsement: string) => boolean;

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a roster's extension_data; null if it is not exactly a v1 roster. */
export function parseRoster(data: Uint8Array): Roster | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    return null;
  }
  if (!isObject(value) || value['v'] !== 1 || !Array.isArray(value['hosts']) || !Array.isArray(value['members'])) return null;
  const hosts: RosterHost[] = [];
  for (const h of value['hosts'] as unknown[]) {
    if (!isObject(h) || !isId(h['participant']) || typeof h['signature_key'] !== 'string' || typeof h['endorsement'] !== 'string') return null;
    hosts.push({ participant: h['participant'], signature_key: h['signature_key'], endorsement: h['endorsement'] });
  }
  const members: RosterMember[] = [];
  for (const m of value['members'] as unknown[]) {
    if (!isObject(m) || !isId(m['participant']) || typeof m['name'] !== 'string') return null;
    const admittedBy = m['admitted_by'];
    if (admittedBy !== null && !isId(admittedBy)) return null;
    members.push({ participant: m['participant'], name: m['name'], admitted_by: admittedBy });
  }
  const rec = value['recording'];
  let recording: RosterRecording | null = null;
  if (rec !== undefined && rec !== null) {
    if (!isObject(rec) || Object.keys(rec).join(',') !== 'to' || typeof rec['to'] !== 'string') return null;
    recording = { to: rec['to'] };
  }
  return { v: 1, hosts, members, recording };
}

/** The roster's extension_data: JSON with the fields in the documented order. */
export function encodeRoster(roster: Roster): Uint8Array {
  const value = {
    v: 1,
    hosts: roster.hosts.map((h) => ({ participant: h.participant, signature_key: h.signature_key, endorsement: h.endorsement })),
    members: roster.members.map((m) => ({ participant: m.participant, name: m.name, admitted_by: m.admitted_by })),
    // Only while set, after the members, as the native client writes it.
    ...(roster.recording ? { recording: { to: roster.recording.to } } : {}),
  };
  return new TextEncoder().encode(JSON.stringify(value));
}

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The host entry for a leaf: base64 of its signature key, as the roster spells it. */
export function signatureKeyText(signatureKey: Uint8Array): string {
  return bytesToBase64(signatureKey);
}

/**
 * The valid hosts of a group state: leaf index → participant, for every leaf
 * whose credential names a participant with a host entry carrying this
 * leaf's signature key and an endorsement the meeting key made.
 */
export function validHosts(roster: Roster, leaves: readonly AdmissionLeaf[], verify: EndorsementCheck): Map<number, ParticipantId> {
  const out = new Map<number, ParticipantId>();
  for (const leaf of leaves) {
    if (leaf.participant === null) continue;
    const key = signatureKeyText(leaf.signatureKey);
    const endorsed = roster.hosts.some(
      (h) => h.participant === leaf.participant && h.signature_key === key && verify(h.participant, leaf.signatureKey, h.endorsement),
    );
    if (endorsed) out.set(leaf.leaf, leaf.participant);
  }
  return out;
}

/**
 * A participant's member entry. Committers replace a participant's entries
 * rather than add a second; should a roster hold two, the first counts, as
 * in the native client.
 */
export function memberEntry(roster: Roster, participant: ParticipantId): RosterMember | undefined {
  return roster.members.find((m) => m.participant === participant);
}

/** Why a Welcome must be refused, or null if this client may join the group. */
export function checkWelcome(roster: Roster | null, leaves: readonly AdmissionLeaf[], ownLeaf: number, verify: EndorsementCheck): string | null {
  if (!roster) return 'the group has no readable roster';
  const hosts = validHosts(roster, leaves, verify);
  if (hosts.size === 0) return 'no member of the group is a host endorsed by the meeting key';
  const me = leaves.find((l) => l.leaf === ownLeaf);
  if (!me || me.participant === null) return 'this client is not in the group it was welcomed to';
  const entry = memberEntry(roster, me.participant);
  if (!entry) return 'the roster does not list this client';
  if (hosts.has(ownLeaf)) return null;
  if (entry.admitted_by === null || ![...hosts.values()].includes(entry.admitted_by)) {
    return 'no host of the group admitted this client';
  }
  return null;
}

/** A proposal of a commit, as the checks see it. */
export type ProposalSummary =
  | { type: 'add'; participant: ParticipantId | null; signatureKey: Uint8Array }
  | { type: 'remove' | 'update' | 'group_context_extensions' }
  | { type: 'other'; name: string };

export interface CommitFacts {
  /** The committer's leaf, or null for anything but a member (external commit). */
  committerLeaf: number | null;
  /** Whether any proposal came by reference instead of inside the commit. */
  byReference: boolean;
  proposals: readonly ProposalSummary[];
  before: { roster: Roster | null; rosterBytes: Uint8Array | null; leaves: readonly AdmissionLeaf[] };
  after: { roster: Roster | null; rosterBytes: Uint8Array | null; leaves: readonly AdmissionLeaf[] };
}

/**
 * Why a commit from another member must be refused (docs/admission.md,
 * "What every enforcing client checks"), or null if it may be merged.
 */
export function checkCommit(facts: CommitFacts, verify: EndorsementCheck): string | null {
  if (facts.committerLeaf === null) return 'a commit from outside the group (external commit)';
  if (facts.byReference) return 'a commit with proposals by reference';
  for (const p of facts.proposals) {
    if (p.type === 'other') return `a commit with a ${p.name} proposal`;
  }
  const { before, after } = facts;
  if (!before.roster) return 'the group had no readable roster';
  if (!after.roster || !after.rosterBytes) return 'a commit that removes or breaks the roster';
  const rosterChanged = !before.rosterBytes || !sameBytes(before.rosterBytes, after.rosterBytes);
  const adds = facts.proposals.filter((p): p is Extract<ProposalSummary, { type: 'add' }> => p.type === 'add');
  if (adds.length === 0 && !rosterChanged) return null;

  const hostsAfter = validHosts(after.roster, after.leaves, verify);
  // A host before the commit; or a co-host whose commit appends its own
  // endorsed entry (docs/admission.md, "Co-hosts"): the endorsement needs
  // the seed, so it proves as much as being a host already.
  const committerHost = validHosts(before.roster, before.leaves, verify).get(facts.committerLeaf) ?? hostsAfter.get(facts.committerLeaf);
  const addedHosts = new Set<ParticipantId>();
  for (const add of adds) {
    if (add.participant === null) return 'an Add of a member whose credential cannot be read';
    const entry = memberEntry(after.roster, add.participant);
    if (!entry) return `an Add of participant ${add.participant}, who is not in the roster`;
    const leaf = after.leaves.find((l) => l.participant === add.participant && sameBytes(l.signatureKey, add.signatureKey));
    const isHost = leaf !== undefined && hostsAfter.has(leaf.leaf);
    if (isHost) {
      addedHosts.add(add.participant);
    } else if (committerHost === undefined) {
      return `an Add of participant ${add.participant} committed by a member who is not a host`;
    } else if (entry.admitted_by !== committerHost) {
      return `participant ${add.participant} is listed as admitted by someone other than the host who added them`;
    }
  }
  if (committerHost !== undefined) return null;

  // A non-host may only add self-endorsed hosts: the roster may differ only
  // in their entries (appended, or replacing their own old ones).
  for (const participant of addedHosts) {
    if (memberEntry(after.roster, participant)?.admitted_by !== null) {
      return `a member who is not a host wrote who admitted host ${participant}`;
    }
  }
  const others = <T extends { participant: ParticipantId }>(entries: readonly T[]): string =>
    JSON.stringify(entries.filter((e) => !addedHosts.has(e.participant)));
  if (others(before.roster.hosts) !== others(after.roster.hosts) || others(before.roster.members) !== others(after.roster.members)) {
    return 'a member who is not a host changed the roster';
  }
  // Only a host says the group is recorded (or to whom); anyone may say
  // it no longer is, which hides nothing (no keys are sealed then).
  if (after.roster.recording !== null && JSON.stringify(after.roster.recording) !== JSON.stringify(before.roster.recording)) {
    return 'a member who is not a host said the meeting is recorded';
  }
  return null;
}
