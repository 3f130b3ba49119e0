// One stay in a meeting, from `join` to leaving or losing the connection:
// wires signaling to the publishing and subscribing connections, the MLS
// member and the media worker that encrypts them, the tiles, the roster, the
// security code and the chat. A rejoin is a new Meeting (and a new member).

import type { ParticipantId } from '../protocol/ParticipantId';
import type { ParticipantInfo } from '../protocol/ParticipantInfo';
import type { ServerMessage } from '../protocol/ServerMessage';
import type { TrackSource } from '../protocol/TrackSource';
import { MediaEncryption } from '../e2ee/mediaEncryption';
import { isMlsMessage, MlsClient, UNKNOWN_MEMBER, type EpochInfo } from '../e2ee/mls';
import type { WorkerStats } from '../e2ee/workerProtocol';
import type { ChatPanel } from './chat';
import type { Controls } from './controls';
import { captureScreen, stopMedia, type LocalMedia } from './media';
import { Publisher } from './publisher';
import { Roster } from './roster';
import type { SecurityPanel } from './securityPanel';
import { Signaling } from './signaling';
import { Subscriber } from './subscriber';
import { Tiles } from './tiles';

// A server that accepted the socket but says nothing is as good as down.
const WELCOME_TIMEOUT_MS = 10_000;

export interface MeetingOptions {
  meetingId: string;
  name: string;
  hostSecret: string | null;
  media: LocalMedia;
  micOn: boolean;
  cameraOn: boolean;
}

export interface MeetingView {
  section: HTMLElement;
  grid: HTMLElement;
  audioSink: HTMLElement;
  roster: HTMLUListElement;
  joining: HTMLUListElement;
  joiningSection: HTMLElement;
  security: SecurityPanel;
  chat: ChatPanel;
  selfView: HTMLVideoElement;
  controls: Controls;
  alert(message: string): void;
}

/** How a stay ended: on purpose, or with a message to show. */
export type MeetingEnd = { kind: 'left' } | { kind: 'lost'; message: string };

/** Inbound media of one remote track, as tests and the debug handle read it. */
export interface InboundStats {
  participant: ParticipantId;
  source: TrackSource;
  kind: string;
  packetsReceived: number;
  framesDecoded: number;
  totalSamplesReceived: number;
  frameWidth: number;
  frameHeight: number;
}

export class Meeting {
  participantId: ParticipantId | null = null;
  publisher: Publisher | null = null;
  readonly subscriber: Subscriber;
  micOn: boolean;
  cameraOn: boolean;
  readonly e2ee = new MediaEncryption();
  mls: MlsClient | null = null;
  epochInfo: EpochInfo | null = null;
  private readonly signaling: Signaling;
  private roster: Roster | null = null;
  private readonly tiles: Tiles;
  private ended = false;
  private welcomeTimer: number | undefined;

  constructor(
    private readonly options: MeetingOptions,
    private readonly view: MeetingView,
    private readonly onEnd: (end: MeetingEnd) => void,
  ) {
    this.micOn = options.micOn && options.media.audio !== null;
    this.cameraOn = options.cameraOn && options.media.video !== null;
    this.tiles = new Tiles(view.grid, view.audioSink, (track, width, height) =>
      this.signaling.send({ type: 'video_size', track, width, height }),
    );
    // Ready before `join` is sent: the server may send the first
    // subscribe_offer ahead of `welcome`, and it waits for our answer before
    // sending any other offer, so a dropped one would mean no media at all.
    this.subscriber = new Subscriber(
      (sdp) => this.signaling.send({ type: 'subscribe_answer', sdp }),
      (tracks) => this.tiles.update(tracks),
      (e) => this.view.alert(`Could not receive the others' media: ${e.message}`),
      (receiver, mid, info) =>
        this.e2ee.protectReceiver(receiver, mid, info?.participant ?? -1, info?.source ?? (receiver.track.kind === 'audio' ? 'microphone' : 'camera')),
    );
    this.signaling = new Signaling(options.meetingId, {
      onMessage: (msg) => this.handle(msg),
      onClose: (reason) => this.end({ kind: 'lost', message: reason }),
    });
  }

