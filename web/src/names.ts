// Display-name rules (crates/signaling/src/names.rs, shared with the native
// client), applied here to the names the MLS group gives (roster entries and
// introductions, docs/e2ee.md "Names"), which no server ever sees, and to
// the pre-join form so a refused name is explained before joining. Both sides
// are tested against crates/signaling/tests/data/names.json, and the Unicode
// data this needs beyond what the browser's RegExp knows (UTS #39
// confusables, the script list) is generated from the server's crates.
//
// Also here: telling look-alike names apart (`labelNames`), since two people
// may rightly be called the same, and the rules cannot refuse that.

import { CONFUSABLES, SCRIPTS } from './nameTables';
import { MAX_NAME_CHARS } from './protocol/constants';

export { MAX_NAME_CHARS };
/** Longest run of combining marks on one base (see names.rs). */
export const MAX_MARK_RUN = 4;

/** Roles and states shown as marks; a name may not end in one in brackets (see names.rs). */
export const ROLE_WORDS: readonly string[] = [
  'host',
  'co-host',
  'cohost',
  'organiser',
  'organizer',
  'moderator',
  'admin',
  'you',
  'me',
  'muted',
  'camera off',
  'screen',
  'sharing screen',
  'speaking',
  'joining',
  'joining…',
];

export type NameRule =
  | 'empty'
  | 'too_long'
  | 'control'
  | 'bidi'
  | 'invisible'
  | 'unassigned'
  | 'marks'
  | 'no_letter'
  | 'mixed_scripts'
  | 'role_mark';

export type NameCheck = { ok: true; name: string } | { ok: false; rule: NameRule; reason: string };

