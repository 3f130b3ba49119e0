// Members' display names inside the MLS group (docs/e2ee.md, "Names") and
// the application messages that carry chat and introductions. The server
// never learns a name: credentials carry only the participant id, so a
// member's name is what the group says, in this order:
//   1. with admission, the non-empty name of its roster entry (written by
//      the host who admitted it, so nobody can rename themselves);
//   2. else its latest `introduce`, if it is a valid host (with admission)
//      or anyone (without);
//   3. else none yet: shown as "Participant <id>", with no alarm.
// Every name must already be what the name rules make of it; anything else
// is ignored with a warning. Pure data in, verdicts out: nothing here
// touches MLS state or the page.

import { checkName } from '../names';
import type { ParticipantId } from '../protocol/ParticipantId';

/** One decoded application message; anything else was ignored. */
export type ApplicationMessage = { type: 'chat'; text: string } | { type: 'introduce'; name: string };

/** The application data of a chat message: `{"type":"chat","text":…}`. */
export function encodeChat(text: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ type: 'chat', text }));
}

/** The application data of an introduction: `{"type":"introduce","name":…}`. */
export function encodeIntroduce(name: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ type: 'introduce', name }));
}

/**
 * Reads an application message's data. Malformed JSON and unknown types
 * (a later version's messages) give the reason they are ignored, never an
 * exception: the bytes come from another member and may be anything.
 */
export function decodeApplication(data: Uint8Array): ApplicationMessage | { ignored: string } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    return { ignored: 'it is not UTF-8 JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ignored: 'it is not a JSON object' };
  const fields = value as Record<string, unknown>;
  const type = fields['type'];
  if (type === 'chat') {
    const text = fields['text'];
    return typeof text === 'string' ? { type, text } : { ignored: 'a chat message without text' };
  }
  if (type === 'introduce') {
    const name = fields['name'];
    return typeof name === 'string' ? { type, name } : { ignored: 'an introduction without a name' };
  }
  return { ignored: `unknown type ${JSON.stringify(type)}` };
}

/** Whether a name is exactly what the name rules make of it (and so may be shown as it is). */
export function isValidName(name: string): boolean {
  const checked = checkName(name);
  return checked.ok && checked.name === name;
}

/** What an introduction is tied to: a leaf, as long as the same member holds it. */
export interface LeafIdentity {
  leaf: number;
  participant: ParticipantId;
  /** base64 of the leaf's signature key: a new member on a reused leaf has another. */
  signatureKey: string;
}

/**
 * The latest valid introduction of each leaf. A leaf's introduction is
 * forgotten once another member (or nobody) holds that leaf: introductions
 * belong to the member, not to the position in the tree.
 */
export class Introductions {
  private readonly byLeaf = new Map<number, { who: LeafIdentity; name: string }>();

  /** Records `name` for `who`; returns why it was ignored, or null if taken. */
  record(who: LeafIdentity, name: string): string | null {
    if (!isValidName(name)) return 'its name is not what the name rules make of it';
    this.byLeaf.set(who.leaf, { who, name });
    return null;
  }

  /** The introduced name of whoever holds this leaf now, if it introduced itself. */
  nameOf(who: LeafIdentity): string | null {
    const entry = this.byLeaf.get(who.leaf);
    return entry && sameMember(entry.who, who) ? entry.name : null;
  }

  /** Keeps only the introductions of members still on their leaf (after every epoch change). */
  keepOnly(current: readonly LeafIdentity[]): void {
    for (const [leaf, entry] of this.byLeaf) {
      const now = current.find((c) => c.leaf === leaf);
      if (!now || !sameMember(now, entry.who)) this.byLeaf.delete(leaf);
    }
  }

  clear(): void {
    this.byLeaf.clear();
  }
}

function sameMember(a: LeafIdentity, b: LeafIdentity): boolean {
  return a.leaf === b.leaf && a.participant === b.participant && a.signatureKey === b.signatureKey;
}

/** What the group says about one member, for `resolveName`. */
export interface NameFacts {
  /** Null: the group has no admission (no roster), so anyone may introduce themselves. */
  admission: { rosterName: string | undefined; validHost: boolean } | null;
  introduced: string | null;
}

/**
 * A member's name by docs/e2ee.md's order, or null if it has none yet.
 * `warn` hears about a roster name the rules refuse (it is then ignored).
 */
export function resolveName(facts: NameFacts, warn: (problem: string) => void): string | null {
  const { admission, introduced } = facts;
  if (admission === null) return introduced;
  const rosterName = admission.rosterName;
  if (rosterName !== undefined && rosterName !== '') {
    if (isValidName(rosterName)) return rosterName;
    warn(`its roster name ${JSON.stringify(rosterName)} is not what the name rules make of it`);
  }
  return admission.validHost ? introduced : null;
}

/** How a member the group does not name yet is shown (no alarm: its credential is readable). */
export function unnamedLabel(participant: ParticipantId): string {
  return `Participant ${participant}`;
}
