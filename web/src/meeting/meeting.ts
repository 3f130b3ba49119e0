// One stay in a meeting, from `join` to leaving or losing the connection:
// wires signaling to the publishing and subscribing connections, the MLS
// member and the media worker that encrypts them, the tiles, the roster, the
// security code and the chat. A rejoin is a new Meeting (and a new member).
//
// In a meeting with a lobby (docs/admission.md) a guest first waits: it
// knocks (admission.ts seals its KeyPackage and name to the meeting key) and
// sees only the waiting view until `welcome`; no media starts before. A host
// admits or denies knocks, and may lock, remove, mute, end, turn screen
// sharing off for participants, and make a guest co-host (admission.ts); a
// promoted guest becomes a host for the rest of its stay.
//
// Names come from the MLS group (docs/e2ee.md, "Names"): the server knows
// none, so the list, tiles and chat take them from the member's epochs and
// introductions, never from the server's participant list.

import type { ParticipantId } from '../protocol/ParticipantId';
import type { ParticipantInfo } from '../protocol/ParticipantInfo';
import type { ServerMessage } from '../protocol/ServerMessage';
import type { TrackSource } from '../protocol/TrackSource';
import { MediaEncryption } from '../e2ee/mediaEncryption';
import { isMlsMessage, memberLabel, MlsClient, type AdmissionKeys, type EpochInfo, type Member } from '../e2ee/mls';
import type { WorkerStats } from '../e2ee/workerProtocol';
import { Admission } from './admission';
import type { ChatPanel } from './chat';
import { ConnectionWatch } from './connectionWatch';
import { restartWhenLost } from './iceRestart';
import type { Controls } from './controls';
import { captureScreen, stopMedia, type LocalMedia } from './media';
import type { LobbyPanel, WaitingView } from './lobby';
import { Publisher } from './publisher';
import { Recording } from './recording';
import { Roster } from './roster';
import type { SecurityPanel } from './securityPanel';
import { Signaling } from './signaling';
import { watchSilence } from './silenceWatch';
import { Subscriber } from './subscriber';
import { Tiles } from './tiles';

// A server that accepted the socket but says nothing is as good as down.
const WELCOME_TIMEOUT_MS = 10_000;

export interface MeetingOptions {
  meetingId: string;
  name: string;
  hostSecret: string | null;
  /** The meeting key from the link; null for a link without `key=` or `pub=`. */
  admission: AdmissionKeys | null;
  /** This browser's token for this meeting (docs/admission.md). */
  device: string;
  /** The link's `rec=`: recordings are sealed to this organisation key instead of the meeting key. */
  recordingKey: Uint8Array | null;
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
  waiting: WaitingView;
  lobby: LobbyPanel;
  locked: HTMLParagraphElement;
  /** Polite news that is no error: a host muted you, you are a co-host now. */
  notice: HTMLParagraphElement;
  /** Shown while the link to the server is being brought back (signaling.ts). */
  signalingStatus: HTMLParagraphElement;
  /** What is wrong with the media connections, if anything (connectionWatch.ts). */
  mediaStatus: HTMLParagraphElement;
  /** How media travels once connected: UDP, TCP, or a relay. */
  mediaTransport: HTMLParagraphElement;
  endMeeting: HTMLButtonElement;
  /** "Recording…", to members and knockers alike, while a host records (recording.ts). */
  recordingIndicator: HTMLParagraphElement;
  /** Start/Stop recording, for hosts. */
  recordingButton: HTMLButtonElement;
  alert(message: string): void;
}

/**
 * How a stay ended: on purpose, with a message to show, or closed by the
 * meeting itself (denied, removed, ended, tampered with), where `rejoin`
 * says whether trying again makes sense and `alarm` is shown as one.
 */
