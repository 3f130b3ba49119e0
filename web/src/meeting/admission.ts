// This client's side of docs/admission.md's lobby and co-hosts, around the
// keys it holds: a guest seals its knock (its name and KeyPackage, the only
// place its name goes besides the group) to the meeting key; a host opens
// knocks, admits or denies them, locks the meeting, and makes a guest
// co-host by sealing the meeting seed to the box key from that guest's
// knock; a promoted guest opens the seed and is a host from then on.
//
// It owns the meeting key as this client holds it and the box keys; the
// meeting (meeting.ts) hands it the server's messages and gives it the
// signaling, the MLS member and the page. It never touches media.

import type { ClientMessage } from '../protocol/ClientMessage';
import type { ParticipantId } from '../protocol/ParticipantId';
import { decodeMessage, parseCredential, type AdmissionKeys, type MlsClient } from '../e2ee/mls';
import { generateBoxKey, openKnock, openSeedFromBox, sealKnock, sealSeedToBox, type BoxKey } from '../e2ee/meetingKey';
import { isValidName } from '../e2ee/memberNames';
import { MAX_KEY_PACKAGE_BYTES } from '../protocol/constants';
import type { LobbyPanel, OpenedKnock } from './lobby';

/** What admission needs of the meeting around it. */
export interface AdmissionContext {
  meetingId: string;
  /** Our own name: it goes only into our sealed knock. */
  name: string;
  send(msg: ClientMessage): void;
  participantId(): ParticipantId | null;
  mls(): MlsClient | null;
  ended(): boolean;
  lobby: LobbyPanel;
  lockedNotice: HTMLParagraphElement;
  alert(message: string): void;
  /** Someone became a co-host as far as this client knows first-hand (us, or whom we promoted). */
  knownCoHost(participant: ParticipantId): void;
  /** A host made us co-host and the seed opened: show the host's controls. */
  promotedToHost(): void;
}

export class Admission {
  /** The meeting key as this client holds it: a promotion adds the secret. */
  private keys: AdmissionKeys | null;
  /** Our box keys, one per knock this stay: a host seals the seed to one of them to promote us. */
  private readonly boxKeys: BoxKey[] = [];
  /**
   * Box keys from the knocks this host opened (whoever admitted them): whom
   * it can make co-host. A knock again replaces the key.
   */
  private readonly knockBoxKeys = new Map<ParticipantId, string>();
  private readonly promotedByUs = new Set<ParticipantId>();
  /** Opening a promotion: knocks the server sends right after it wait for the key. */
  private promotion: Promise<void> | null = null;
  private lockedNow = false;

  constructor(
    keys: AdmissionKeys | null,
    private readonly ctx: AdmissionContext,
  ) {
    this.keys = keys;
  }

  /** Whether this client holds the meeting secret (a host link, or promoted). */
  get holdsSecret(): boolean {
    return this.keys?.secret != null;
  }

  /** Whether the link carries the meeting key at all (so it can knock). */
  get enforcing(): boolean {
    return this.keys !== null;
  }

  get locked(): boolean {
    return this.lockedNow;
  }

  /** Seals our name and KeyPackage to the meeting key and knocks. */
  async knock(keyPackage: string): Promise<void> {
    const keys = this.keys;
    const participant = this.ctx.participantId();
    if (!keys || participant === null || this.ctx.ended()) return;
    // A fresh box key per knock; earlier ones stay, as a host may promote
    // us from a knock it opened before this one.
    const box = await generateBoxKey();
    this.boxKeys.push(box);
    const sealed = await sealKnock(keys.publicKey, this.ctx.meetingId, { participant, name: this.ctx.name, key_package: keyPackage, box_key: box.publicKey });
    if (this.ctx.ended()) return;
    this.ctx.send({ type: 'knock', sealed });
  }

  /**
   * A host's client gets a sealed knock: it opens it and lists the knocker
   * only if the plaintext names the participant the server named, and the
   * KeyPackage's credential names the same participant (credentials carry
   * no name: the knock's is the one the roster will give them).
   */
  async knocked(participant: ParticipantId, sealed: string): Promise<void> {
    await this.promotion;
    const secret = this.keys?.secret;
    if (!secret) {
      console.warn(`conclave: participant ${participant} knocked, but this link has no meeting key to open the knock`);
      return;
    }
    const knock = await openKnock(secret, this.ctx.meetingId, sealed);
    if (this.ctx.ended()) return;
    const problem = knock === null ? 'it does not open with the meeting key' : knockProblem(participant, knock.participant, knock.name, knock.key_package);
    if (problem !== null || knock === null) {
      console.warn(`conclave: dropping the knock of participant ${participant}: ${problem}`);
      this.ctx.alert(`A knock was dropped because it was not valid (${problem}).`);
      return;
    }
    if (knock.box_key !== undefined) this.knockBoxKeys.set(participant, knock.box_key);
    else this.knockBoxKeys.delete(participant);
    this.ctx.lobby.add({ participant, name: knock.name, keyPackage: knock.key_package });
  }

