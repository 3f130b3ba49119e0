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
    const n = info.members.length;
    this.detail.textContent = `Epoch ${info.epoch} · Encrypted for ${n} participant${n === 1 ? '' : 's'}`;
  }

  clear(): void {
    this.code.textContent = '';
    this.detail.textContent = '';
  }
}
