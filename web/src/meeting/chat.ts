// The end-to-end encrypted chat: messages travel as MLS application
// messages, and the sender's name comes from their credential in the group.

import { byId } from '../dom';
import { MAX_CHAT_CHARS } from '../e2ee/mls';

export class ChatPanel {
  private readonly list = byId('chat-messages', HTMLOListElement);
  private readonly form = byId('chat-form', HTMLFormElement);
  private readonly input = byId('chat-input', HTMLTextAreaElement);
  private readonly sendButton = byId('chat-send', HTMLButtonElement);
  private onSend: ((text: string) => Promise<void>) | null = null;

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

  add(from: string, text: string, own: boolean): void {
    const li = document.createElement('li');
    if (own) li.className = 'own';
    const name = document.createElement('span');
    name.className = 'from';
    name.textContent = from;
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    li.append(name, ': ', body);
    this.list.append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  clear(): void {
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