  async start(): Promise<void> {
    try {
      await this.signaling.opened();
    } catch (e) {
      this.end({ kind: 'lost', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const { name, hostSecret } = this.options;
    this.signaling.send(hostSecret ? { type: 'join', name, host_secret: hostSecret } : { type: 'join', name });
    this.welcomeTimer = window.setTimeout(
      () => this.end({ kind: 'lost', message: 'The meeting server did not let us in.' }),
      WELCOME_TIMEOUT_MS,
    );
  }

  leave(): void {
    this.signaling.send({ type: 'leave' });
    this.end({ kind: 'left' });
  }

  toggleMic(): void {
    const track = this.options.media.audio;
    if (!track) return;
    this.micOn = !this.micOn;
    track.enabled = this.micOn;
    this.mediaStateChanged();
  }

  toggleCamera(): void {
    const track = this.options.media.video;
    if (!track) return;
    this.cameraOn = !this.cameraOn;
    // A disabled track sends black frames at a trickle; the SFU and the other
    // side go by media_state to show a placeholder instead.
    track.enabled = this.cameraOn;
    this.view.selfView.srcObject = this.cameraOn ? new MediaStream([track]) : null;
    this.mediaStateChanged();
  }

  async toggleScreen(): Promise<void> {
    const publisher = this.publisher;
    if (!publisher) return;
    try {
      if (publisher.sharingScreen) {
        const stopped = publisher.stopScreen();
        this.renderControls();
        await stopped;
        return;
      }
      const track = await captureScreen();
      if (this.ended) {
        track.stop();
        return;
      }
      // The browser's own "Stop sharing" bar ends the track without our button.
      track.addEventListener('ended', () => {
        if (this.publisher === publisher && publisher.sharingScreen) void this.toggleScreen();
      });
      const started = publisher.startScreen(track);
      this.renderControls();
      await started;
    } catch (e) {
      this.renderControls();
      if (e instanceof DOMException && e.name === 'NotAllowedError') {
        this.view.alert('Screen sharing was cancelled or not allowed.');
      } else {
        this.view.alert(`Screen sharing failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  async stats(): Promise<InboundStats[]> {
    const subscriber = this.subscriber;
    // Stats name tracks by the receiver's track id; the server's map is by mid.
    const midOfTrack = new Map<string, string>();
    for (const tx of subscriber.pc.getTransceivers()) {
      if (tx.mid !== null) midOfTrack.set(tx.receiver.track.id, tx.mid);
    }
    const out: InboundStats[] = [];
    const report = await subscriber.pc.getStats();
    report.forEach((s: Record<string, unknown>) => {
      if (s['type'] !== 'inbound-rtp') return;
      const mid = typeof s['mid'] === 'string' ? s['mid'] : midOfTrack.get(String(s['trackIdentifier']));
      const info = mid === undefined ? undefined : subscriber.trackForMid(mid);
      if (!info) return;
      out.push({
        participant: info.participant,
        source: info.source,
        kind: String(s['kind']),
        packetsReceived: num(s['packetsReceived']),
        framesDecoded: num(s['framesDecoded']),
        totalSamplesReceived: num(s['totalSamplesReceived']),
        frameWidth: num(s['frameWidth']),
        frameHeight: num(s['frameHeight']),
      });
    });
    return out;
  }

  /** The media worker's counters: frames encrypted, decrypted and dropped. */
  e2eeStats(): Promise<WorkerStats> {
    return this.e2ee.stats();
  }

  async sendChat(text: string): Promise<void> {
    const mls = this.mls;
    if (!mls) return;
    try {
      const me = await mls.sendChat(text);
      this.view.chat.add(me?.name ?? this.options.name, text, true);
    } catch (e) {
      this.view.alert(`Your message was not sent: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  private handle(msg: ServerMessage): void {
    if (this.ended) return;
    if (isMlsMessage(msg)) {
      // Before `welcome` there is no member yet, and nothing can be for it.
      void this.mls?.handle(msg).catch(() => undefined);
      return;
    }
    switch (msg.type) {
      case 'welcome':
        this.welcomed(msg.you, msg.participants);
        break;
      case 'participant_joined':
      case 'participant_updated':
        this.roster?.set(msg.participant);
        this.showParticipant(msg.participant);
        break;
      case 'participant_left':
        // Drop their tiles now rather than after the next subscribe offer.
        this.subscriber.forgetParticipant(msg.id);
        this.tiles.removeParticipant(msg.id);
        this.roster?.remove(msg.id);
        break;
      case 'publish_answer':
        this.publisher?.answer(msg.sdp);
        break;
      case 'subscribe_offer':
        this.subscriber.offer(msg.sdp, msg.tracks);
        break;
      case 'active_speaker':
        this.tiles.setActiveSpeaker(msg.participant);
        this.roster?.setActiveSpeaker(msg.participant);
        break;
      case 'pong':
        break;
      case 'error':
        if (msg.code === 'negotiation') this.publisher?.refused(msg.message);
        if (msg.fatal) this.end({ kind: 'lost', message: describeError(msg.code, msg.message) });
        else this.view.alert(describeError(msg.code, msg.message));
        break;
    }
  }

  private welcomed(you: ParticipantId, participants: ParticipantInfo[]): void {
    window.clearTimeout(this.welcomeTimer);
    if (this.participantId !== null) return;
    this.participantId = you;
    this.roster = new Roster(this.view.roster, this.view.joining, this.view.joiningSection, you);
    // A remote tile named like us gets its tag too.
    this.tiles.setLocal(you, this.options.name);
    for (const p of participants) {
      this.roster.set(p);
      if (p.id !== you) this.showParticipant(p);
    }
    this.view.security.waiting();
    this.mls = new MlsClient(you, this.options.name, (m) => this.signaling.send(m), {
      epoch: (info) => this.epochChanged(info),
      chat: (from, text) => this.view.chat.add(from.name ?? UNKNOWN_MEMBER, text, from.participant === you),
      removed: () => this.view.alert('You are no longer in the encrypted group: you cannot see or hear the others.'),
      rejoining: () => {
        // Old keys must not be used to send; the worker waits for the next epoch.
        this.e2ee.clearKeys();
        this.view.security.waiting();
        this.view.alert('Re-establishing end-to-end encryption…');
      },
      problem: (message) => this.view.alert(message),
      tampered: (reason) => this.tampered(reason),
      // Only enforcing members knock again, and this stay does not enforce yet.
      reknock: () => undefined,
    });
    void this.mls.start().catch(() => undefined);
    this.view.section.hidden = false;
    const { audio, video } = this.options.media;
    if (video) {
      video.enabled = this.cameraOn;
      this.view.selfView.srcObject = this.cameraOn ? new MediaStream([video]) : null;
    }
    if (audio) audio.enabled = this.micOn;

    // Senders send nothing until the first epoch's key reaches the worker.
    this.publisher = new Publisher(
      (sdp, tracks) => this.signaling.send({ type: 'publish_offer', sdp, tracks }),
      (sender, source) => this.e2ee.protectSender(sender, source),
    );
    this.publisher
      .start(audio, video)
      .catch((e: unknown) => this.view.alert(`Could not send your media: ${e instanceof Error ? e.message : String(e)}`));
    // The server starts everyone unmuted; tell it at once if we are not.
    if (!this.micOn || !this.cameraOn) this.mediaStateChanged();
    else this.renderControls();
    // The Join button that had focus is gone; keyboard users continue here.
    this.view.controls.focus();
  }

  /** The group's membership broke the admission rules: no keys, no media, an alarm, no rejoin. */
  private tampered(reason: string): void {
    this.end({ kind: 'lost', message: `The meeting's membership was tampered with (${reason}). Encryption was stopped: you no longer see or hear anyone, and nobody receives your media. Tell the host.` });
  }

  private epochChanged(info: EpochInfo): void {
    if (this.ended) return;
    this.epochInfo = info;
    this.e2ee.setEpoch(info);
    this.view.security.show(info);
    this.roster?.setMembers(info.members);
    // Tile captions follow the credentials too.
    for (const p of this.roster ? this.participantsKnown() : []) this.showParticipant(p);
    this.view.chat.setSender((text) => this.sendChat(text));
  }

  private participantsKnown(): ParticipantInfo[] {
    const roster = this.roster;
    if (!roster) return [];
    const out: ParticipantInfo[] = [];
    for (const m of this.epochInfo?.members ?? []) {
      const p = m.participant === null ? undefined : roster.get(m.participant);
      if (p) out.push(p);
    }
    return out;
  }

  /** Hands a participant to the tiles, named from their credential if a member. */
  private showParticipant(p: ParticipantInfo): void {
    if (p.id === this.participantId) return;
    this.tiles.setParticipant({ ...p, name: this.roster?.nameOf(p.id) ?? p.name });
  }

  private mediaStateChanged(): void {
    this.signaling.send({ type: 'media_state', audio_muted: !this.micOn, video_muted: !this.cameraOn });
    this.renderControls();
  }

  private renderControls(): void {
    this.view.controls.render({
      hasAudio: this.options.media.audio !== null,
      hasVideo: this.options.media.video !== null,
      micOn: this.micOn,
      cameraOn: this.cameraOn,
      sharing: this.publisher?.sharingScreen ?? false,
      canShare: this.publisher !== null && typeof navigator.mediaDevices?.getDisplayMedia === 'function',
    });
  }

  private end(end: MeetingEnd): void {
    if (this.ended) return;
    this.ended = true;
    window.clearTimeout(this.welcomeTimer);
    this.signaling.close();
    this.mls?.close();
    this.publisher?.close();
    this.subscriber.close();
    this.e2ee.close();
    this.view.security.clear();
    this.view.chat.clear();
    this.tiles.clear();
    this.roster?.clear();
    stopMedia(this.options.media);
    this.view.selfView.srcObject = null;
    this.view.section.hidden = true;
    this.onEnd(end);
  }
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function describeError(code: string, message: string): string {
  switch (code) {
    case 'no_such_meeting':
      return 'This meeting does not exist (any more).';
    case 'meeting_full':
      return 'This meeting is full.';
    case 'invalid_name':
      return `That name cannot be used: ${message}`;
    case 'rate_limited':
      return 'Too many attempts; wait a minute and try again.';
    case 'server_busy':
      return 'The server is too busy right now; try again shortly.';
    default:
      return `The server refused a request (${code}): ${message}`;
  }
}
