// The roster: the participant list shows exactly the members of the MLS
// group, named by the group (docs/e2ee.md, "Names"): the server knows no
// names, its list only adds flags (host, muted, …). Someone the server
// announces who is not in the group yet is listed apart as "joining…",
// never as a member, as "Participant <id>". A member the group does not
// name yet is "Participant <id>" too, with no alarm; a leaf whose credential
// cannot be read is still listed, as an unknown member with an alarm: it
// holds the meeting's keys.
//
// In a meeting with a lobby (docs/admission.md) the host badge and "admitted
// by" come from the group's roster extension, which only hosts' commits can
// change, rather than from the server; a host the meeting key endorsed after
// a guest's admission (a promoted co-host) is badged "co-host". Hosts get
// Remove, Mute and Make co-host buttons per member.
//
// Roles and states are badges (elements with a background, an icon and an
// accessible label), never text after the name, so no name can imitate
// them; names that look alike get a tag ("#7") that tells them apart.

import type { ParticipantId } from '../protocol/ParticipantId';
import type { ParticipantInfo } from '../protocol/ParticipantInfo';
import { memberLabel, UNKNOWN_MEMBER, type AdmissionView, type Member } from '../e2ee/mls';
import { unnamedLabel } from '../e2ee/memberNames';
import { labelNames, type NameEntry, type NameLabel } from '../names';

export type BadgeKind = 'you' | 'host' | 'co-host' | 'muted' | 'camera-off' | 'screen' | 'speaking' | 'joining' | 'reconnecting' | 'alarm';

// Visible word (the icon comes from the stylesheet) and what a screen
// reader says instead.
const BADGES: Record<BadgeKind, { text: string; label: string }> = {
  you: { text: 'you', label: 'this is you' },
  host: { text: 'host', label: 'host of the meeting' },
  'co-host': { text: 'co-host', label: 'co-host: a host made them a host of the meeting' },
  muted: { text: 'muted', label: 'microphone muted' },
  'camera-off': { text: 'camera off', label: 'camera off' },
  screen: { text: 'sharing screen', label: 'sharing their screen' },
  speaking: { text: 'speaking', label: 'speaking' },
  joining: { text: 'joining…', label: 'joining: not yet in the encrypted group' },
  reconnecting: { text: 'reconnecting…', label: 'reconnecting: their connection dropped, still in the meeting' },
  alarm: { text: 'unverified', label: 'warning: this member cannot be identified' },
};

export function badge(kind: BadgeKind): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `badge badge-${kind}`;
  span.dataset['badge'] = kind;
  // An image to assistive technology: its label is read as a mark, not
  // run on from the name as text would be.
  span.setAttribute('role', 'img');
  span.setAttribute('aria-label', BADGES[kind].label);
  span.textContent = BADGES[kind].text;
  return span;
}

/** The name (in `.name`) and, if needed, the tag that tells it apart (in `.name-tag`). */
export function nameElements(label: NameLabel): HTMLSpanElement[] {
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = label.text;
  if (label.tag === null) return [name];
  const tag = document.createElement('span');
  tag.className = 'name-tag';
  tag.textContent = label.tag;
  tag.title = label.problem === null ? 'Another participant has a name that looks the same' : 'Which member this is';
  return [name, tag];
}

/**
 * Spaces between a row's parts: layout spaces them anyway, but copied text
 * and `textContent` then read "Alice muted", not "Alicemuted".
 */
export function spaced(parts: readonly HTMLElement[]): Array<HTMLElement | string> {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [' ', part]));
}

/** The tag that tells a participant apart: their id, which everyone sees the same. */
export function participantTag(id: ParticipantId): string {
  return `#${id}`;
}

/** What a host may do to a member from the list. */
export interface HostActions {
  remove(id: ParticipantId): void;
  mute(id: ParticipantId): void;
  /** Whether this host can make them co-host (their knock carried a box key, and they are no host yet). */
  canPromote(id: ParticipantId): boolean;
  promote(id: ParticipantId): void;
}

