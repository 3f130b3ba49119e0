// The end-to-end encrypted chat: messages travel as MLS application
// messages, and the sender's name comes from the group (the roster or their
// introduction), never from the server. A sender the group names only later
// gets their name on the messages already shown. Texts are shown as text,
// never parsed as HTML.

import { byId } from '../dom';
import { MAX_CHAT_CHARS } from '../e2ee/mls';
import type { ParticipantId } from '../protocol/ParticipantId';

export class ChatPanel {
  private readonly list = byId('chat-messages', HTMLOListElement);
  private readonly form = byId('chat-form', HTMLFormElement);
  private readonly input = byId('chat-input', HTMLTextAreaElement);
  private readonly sendButton = byId('chat-send', HTMLButtonElement);
  private onSend: ((text: string) => Promise<void>) | null = null;
  /** Sender labels of the messages shown, by participant, to rename them. */
  private readonly senders = new Map<ParticipantId, HTMLSpanElement[]>();

  constructor() {
    this.input.maxLength = MAX_CHAT_CHARS;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    // Enter sends, Shift+Enter starts a new line.
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.submit();
      }
    });
  }

  /** Enables sending (once in the group) or disables it (null). */
  setSender(onSend: ((text: string) => Promise<void>) | null): void {
    this.onSend = onSend;
    this.sendButton.disabled = onSend === null;
  }

  /** Shows a message; `participant` (null for an unknown member) lets `rename` update its sender later. */
  add(participant: ParticipantId | null, from: string, text: string, own: boolean): void {
    const li = document.createElement('li');
    if (own) li.className = 'own';
    const name = document.createElement('span');
    name.className = 'from';
    name.textContent = from;
    if (participant !== null) {
      const spans = this.senders.get(participant) ?? [];
      spans.push(name);
      this.senders.set(participant, spans);
    }
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    li.append(name, ': ', body);
    this.list.append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  /** Puts the group's current names on the messages shown (those it names; others keep theirs). */
  rename(names: Map<ParticipantId, string>): void {
    for (const [participant, spans] of this.senders) {
      const name = names.get(participant);
      if (name === undefined) continue;
      for (const span of spans) span.textContent = name;
    }
  }

  clear(): void {
    this.senders.clear();
    this.list.replaceChildren();
    this.input.value = '';
    this.setSender(null);
  }

  private async submit(): Promise<void> {
    const text = this.input.value.trim();
    if (!text || !this.onSend) return;
    this.sendButton.disabled = true;
    try {
      await this.onSend(text);
      this.input.value = '';
    } finally {
      this.sendButton.disabled = this.onSend === null;
      this.input.focus();
    }
  }
}
