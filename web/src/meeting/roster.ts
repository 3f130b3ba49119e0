// The roster: the participant list shows exactly the members of the MLS
// group, named by their credentials (docs/e2ee.md); the server's roster only
// adds flags (host, muted, …). Someone the server announces who is not in
// the group yet is listed apart as "joining…", never as a member.

import type { ParticipantId } from '../protocol/ParticipantId';
import type { ParticipantInfo } from '../protocol/ParticipantInfo';
import type { Member } from '../e2ee/mls';

export class Roster {
  private readonly participants = new Map<ParticipantId, ParticipantInfo>();
  private members: Member[] = [];
  private speaker: ParticipantId | null = null;

  constructor(
    private readonly list: HTMLUListElement,
    private readonly joiningList: HTMLUListElement,
    private readonly joiningSection: HTMLElement,
    private readonly you: ParticipantId,
  ) {}

  get(id: ParticipantId): ParticipantInfo | undefined {
    return this.participants.get(id);
  }

  /** The name to show: the credential's if a member, else the server's. */
  nameOf(id: ParticipantId): string | undefined {
    return this.members.find((m) => m.participant === id)?.name ?? this.participants.get(id)?.name;
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

  /** The group's members as of the current epoch. */
  setMembers(members: Member[]): void {
    this.members = members;
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

  private render(): void {
    // You first, then in order of joining (ids grow with time).
    const order = (a: ParticipantId, b: ParticipantId): number => (a === this.you ? -1 : b === this.you ? 1 : a - b);
    const members = [...this.members].sort((a, b) => order(a.participant, b.participant));
    this.list.replaceChildren(...members.map((m) => this.memberItem(m)));
    const joining = [...this.participants.values()].filter((p) => !this.isMember(p.id)).sort((a, b) => order(a.id, b.id));
    this.joiningList.replaceChildren(...joining.map((p) => this.joiningItem(p)));
    this.joiningSection.hidden = joining.length === 0;
  }

  private memberItem(m: Member): HTMLLIElement {
    const li = document.createElement('li');
    li.dataset['participant'] = String(m.participant);
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = m.name;
    li.append(name);
    const p = this.participants.get(m.participant);
    const tags: string[] = [];
    if (m.participant === this.you) tags.push('you');
    if (p?.host) tags.push('host');
    if (p?.audio_muted) tags.push('muted');
    if (p?.video_muted) tags.push('camera off');
    if (p?.screen_sharing) tags.push('sharing screen');
    if (m.participant === this.speaker) tags.push('speaking');
    for (const tag of tags) {
      const span = document.createElement('span');
      span.className = `tag tag-${tag.replace(' ', '-')}`;
      span.textContent = `(${tag})`;
      li.append(' ', span);
    }
    if (m.participant === this.speaker) {
      li.classList.add('speaking');
      li.setAttribute('aria-current', 'true');
    }
    return li;
  }

  private joiningItem(p: ParticipantInfo): HTMLLIElement {
    const li = document.createElement('li');
    li.dataset['participant'] = String(p.id);
    const name = document.createElement('span');
    name.className = 'name';
    // The server's word only, until their credential is in the group.
    name.textContent = p.id === this.you ? `${p.name} (you)` : p.name;
    const tag = document.createElement('span');
    tag.className = 'tag tag-joining';
    tag.textContent = '(joining…)';
    li.append(name, ' ', tag);
    return li;
  }
}