export class Roster {
  private readonly participants = new Map<ParticipantId, ParticipantInfo>();
  private members: Member[] = [];
  private admission: AdmissionView | null = null;
  private speaker: ParticipantId | null = null;
  // Alarms announce themselves once, not at every re-render (which happens
  // at each change of speaker).
  private readonly announced = new Set<string>();
  /** Hosts only: Remove, Mute, Make co-host. */
  private hostActions: HostActions | null = null;
  /**
   * Co-hosts this client knows of first-hand (itself once promoted, and
   * those it promoted) before a commit writes them into the roster.
   */
  private readonly knownCoHosts = new Set<ParticipantId>();

  constructor(
    private readonly list: HTMLUListElement,
    private readonly joiningList: HTMLUListElement,
    private readonly joiningSection: HTMLElement,
    private readonly you: ParticipantId,
  ) {}

  /** This client is a host (from the start, or once promoted): the per-member host buttons show. */
  setHostActions(actions: HostActions): void {
    this.hostActions = actions;
    this.render();
  }

  addKnownCoHost(id: ParticipantId): void {
    this.knownCoHosts.add(id);
    this.render();
  }

  isMember(id: ParticipantId): boolean {
    return this.members.some((m) => m.participant === id);
  }

  set(info: ParticipantInfo): void {
    this.participants.set(info.id, info);
    this.render();
  }

  remove(id: ParticipantId): void {
    this.participants.delete(id);
    if (this.speaker === id) this.speaker = null;
    this.render();
  }

  /** The group's members as of the current epoch, and what its roster says of them. */
  setMembers(members: Member[], admission: AdmissionView | null = null): void {
    this.members = members;
    this.admission = admission;
    this.render();
  }

  setActiveSpeaker(id: ParticipantId | null): void {
    this.speaker = id;
    this.render();
  }

  clear(): void {
    this.participants.clear();
    this.members = [];
    this.list.replaceChildren();
    this.joiningList.replaceChildren();
    this.joiningSection.hidden = true;
  }

  /** Re-draws the list (after something a button depends on changed). */
  refresh(): void {
    this.render();
  }

  private render(): void {
    // You first, then in order of joining (ids grow with time); unknown
    // members last, in leaf order.
    const rank = (id: ParticipantId | null): number => (id === this.you ? -1 : (id ?? Number.MAX_SAFE_INTEGER));
    const members = [...this.members].sort((a, b) => rank(a.participant) - rank(b.participant) || a.leaf - b.leaf);
    const joining = [...this.participants.values()].filter((p) => !this.isMember(p.id)).sort((a, b) => rank(a.id) - rank(b.id));
    // Everyone listed is compared with everyone else: a joiner named like a
    // member is as confusing as two members.
    const entries: NameEntry<string>[] = [
      ...members.map((m) => ({
        key: `leaf ${m.leaf}`,
        // Null only for an unreadable credential (the alarm); an unnamed
        // member is "Participant <id>", compared like any name, so nobody
        // can call themselves that and pass for them.
        name: m.participant === null ? null : memberLabel(m),
        tag: m.participant === null ? `leaf ${m.leaf}` : participantTag(m.participant),
      })),
      ...joining.map((p) => ({ key: `joining ${p.id}`, name: unnamedLabel(p.id), tag: participantTag(p.id) })),
    ];
    const labels = labelNames(entries, UNKNOWN_MEMBER);
    const labelOf = (key: string): NameLabel => labels.get(key) ?? { text: UNKNOWN_MEMBER, tag: null, problem: null };
    this.list.replaceChildren(...members.map((m) => this.memberItem(m, labelOf(`leaf ${m.leaf}`))));
    this.joiningList.replaceChildren(...joining.map((p) => this.joiningItem(p, labelOf(`joining ${p.id}`))));
    this.joiningSection.hidden = joining.length === 0;
  }