  admit(knock: OpenedKnock): void {
    // The only KeyPackage this client will commit for them, and the name
    // the roster will give them.
    this.ctx.mls()?.admit(knock.participant, knock.keyPackage, knock.name);
    this.ctx.send({ type: 'admit', participant: knock.participant, key_package: knock.keyPackage });
    this.ctx.lobby.remove(knock.participant);
  }

  deny(participant: ParticipantId): void {
    this.ctx.send({ type: 'deny', participant });
    this.ctx.lobby.remove(participant);
  }

  requestLock(locked: boolean): void {
    this.ctx.send({ type: 'lock', locked });
    // The server confirms to everyone with meeting_locked.
    this.setLocked(locked);
  }

  setLocked(locked: boolean): void {
    this.lockedNow = locked;
    this.ctx.lobby.setLocked(locked);
    this.ctx.lockedNotice.textContent = locked ? 'This meeting is locked: nobody new can knock.' : '';
  }

  /** Whether this host can make them co-host: their knock carried a box key, and we did not already. */
  canPromote(participant: ParticipantId): boolean {
    return this.holdsSecret && this.knockBoxKeys.has(participant) && !this.promotedByUs.has(participant);
  }

  /** Make co-host (hosts): the meeting seed, sealed to the box key from their knock. */
  async promote(participant: ParticipantId): Promise<void> {
    const secret = this.keys?.secret;
    const boxKey = this.knockBoxKeys.get(participant);
    if (!secret || boxKey === undefined) return;
    try {
      const sealed_key = await sealSeedToBox(secret, this.ctx.meetingId, boxKey);
      if (this.ctx.ended()) return;
      this.ctx.send({ type: 'promote', participant, sealed_key });
      this.promotedByUs.add(participant);
      this.ctx.knownCoHost(participant);
    } catch (e) {
      this.ctx.alert(`Could not make them co-host: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** `promoted` from the server: knocks that follow wait until it is opened. */
  promoted(sealed: string): void {
    this.promotion = this.openPromotion(sealed);
  }

  /**
   * A host made us co-host: open the seed with one of our box keys, and
   * take it only if it derives this link's meeting key. From then on we
   * are a host: knocks come to us, and our next commit writes our own
   * endorsed entry into the roster.
   */
  private async openPromotion(sealed: string): Promise<void> {
    const keys = this.keys;
    if (!keys || keys.secret) return;
    let secret = null;
    for (const box of this.boxKeys) {
      secret = await openSeedFromBox(box, this.ctx.meetingId, sealed, keys.publicKey);
      if (secret) break;
    }
    if (this.ctx.ended()) return;
    if (!secret) {
      console.warn('conclave: a promotion to co-host did not open to this meeting\'s key; ignored');
      this.ctx.alert('A promotion to co-host could not be opened with this meeting\'s key, so it was ignored.');
      return;
    }
    this.keys = { publicKey: keys.publicKey, secret };
    this.ctx.mls()?.becomeHost(secret);
    const us = this.ctx.participantId();
    if (us !== null) this.ctx.knownCoHost(us);
    this.ctx.promotedToHost();
  }
}

/** Why a knock the host opened must be dropped, or null if it may be shown. */
function knockProblem(serverSays: ParticipantId, participant: ParticipantId, name: string, keyPackage: string): string | null {
  if (participant !== serverSays) return `it was sealed by participant ${participant}, not ${serverSays}`;
  if (!isValidName(name)) return 'its name breaks the name rules';
  if (keyPackage.length > MAX_KEY_PACKAGE_BYTES) return 'its KeyPackage is too large';
  try {
    const message = decodeMessage(keyPackage);
    if (message.wireformat !== 'mls_key_package') return 'it carries no KeyPackage';
    const id = parseCredential(message.keyPackage.leafNode.credential);
    if (!id || id.participant !== serverSays) return 'its KeyPackage is for someone else';
  } catch {
    return 'its KeyPackage cannot be read';
  }
  return null;
}