const WHITE_SPACE_RUN = /\p{White_Space}+/gu;
const EDGE_WHITE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// A lone surrogate can only come from a broken string; it is no character.
const UNASSIGNED = /[\p{Co}\p{Cn}\p{Cs}]/u;
const VARIATION_SELECTOR = /[\u180B-\u180D\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
// The blank braille pattern is a symbol that draws nothing (see names.rs).
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;
const MARK = /\p{M}/u;
const SPACE_SEPARATOR = /\p{Zs}/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const VISIBLE_BASE = /[\p{L}\p{N}\p{S}]/u;
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Normalises a name as the server does (NFC, trimmed, one space between words) and checks it. */
export function checkName(raw: string): NameCheck {
  // String.prototype.trim would also drop U+FEFF, which is not White_Space:
  // trimming exactly as Rust's str::trim keeps the verdicts identical.
  const trimmed = raw.normalize('NFC').replace(EDGE_WHITE_SPACE, '');
  if (trimmed === '') return refuse('empty', 'a name is required');
  const bad = checkCharacters(trimmed);
  if (bad) return bad;
  const name = trimmed.replace(WHITE_SPACE_RUN, ' ');
  if ([...name].length > MAX_NAME_CHARS) return refuse('too_long', `a name has at most ${MAX_NAME_CHARS} characters`);
  if (!LETTER_OR_NUMBER.test(name)) return refuse('no_letter', 'a name needs at least one letter or digit');
  const mixed = name.split(' ').find((word) => !isSingleScript(word));
  if (mixed !== undefined) {
    return refuse('mixed_scripts', `"${mixed}" mixes alphabets that look alike (such as Latin and Cyrillic) in one word`);
  }
  const role = imitatedRole(name);
  if (role !== null) return refuse('role_mark', `a name cannot end in "${role}": roles are shown as marks beside names`);
  return { ok: true, name };
}

function refuse(rule: NameRule, reason: string): NameCheck {
  return { ok: false, rule, reason };
}

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function checkCharacters(name: string): NameCheck | null {
  let previous: string | null = null;
  let markRun = 0;
  for (const c of name) {
    if (CONTROL.test(c)) return refuse('control', 'a name cannot contain control characters or line breaks');
    if (BIDI_CONTROL.test(c)) {
      return refuse('bidi', `a name cannot contain characters that change the direction of text (${codePoint(c)})`);
    }
    if (UNASSIGNED.test(c)) return refuse('unassigned', `a name cannot contain unassigned or private-use characters (${codePoint(c)})`);
    if (VARIATION_SELECTOR.test(c)) {
      // Only right after something visible does it select a glyph; alone it is a hidden difference.
      if (previous === null || !VISIBLE_BASE.test(previous)) return invisible(c);
      continue;
    }
    if (INVISIBLE.test(c)) return invisible(c);
    if (MARK.test(c)) {
      markRun += 1;
      const afterBase = previous !== null && !SPACE_SEPARATOR.test(previous);
      if (!afterBase || markRun > MAX_MARK_RUN) {
        return refuse('marks', `a name cannot start a word with a combining mark or stack more than ${MAX_MARK_RUN} of them`);
      }
    } else {
      markRun = 0;
    }
    previous = c;
  }
  return null;
}

function invisible(c: string): NameCheck {
  return refuse('invisible', `a name cannot contain invisible characters (${codePoint(c)})`);
}

// ------------------------------------------------------------- scripts --

/** A character's augmented script set (UTS #39), as unicode-security builds it. */
interface ScriptSet {
  /** Common or Inherited: fits any script. */
  all: boolean;
  scripts: Set<string>;
  hanb: boolean;
  jpan: boolean;
  kore: boolean;
}

const ANY_SCRIPT = /[\p{scx=Zyyy}\p{scx=Zinh}]/u;
let scriptTests: Array<[string, RegExp]> | null = null;
const scriptSets = new Map<string, ScriptSet>();

function scriptSetOf(c: string): ScriptSet {
  const cached = scriptSets.get(c);
  if (cached) return cached;
  scriptTests ??= SCRIPTS.split(' ').flatMap((code): Array<[string, RegExp]> => {
    // A script newer than this browser's Unicode data cannot be named in a
    // RegExp; its characters are unassigned here and refused before this.
    try {
      return [[code, new RegExp(`\\p{scx=${code}}`, 'u')]];
    } catch {
      return [];
    }
  });
  const all = ANY_SCRIPT.test(c);
  const scripts = new Set(all ? [] : scriptTests.filter(([, re]) => re.test(c)).map(([code]) => code));
  const han = all || scripts.has('Hani');
  const set: ScriptSet = {
    all,
    scripts,
    hanb: han || scripts.has('Bopo'),
    jpan: han || scripts.has('Hira') || scripts.has('Kana'),
    kore: han || scripts.has('Hang'),
  };
  scriptSets.set(c, set);
  return set;
}

/** True if one script (or one of Japanese, Korean, Chinese with Bopomofo) covers the whole word. */
function isSingleScript(word: string): boolean {
  let scripts: Set<string> | null = null;
  let hanb = true;
  let jpan = true;
  let kore = true;
  for (const c of word) {
    const set = scriptSetOf(c);
    if (set.all) continue;
    scripts = intersect(scripts, set.scripts);
    hanb &&= set.hanb;
    jpan &&= set.jpan;
    kore &&= set.kore;
  }
  return scripts === null || scripts.size > 0 || hanb || jpan || kore;
}

/** `null` stands for every script, as Common does in unicode-script. */
function intersect(a: Set<string> | null, b: Set<string>): Set<string> {
  if (a === null) return new Set(b);
  return new Set([...a].filter((s) => b.has(s)));
}

// ----------------------------------------------------------- skeletons --

let prototypes: Map<number, string> | null = null;

function prototypeTable(): Map<number, string> {
  if (prototypes) return prototypes;
  const table = new Map<number, string>();
  for (const line of CONFUSABLES.split('\n')) {
    const [from, ...to] = line.split(' ');
    if (!from || to.length === 0) continue;
    table.set(parseInt(from, 16), String.fromCodePoint(...to.map((h) => parseInt(h, 16))));
  }
  prototypes = table;
  return table;
}

/** The UTS #39 skeleton: names that look alike (Latin "Ace" and Cyrillic "Асе"; "rn", "m") have the same one. */
export function skeleton(name: string): string {
  const table = prototypeTable();
  let out = '';
  for (const c of name.normalize('NFD').replace(DEFAULT_IGNORABLE, '')) {
    out += table.get(c.codePointAt(0) ?? 0) ?? c;
  }
  return out.normalize('NFD');
}

function imitatedRole(name: string): string | null {
  const tail = comparable(name);
  for (const word of ROLE_WORDS) {
    for (const marked of [`(${word})`, `[${word}]`]) {
      if (tail.endsWith(comparable(marked))) return marked;
    }
  }
  return null;
}

function comparable(text: string): string {
  return skeleton(text.toLowerCase()).replace(WHITE_SPACE_RUN, '');
}

// -------------------------------------------------------- telling apart --

/** How to show one name: the name itself, or why it cannot be shown. */
export interface NameLabel {
  /** The checked name, or the fallback for an unreadable or refused one. */
  text: string;
  /** A mark that tells this person apart, shown when their name looks like another's. */
  tag: string | null;
  /** Why the name is not shown (unreadable credential, or which rule it breaks). */
  problem: string | null;
}

export interface NameEntry<K> {
  key: K;
  /** The name as received; null if there is none (an unreadable credential). */
  name: string | null;
  /** Unique and stable per person, e.g. "#7": shown when needed to tell people apart. */
  tag: string;
}

/**
 * Labels for names shown side by side. A name that breaks the rules is
 * replaced by `unknown` with the reason; a name that looks like another
 * (same skeleton, also after lower-casing: "Ivan" and "lvan", "Ada" and
 * "ada") gets its tag, as do all replaced ones, so no two rows read alike.
 */
export function labelNames<K>(entries: readonly NameEntry<K>[], unknown: string): Map<K, NameLabel> {
  const studied = entries.map((e) => ({ entry: e, study: e.name === null ? null : study(e.name) }));
  const counts = new Map<string, number>();
  for (const { study } of studied) {
    if (!study?.check.ok) continue;
    for (const k of study.keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out = new Map<K, NameLabel>();
  for (const { entry, study } of studied) {
    if (study === null) {
      out.set(entry.key, { text: unknown, tag: entry.tag, problem: 'their identity could not be read' });
    } else if (!study.check.ok) {
      out.set(entry.key, { text: unknown, tag: entry.tag, problem: `their name breaks the name rules: ${study.check.reason}` });
    } else {
      const alike = study.keys.some((k) => (counts.get(k) ?? 0) > 1);
      out.set(entry.key, { text: study.check.name, tag: alike ? entry.tag : null, problem: null });
    }
  }
  return out;
}

interface Study {
  check: NameCheck;
  /** Look-alike keys: the skeleton, and the skeleton after lower-casing. */
  keys: string[];
}

// The roster and the tiles relabel everyone at every change of speaker or
// epoch; the same few names are studied over and over. Bounded, since
// names come and go over a long meeting.
const STUDY_CACHE_SIZE = 1000;
const studies = new Map<string, Study>();

function study(name: string): Study {
  const cached = studies.get(name);
  if (cached) return cached;
  const check = checkName(name);
  const keys = check.ok ? [`=${skeleton(check.name)}`, `~${skeleton(check.name.toLowerCase())}`] : [];
  if (studies.size >= STUDY_CACHE_SIZE) studies.clear();
  const result = { check, keys };
  studies.set(name, result);
  return result;
}
