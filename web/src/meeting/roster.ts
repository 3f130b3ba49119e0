// The roster: who is in the meeting, as the server last told us, and the
// participant list that shows it.

import type { ParticipantId } from '../protocol/ParticipantId';
import type { ParticipantInfo } from '../protocol/ParticipantInfo';

export class Roster {
  private readonly participants = new Map<ParticipantId, ParticipantInfo>();
  private speaker: ParticipantId | null = null;

  constructor(
    private readonly list: HTMLUListElement,
    private readonly you: ParticipantId,
  ) {}

  get(id: ParticipantId): ParticipantInfo | undefined {
    return this.participants.get(id);
  }

  all(): ParticipantInfo[] {
    return [...this.participants.values()];
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

  setActiveSpeaker(id: ParticipantId | null): void {
    this.speaker = id;
    this.render();
  }

  clear(): void {
    this.participants.clear();
    this.list.replaceChildren();
  }

  private render(): void {
    // You first, then in order of joining (ids grow with time).
    const ordered = this.all().sort((a, b) => (a.id === this.you ? -1 : b.id === this.you ? 1 : a.id - b.id));
    this.list.replaceChildren(...ordered.map((p) => this.item(p)));
  }

  private item(p: ParticipantInfo): HTMLLIElement {
    const li = document.createElement('li');
    li.dataset['participant'] = String(p.id);
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = p.name;
    li.append(name);
    const tags: string[] = [];
    if (p.id === this.you) tags.push('you');
    if (p.host) tags.push('host');
    if (p.audio_muted) tags.push('muted');
    if (p.video_muted) tags.push('camera off');
    if (p.screen_sharing) tags.push('sharing screen');
    if (p.id === this.speaker) tags.push('speaking');
    for (const tag of tags) {
      const span = document.createElement('span');
      span.className = `tag tag-${tag.replace(' ', '-')}`;
      span.textContent = `(${tag})`;
      li.append(' ', span);
    }
    if (p.id === this.speaker) {
      li.classList.add('speaking');
      li.setAttribute('aria-current', 'true');
    }
    return li;
  }
}