  private memberItem(m: Member, label: NameLabel): HTMLLIElement {
    const li = document.createElement('li');
    if (m.participant !== null) li.dataset['participant'] = String(m.participant);
    li.dataset['leaf'] = String(m.leaf);
    const p = m.participant === null ? undefined : this.participants.get(m.participant);
    const badges: BadgeKind[] = [];
    if (m.participant === this.you) badges.push('you');
    // With a roster, only hosts the meeting key endorsed are shown as such.
    const host = this.admission ? m.participant !== null && this.admission.hosts.includes(m.participant) : p?.host;
    // A host the roster says some host admitted as a guest was promoted.
    const promoted = m.participant !== null && ((host && (this.admission?.admittedBy.get(m.participant) ?? null) !== null) || this.knownCoHosts.has(m.participant));
    if (promoted) badges.push('co-host');
    else if (host) badges.push('host');
    if (p?.audio_muted) badges.push('muted');
    if (p?.video_muted) badges.push('camera-off');
    if (p?.screen_sharing) badges.push('screen');
    if (p?.reconnecting) badges.push('reconnecting');
    if (m.participant !== null && m.participant === this.speaker) badges.push('speaking');
    const parts: HTMLElement[] = [...nameElements(label), ...badges.map(badge)];
    if (label.problem !== null) {
      li.classList.add('suspicious');
      parts.unshift(badge('alarm'));
      parts.push(this.alarm(`leaf ${m.leaf}: ${label.problem}`, label.problem));
    }
    const admittedBy = m.participant === null ? null : (this.admission?.admittedBy.get(m.participant) ?? null);
    if (admittedBy !== null) {
      const by = document.createElement('span');
      by.className = 'admitted-by';
      const admitter = this.members.find((x) => x.participant === admittedBy);
      by.textContent = `admitted by ${admitter ? memberLabel(admitter) : 'a host who left'} ${participantTag(admittedBy)}`;
      parts.push(by);
    }
    const actions = this.hostActions;
    if (actions && m.participant !== null && m.participant !== this.you) {
      const participant = m.participant;
      const who = `${label.text}${label.tag === null ? '' : ` ${label.tag}`}`;
      if (!p?.audio_muted) parts.push(actionButton('Mute', `Mute ${who}`, () => actions.mute(participant)));
      if (!host && !promoted && actions.canPromote(participant)) {
        parts.push(actionButton('Make co-host', `Make ${who} co-host`, () => actions.promote(participant)));
      }
      parts.push(actionButton('Remove', `Remove ${who}`, () => actions.remove(participant)));
    }
    li.append(...spaced(parts));
    if (m.participant !== null && m.participant === this.speaker) {
      li.classList.add('speaking');
      li.setAttribute('aria-current', 'true');
    }
    return li;
  }

  /** Whether this participant is a host, as the group's roster (or the server, without one) says. */
  isHost(id: ParticipantId): boolean {
    return this.admission ? this.admission.hosts.includes(id) : (this.participants.get(id)?.host ?? false);
  }

  private joiningItem(p: ParticipantInfo, label: NameLabel): HTMLLIElement {
    const li = document.createElement('li');
    li.dataset['participant'] = String(p.id);
    // Not in the group: nobody has named them to us yet.
    const parts: HTMLElement[] = [...nameElements(label)];
    if (label.problem !== null) parts.unshift(badge('alarm'));
    if (p.id === this.you) parts.push(badge('you'));
    parts.push(badge('joining'));
    li.append(...spaced(parts));
    return li;
  }

  private alarm(key: string, problem: string): HTMLSpanElement {
    const text = document.createElement('span');
    text.className = 'alarm-text';
    text.textContent = `Cannot tell who this is: ${problem}.`;
    if (!this.announced.has(key)) {
      this.announced.add(key);
      text.setAttribute('role', 'alert');
    }
    return text;
  }
}

/** A short visible word, with the full action (and whom it is for) as the accessible name. */
function actionButton(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = text;
  button.setAttribute('aria-label', label);
  button.addEventListener('click', onClick);
  return button;
}
