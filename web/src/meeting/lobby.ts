// The lobby on the page (docs/admission.md): the waiting guest's view, which
// shows nothing of the meeting, and the hosts' panel of knocks with Admit /
// Deny, Admit all, Lock and whether participants may share screens. Names come from sealed knocks the host's own
// client opened; they are shown as text, never as HTML, and told apart by
// participant id when two look alike.

import { byId } from '../dom';
import { labelNames } from '../names';
import type { ParticipantId } from '../protocol/ParticipantId';
import { participantTag } from './roster';

/** What a guest sees between knocking and being let in: a status, and Cancel. */
export class WaitingView {
  private readonly section = byId('lobby-wait', HTMLElement);
  private readonly status = byId('lobby-wait-status', HTMLParagraphElement);
  private readonly cancel = byId('lobby-wait-cancel', HTMLButtonElement);
  private onCancel: (() => void) | null = null;

  constructor() {
    this.cancel.addEventListener('click', () => this.onCancel?.());
  }

  show(onCancel: () => void): void {
    this.onCancel = onCancel;
    this.status.textContent = 'Waiting for the host to let you in…';
    this.section.hidden = false;
    this.cancel.focus();
  }

  hide(): void {
    this.onCancel = null;
    this.status.textContent = '';
    this.section.hidden = true;
  }
}

/** A knock as the host's client opened and checked it. */
export interface OpenedKnock {
  participant: ParticipantId;
  name: string;
  keyPackage: string;
}

export interface LobbyActions {
  admit(knock: OpenedKnock): void;
  deny(participant: ParticipantId): void;
  setLocked(locked: boolean): void;
  setScreenSharing(allowed: boolean): void;
}

/** The hosts' panel: who is waiting, and the meeting lock. */
export class LobbyPanel {
  private readonly section = byId('lobby-panel', HTMLElement);
  private readonly list = byId('lobby-list', HTMLUListElement);
  private readonly empty = byId('lobby-empty', HTMLParagraphElement);
  private readonly announce = byId('lobby-announce', HTMLParagraphElement);
  private readonly admitAll = byId('admit-all', HTMLButtonElement);
  private readonly lock = byId('lock-meeting', HTMLButtonElement);
  private readonly screenSharing = byId('screen-sharing-policy', HTMLButtonElement);
  private readonly knocks = new Map<ParticipantId, OpenedKnock>();
  private locked = false;
  private sharingAllowed = true;
  private actions: LobbyActions | null = null;

  constructor() {
    this.admitAll.addEventListener('click', () => {
      for (const knock of [...this.knocks.values()]) this.actions?.admit(knock);
    });
    this.lock.addEventListener('click', () => this.actions?.setLocked(!this.locked));
    this.screenSharing.addEventListener('click', () => this.actions?.setScreenSharing(!this.sharingAllowed));
  }

  show(actions: LobbyActions): void {
    this.actions = actions;
    this.section.hidden = false;
    this.render();
  }

  add(knock: OpenedKnock): void {
    const isNew = !this.knocks.has(knock.participant);
    this.knocks.set(knock.participant, knock);
    if (isNew) this.announce.textContent = `${knock.name} is waiting to join.`;
    this.render();
  }

  remove(participant: ParticipantId): void {
    if (this.knocks.delete(participant)) this.render();
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.lock.textContent = locked ? 'Unlock meeting' : 'Lock meeting';
  }

  setScreenSharing(allowed: boolean): void {
    this.sharingAllowed = allowed;
    this.screenSharing.textContent = allowed ? 'Stop participants sharing screens' : 'Let participants share screens';
  }

  clear(): void {
    this.knocks.clear();
    this.actions = null;
    this.list.replaceChildren();
    this.announce.textContent = '';
    this.section.hidden = true;
    this.setLocked(false);
    this.setScreenSharing(true);
  }

  private render(): void {
    const knocks = [...this.knocks.values()].sort((a, b) => a.participant - b.participant);
    const labels = labelNames(
      knocks.map((k) => ({ key: String(k.participant), name: k.name, tag: participantTag(k.participant) })),
      'Unknown',
    );
    this.list.replaceChildren(
      ...knocks.map((knock) => {
        const label = labels.get(String(knock.participant));
        // "Admit Grace", or "Admit Grace #7" when two knockers look alike.
        const shown = label?.tag ? `${label.text} ${label.tag}` : (label?.text ?? knock.name);
        const li = document.createElement('li');
        li.dataset['participant'] = String(knock.participant);
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = shown;
        const admit = document.createElement('button');
        admit.type = 'button';
        admit.className = 'primary';
        admit.textContent = `Admit ${shown}`;
        admit.addEventListener('click', () => this.actions?.admit(knock));
        const deny = document.createElement('button');
        deny.type = 'button';
        deny.textContent = `Deny ${shown}`;
        deny.addEventListener('click', () => this.actions?.deny(knock.participant));
        li.append(name, ' ', admit, ' ', deny);
        return li;
      }),
    );
    this.empty.hidden = knocks.length > 0;
    this.admitAll.hidden = knocks.length < 2;
  }
}
