// The security code panel: the code everyone compares out loud, the epoch
// it belongs to, and how many members hold the keys. It changes with every
// epoch (docs/e2ee.md).

import { byId } from '../dom';
import type { EpochInfo } from '../e2ee/mls';

export class SecurityPanel {
  private readonly code = byId('security-code', HTMLOutputElement);
  private readonly detail = byId('security-detail', HTMLParagraphElement);

  waiting(): void {
    this.code.textContent = '…';
    this.detail.textContent = 'Setting up end-to-end encryption…';
  }

  show(info: EpochInfo): void {
    this.code.textContent = info.securityCode;
    // Every leaf counts, readable or not: the number is exactly who holds the keys.
    const n = info.members.length;
    const unknown = info.members.filter((m) => m.participant === null).length;
    this.detail.textContent = `Epoch ${info.epoch} · Encrypted for ${n} participant${n === 1 ? '' : 's'}`;
    if (unknown > 0) {
      this.detail.textContent += ` · Warning: ${unknown} of them cannot be identified`;
      this.detail.setAttribute('role', 'alert');
      this.detail.classList.add('security-alarm');
    } else {
      this.detail.removeAttribute('role');
      this.detail.classList.remove('security-alarm');
    }
  }

  clear(): void {
    this.code.textContent = '';
    this.detail.textContent = '';
  }
}
