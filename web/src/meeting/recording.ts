// Recording a meeting end to end encrypted (docs/recording.md). The server
// stores the ciphertext it forwards; while a recording runs, every host's
// client seals each epoch's SFrame base key and roster to the recording key
// (the meeting key from the link), so only its holder can ever watch. Every
// member, and every knocker before it enters, sees the indicator.
//
// This module owns the indicator, the hosts' Start/Stop button and the
// sealing; the meeting (meeting.ts) hands it the server's `recording`
// messages, each new epoch and the names the group learns.

import type { ClientMessage } from '../protocol/ClientMessage';
import type { EpochInfo } from '../e2ee/mls';
import { sealRecordingEpoch } from '../e2ee/meetingKey';

export interface RecordingContext {
  send(msg: ClientMessage): void;
  /** The X25519 key recordings are sealed to, or null (a link without the meeting key). */
  recipient: Uint8Array | null;
  /** The link names an organisation's recording key: its archive team, not the hosts, opens recordings. */
  sealedToOrganisation: boolean;
  isHost(): boolean;
  epoch(): EpochInfo | null;
  alert(message: string): void;
  indicator: HTMLElement;
  button: HTMLButtonElement;
}

export class Recording {
  private active = false;
  /** What this client sealed for each epoch: how many members had names then. */
  private readonly sealed = new Map<bigint, number>();
  private ended = false;

  constructor(private readonly ctx: RecordingContext) {
    ctx.button.addEventListener('click', () => this.toggle());
    if (ctx.sealedToOrganisation) {
      ctx.indicator.textContent = "Recording: this meeting is being recorded. The recording stays end-to-end encrypted; only your organisation's recording key opens it.";
    }
  }

  /** The server says whether the meeting is being recorded (members and knockers alike). */
  setActive(active: boolean): void {
    if (this.ended) return;
    this.active = active;
    if (!active) this.sealed.clear();
    // Shown when the server says so (a knocker has no group yet) or the
    // group itself does (a server cannot hide what every client's commit
    // carries).
    this.ctx.indicator.hidden = !active && !this.inGroup();
    this.render();
    void this.seal();
  }

  /** A new epoch, or the group named someone: a host re-seals what changed; everyone shows what the group says. */
  epochChanged(): void {
    this.ctx.indicator.hidden = !this.active && !this.inGroup();
    void this.seal();
  }

  /** The group's own roster says the current epoch is recorded. */
  private inGroup(): boolean {
    return (this.ctx.epoch()?.recording ?? null) !== null;
  }

  /** Shows the Start/Stop button to hosts (at `welcome`, or once promoted). */
  render(): void {
    const { button } = this.ctx;
    button.hidden = this.ended || !this.ctx.isHost();
    button.textContent = this.active ? 'Stop recording' : 'Start recording';
    button.disabled = this.ctx.recipient === null;
    button.title = this.ctx.recipient === null ? 'This meeting has no meeting key in its link, so a recording could not be sealed to anyone.' : '';
  }

  clear(): void {
    this.ended = true;
    this.active = false;
    this.ctx.indicator.hidden = true;
    this.ctx.button.hidden = true;
  }

  private toggle(): void {
    if (this.ended || !this.ctx.isHost()) return;
    this.ctx.send({ type: this.active ? 'stop_recording' : 'start_recording' });
  }

  /**
   * Seals this epoch's keys to the key the group's own roster names, only
   * when the server records and the group says so: a recording every
   * member's client shows is the only one anyone can open.
   */
  private async seal(): Promise<void> {
    const info = this.ctx.epoch();
    const recipient = info?.recording ?? null;
    if (!this.active || this.ended || !this.ctx.isHost() || !info || !recipient) return;
    const named = info.members.filter((m) => m.name !== null).length;
    const before = this.sealed.get(info.epoch);
    if (before !== undefined && before >= named) return;
    this.sealed.set(info.epoch, named);
    try {
      const sealed = await sealRecordingEpoch(recipient, {
        epoch: info.epoch,
        baseKey: info.baseKey,
        members: info.members.map((m) => ({ leaf: m.leaf, participant: m.participant ?? 0, name: m.name ?? '' })),
      });
      if (this.ended || !this.active) return;
      this.ctx.send({ type: 'recording_key', epoch: Number(info.epoch), sealed });
    } catch (e) {
      this.sealed.delete(info.epoch);
      this.ctx.alert(`The recording's keys could not be sealed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