export type MeetingEnd =
  | { kind: 'left' }
  | { kind: 'lost'; message: string }
  | { kind: 'closed'; heading: string; message: string; rejoin: boolean; alarm?: boolean };

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
  /** Set once `welcome` let us into the meeting proper (not merely the lobby). */
  private admitted = false;
  /** A host from the start (host link) or since a promotion. */
  private isHost: boolean;
  /** Knocks, admissions, the lock and co-hosts, with the keys they need. */
  private readonly admission: Admission;
  /** Whether participants (not hosts) may share screens, as the server last said. */
  private screenSharingAllowed = true;
  private readonly connections: ConnectionWatch;
  /** Stops the ICE restart watchers (iceRestart.ts) when the meeting ends. */
  private readonly stopRestarts: (() => void)[] = [];
  /** The server's TURN relays for us (`ice_servers`), if it has any. */
  private iceServers: RTCIceServer[] = [];
  private readonly recording: Recording;

  constructor(
    private readonly options: MeetingOptions,
    private readonly view: MeetingView,
    private readonly onEnd: (end: MeetingEnd) => void,
  ) {
    this.isHost = options.hostSecret !== null;
    this.admission = new Admission(options.admission, {
      meetingId: options.meetingId,
      name: options.name,
      send: (msg) => this.signaling.send(msg),
      participantId: () => this.participantId,
      mls: () => this.mls,
      ended: () => this.ended,
      lobby: view.lobby,
      lockedNotice: view.locked,
      alert: (message) => this.view.alert(message),
      knownCoHost: (participant) => this.roster?.addKnownCoHost(participant),
      promotedToHost: () => {
        this.view.notice.textContent = 'A host made you a co-host: you can now let people in, mute and remove them.';
        this.showHostControls();
      },
    });
    this.recording = new Recording({
      send: (msg) => this.signaling.send(msg),
      recipient: options.recordingKey ?? options.admission?.publicKey.knock ?? null,
      sealedToOrganisation: options.recordingKey !== null,
      isHost: () => this.isHost,
      epoch: () => this.epochInfo,
      alert: (message) => this.view.alert(message),
      indicator: view.recordingIndicator,
      button: view.recordingButton,
    });
    this.micOn = options.micOn && options.media.audio !== null;
    this.cameraOn = options.cameraOn && options.media.video !== null;
    this.tiles = new Tiles(
      view.grid,
      view.audioSink,
      (track, width, height) => this.signaling.send({ type: 'video_size', track, width, height }),
      (pinned) => this.signaling.send({ type: 'video_selection', last_n: null, pinned }),
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
    this.connections = new ConnectionWatch(
      (message) => {
        view.mediaStatus.textContent = message ?? '';
        view.mediaStatus.hidden = message === null;
      },
      (transport) => {
        view.mediaTransport.textContent = transport ?? '';
      },
    );
    this.connections.watch('receiving', this.subscriber.pc);
    // The server offers on this connection; it restarts ICE when asked.
    this.stopRestarts.push(
      restartWhenLost(
        this.subscriber.pc,
        () => this.signaling.send({ type: 'restart_ice' }),
        () => this.signaling.heardAt,
      ),
    );
    this.stopRestarts.push(this.suspectSignalingOnLoss(this.subscriber.pc));
    this.stopRestarts.push(watchSilence(this.subscriber.pc, () => this.signaling.suspect()));
    // The browser saw the network come (back): the signaling socket may be
    // one from the old network.
    const online = (): void => this.signaling.suspect();
    window.addEventListener('online', online);
    this.stopRestarts.push(() => window.removeEventListener('online', online));
    this.signaling = new Signaling(options.meetingId, {
      onMessage: (msg) => this.handle(msg),
      onClose: (reason) => this.end({ kind: 'lost', message: reason }),
      onReconnecting: (reconnecting) => {
        view.signalingStatus.hidden = !reconnecting;
      },
      // A new socket after a stall: the network probably changed under the
      // media connections too, so they restart now rather than wait until
      // the browser declares their paths lost (seconds later).
      onResumed: () => this.restartMedia(),
    });
  }

  private restartMedia(): void {
    this.signaling.send({ type: 'restart_ice' });
    void this.publisher?.restartIce().catch((e: unknown) => console.warn('conclave: ICE restart failed', e));
  }

  /** A media connection that lost its path hints that signaling's socket may have lost it too. */
  private suspectSignalingOnLoss(pc: RTCPeerConnection): () => void {
    const changed = (): void => {
      if (pc.iceConnectionState === 'disconnected' || pc.iceConnectionState === 'failed') this.signaling.suspect();
    };
    pc.addEventListener('iceconnectionstatechange', changed);
    return () => pc.removeEventListener('iceconnectionstatechange', changed);
  }

  async start(): Promise<void> {
    try {
      await this.signaling.opened();
    } catch (e) {
      this.end({ kind: 'lost', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    // No name: the server never learns one (docs/signaling.md); it travels
    // only sealed in a knock and inside the MLS group.
    const { hostSecret, device } = this.options;
    this.signaling.send(hostSecret ? { type: 'join', host_secret: hostSecret, device } : { type: 'join', device });
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
    this.setMic(!this.micOn);
  }

  private setMic(on: boolean): void {
    const track = this.options.media.audio;
    if (!track) return;
    this.micOn = on;
    track.enabled = on;
    if (on) this.view.notice.textContent = '';
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
      if (this.screenSharingBlocked) return;
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
      this.view.chat.add(me?.participant ?? null, me?.name ?? this.options.name, text, true);
    } catch (e) {
      this.view.alert(`Your message was not sent: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  private handle(msg: ServerMessage): void {
    if (this.ended) return;
    if (this.waitingInLobby && LOBBY_HIDDEN.has(msg.type)) {
      // A guest in the lobby learns nothing of the meeting, whatever the server sends.
      console.warn(`conclave: ignoring ${msg.type} while waiting in the lobby`);
      return;
    }
    if (isMlsMessage(msg)) {
      // Before `welcome` there is no member yet, and nothing can be for it.
      void this.mls?.handle(msg).catch(() => undefined);
      return;
    }
    switch (msg.type) {
      case 'welcome':
        this.welcomed(msg.you, msg.participants);
        break;
      case 'lobby':
        this.inLobby(msg.you);
        break;
      case 'knock':
        void this.admission.knocked(msg.participant, msg.sealed);
        break;
      case 'knock_withdrawn':
        this.view.lobby.remove(msg.participant);
        break;
      case 'denied':
        this.end({
          kind: 'closed',
          heading: 'The host denied your request to join',
          message: msg.blocked
            ? 'You were denied more than once, so this browser cannot knock on this meeting again.'
            : 'You can knock again with Rejoin; a second denial blocks this browser from the meeting.',
          rejoin: !msg.blocked,
        });
        break;
      case 'removed':
        this.end({ kind: 'closed', heading: 'You were removed from the meeting', message: 'A host removed you. You no longer receive anything from the meeting, and this browser cannot knock on it again.', rejoin: false });
        break;
      case 'meeting_locked':
        this.admission.setLocked(msg.locked);
        break;
      case 'muted_by_host':
        // As our own Mute does (media_state goes out); only we can unmute.
        this.setMic(false);
        this.view.notice.textContent = 'A host muted your microphone. You can unmute when you want to speak.';
        break;
      case 'screen_sharing_allowed':
        this.setScreenSharingAllowed(msg.allowed);
        break;
      case 'ice_servers':
        // Before `welcome`: the subscriber's connection gathers only once
        // the server's offer comes, and the publisher is made after.
        this.iceServers = msg.servers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential }));
        this.subscriber.pc.setConfiguration({ ...this.subscriber.pc.getConfiguration(), iceServers: this.iceServers });
        break;
      case 'promoted':
        this.admission.promoted(msg.sealed_key);
        break;
      case 'recording':
        this.recording.setActive(msg.active);
        break;
      case 'meeting_ended':
        this.end({ kind: 'closed', heading: 'The meeting has ended', message: 'A host ended the meeting for everyone.', rejoin: false });
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
      case 'video_paused':
        this.tiles.setPaused(msg.tracks);
        break;
      case 'active_speaker':
        this.tiles.setActiveSpeaker(msg.participant);
        this.roster?.setActiveSpeaker(msg.participant);
        break;
      case 'pong':
        break;
      case 'error':
        if (msg.code === 'not_recording') {
          // A key sealed just as the recording stopped: nothing to tell anyone.
          console.warn('conclave: the server had no recording for our sealed key');
          break;
        }
        if (msg.code === 'negotiation') this.publisher?.refused(msg.message);
        if (msg.code === 'not_allowed') {
          // Our screen share was refused: sharing is off for participants.
          this.publisher?.refused(describeError(msg.code, msg.message));
          this.setScreenSharingAllowed(false);
        }
        if (msg.fatal) this.end({ kind: 'lost', message: describeError(msg.code, msg.message) });
        else this.view.alert(describeError(msg.code, msg.message));
        break;
    }
  }

  /** In the lobby: `lobby` came, `welcome` not yet. */
  private get waitingInLobby(): boolean {
    return this.participantId !== null && !this.admitted;
  }

  /** `lobby`: we wait for a host. Knock with a fresh KeyPackage, show nothing else. */
  private inLobby(you: ParticipantId): void {
    window.clearTimeout(this.welcomeTimer);
    if (this.participantId !== null) return;
    const admission = this.options.admission;
    if (!admission) {
      this.end({
        kind: 'closed',
        heading: 'This link is incomplete',
        message: 'This meeting has a waiting room, and your link lacks the meeting key that lets you knock. Ask the host for the full participant link (it ends in #pub=…) and open that one.',
        rejoin: false,
      });
      return;
    }
    this.participantId = you;
    this.mls = this.newMember(you);
    this.view.waiting.show(() => this.leave());
    void this.mls
      .knockKeyPackage()
      .then((keyPackage) => this.admission.knock(keyPackage))
      .catch((e: unknown) => this.end({ kind: 'lost', message: `Could not knock: ${e instanceof Error ? e.message : String(e)}` }));
  }

  private mute(participant: ParticipantId): void {
    this.signaling.send({ type: 'mute_participant', participant });
  }

  private requestScreenSharing(allowed: boolean): void {
    this.signaling.send({ type: 'screen_sharing', allowed });
  }

  private setScreenSharingAllowed(allowed: boolean): void {
    this.screenSharingAllowed = allowed;
    this.view.lobby.setScreenSharing(allowed);
    // Hosts may go on sharing; a participant's share stops at once.
    if (this.screenSharingBlocked && this.publisher?.sharingScreen) void this.toggleScreen();
    this.renderControls();
  }

  private get screenSharingBlocked(): boolean {
    return !this.screenSharingAllowed && !this.isHost;
  }

  /** The host's panel, buttons and End meeting: at `welcome` for hosts, or once promoted. */
  private showHostControls(): void {
    this.isHost = true;
    this.view.lobby.show({
      admit: (k) => this.admission.admit(k),
      deny: (p) => this.admission.deny(p),
      setLocked: (l) => this.admission.requestLock(l),
      setScreenSharing: (a) => this.requestScreenSharing(a),
    });
    this.view.lobby.setLocked(this.admission.locked);
    this.view.lobby.setScreenSharing(this.screenSharingAllowed);
    this.view.endMeeting.hidden = false;
    this.recording.render();
    this.roster?.setHostActions({
      remove: (id) => this.signaling.send({ type: 'remove', participant: id }),
      mute: (id) => this.mute(id),
      canPromote: (id) => this.admission.canPromote(id),
      promote: (id) => void this.admission.promote(id),
    });
    this.renderControls();
  }

  /** End meeting (hosts). */
  endForEveryone(): void {
    this.signaling.send({ type: 'end_meeting' });
  }

  private newMember(you: ParticipantId): MlsClient {
    return new MlsClient(
      you,
      this.options.name,
      (m) => this.signaling.send(m),
      {
        epoch: (info) => this.epochChanged(info),
        chat: (from, text) => this.view.chat.add(from.participant, memberLabel(from), text, from.participant === you),
        names: (members) => this.namesChanged(members),
        removed: () => this.view.alert('You are no longer in the encrypted group: you cannot see or hear the others.'),
        rejoining: () => {
          // Old keys must not be used to send; the worker waits for the next epoch.
          this.e2ee.clearKeys();
          this.view.security.waiting();
          this.view.alert(this.admission.enforcing && !this.admission.holdsSecret ? 'Re-establishing end-to-end encryption: a host has to let you back in…' : 'Re-establishing end-to-end encryption…');
        },
        problem: (message) => this.view.alert(message),
        tampered: (reason) => this.tampered(reason),
        reknock: (keyPackage) => void this.admission.knock(keyPackage).catch((e: unknown) => this.view.alert(`Could not knock again: ${e instanceof Error ? e.message : String(e)}`)),
      },
      this.options.admission,
    );
  }

  private welcomed(you: ParticipantId, participants: ParticipantInfo[]): void {
    window.clearTimeout(this.welcomeTimer);
    if (this.admitted) return;
    if (this.participantId !== null && this.participantId !== you) return;
    this.admitted = true;
    this.participantId = you;
    this.tiles.resendPins();
    this.view.waiting.hide();
    this.roster = new Roster(this.view.roster, this.view.joining, this.view.joiningSection, you);
    // A remote tile named like us gets its tag too.
    this.tiles.setLocal(you, this.options.name);
    for (const p of participants) {
      this.roster.set(p);
      if (p.id !== you) this.showParticipant(p);
    }
    this.view.security.waiting();
    if (this.isHost) this.showHostControls();
    if (!this.mls) {
      // Admitted knockers already have their member: its KeyPackage went
      // out in the knock, and the host's commit brings the Welcome.
      this.mls = this.newMember(you);
      void this.mls.start().catch(() => undefined);
    }
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
      this.iceServers,
    );
    this.connections.watch('sending', this.publisher.pc);
    const publisher = this.publisher;
    this.stopRestarts.push(restartWhenLost(publisher.pc, () => publisher.restartIce(), () => this.signaling.heardAt));
    this.stopRestarts.push(this.suspectSignalingOnLoss(publisher.pc));
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
    this.end({
      kind: 'closed',
      heading: 'Encryption stopped',
      message: `The meeting's membership was tampered with: ${reason}. You left the encrypted group, so you no longer see or hear anyone and nobody receives your media. Tell the host; rejoin only once you trust the meeting again.`,
      rejoin: true,
      alarm: true,
    });
  }

  private epochChanged(info: EpochInfo): void {
    if (this.ended) return;
    this.epochInfo = info;
    this.e2ee.setEpoch(info);
    this.view.security.show(info);
    this.roster?.setMembers(info.members, info.admission);
    this.showNames(info.members);
    this.view.chat.setSender((text) => this.sendChat(text));
    this.recording.epochChanged();
  }

  /** An introduction named someone between epochs: the list, tiles and chat follow. */
  private namesChanged(members: Member[]): void {
    if (this.ended || !this.epochInfo) return;
    this.epochInfo = { ...this.epochInfo, members };
    this.roster?.setMembers(members, this.epochInfo.admission);
    this.showNames(members);
    this.recording.epochChanged();
  }

  /** Tile captions and chat senders take the group's names, as the list does. */
  private showNames(members: Member[]): void {
    const names = new Map<ParticipantId, string>();
    for (const m of members) if (m.participant !== null && m.name !== null) names.set(m.participant, m.name);
    this.tiles.setNames(names);
    this.view.chat.rename(names);
  }

  /** Hands a participant's flags (host, muted, …) to the tiles; the name comes from the group. */
  private showParticipant(p: ParticipantInfo): void {
    if (p.id === this.participantId) return;
    this.tiles.setParticipant(p);
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
      shareBlocked: this.screenSharingBlocked && !this.publisher?.sharingScreen ? 'A host has turned off screen sharing for participants.' : null,
    });
  }

  private end(end: MeetingEnd): void {
    if (this.ended) return;
    this.ended = true;
    window.clearTimeout(this.welcomeTimer);
    this.connections.close();
    for (const stop of this.stopRestarts.splice(0)) stop();
    this.view.mediaStatus.hidden = true;
    this.view.signalingStatus.hidden = true;
    this.signaling.close();
    this.mls?.close();
    this.publisher?.close();
    this.subscriber.close();
    this.e2ee.close();
    this.view.security.clear();
    this.view.chat.clear();
    this.tiles.clear();
    this.roster?.clear();
    this.view.waiting.hide();
    this.view.lobby.clear();
    this.view.locked.textContent = '';
    this.view.notice.textContent = '';
    this.view.endMeeting.hidden = true;
    this.recording.clear();
    stopMedia(this.options.media);
    this.view.selfView.srcObject = null;
    this.view.section.hidden = true;
    this.onEnd(end);
  }
}

/** Who is in the meeting and who speaks: nothing a waiting guest may hold. */
const LOBBY_HIDDEN: ReadonlySet<string> = new Set(['participant_joined', 'participant_updated', 'participant_left', 'active_speaker', 'mls_application']);

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function describeError(code: string, message: string): string {
  switch (code) {
    case 'meeting_locked':
      return 'This meeting is locked: the hosts are not letting anyone in right now.';
    case 'lobby_full':
      return 'Too many people are waiting to join this meeting. Try again in a minute.';
    case 'not_host':
      return 'Only a host can do that.';
    case 'not_allowed':
      return 'A host has turned off screen sharing for participants.';
    case 'blocked':
      return 'This browser cannot join this meeting: a host turned it away.';
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
