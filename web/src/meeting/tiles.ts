// The grid of remote video tiles and the hidden audio elements: turns the
// subscriber's live tracks into elements, and reports back to the SFU how big
// each video is shown so it can pick a simulcast layer. Captions carry the
// same name, tag and badges as the roster, so "Victoria (host)" or a second
// "Alice" cannot pass for someone else here either. Names come from the MLS
// group (setNames), never from the server, which knows none; a participant
// the group does not name is "Participant <id>".
//
// In a meeting bigger than the grid the SFU sends only the cameras of the
// last N speakers and of the participants pinned here (video_selection);
// the others' tiles show the name and say why (video_paused), instead of a
// frozen picture.

import { UNKNOWN_MEMBER } from '../e2ee/mls';
import { unnamedLabel } from '../e2ee/memberNames';
import { labelNames, type NameEntry, type NameLabel } from '../names';
import type { ParticipantId } from '../protocol/ParticipantId';
import type { ParticipantInfo } from '../protocol/ParticipantInfo';
import type { TrackId } from '../protocol/TrackId';
import { MAX_PINNED } from '../protocol/constants';
import { badge, nameElements, participantTag, spaced } from './roster';
import type { RemoteTrack } from './subscriber';

// Layout changes come in bursts (a window drag, tiles joining); one report
// after things settle is enough for the SFU.
const SIZE_DEBOUNCE_MS = 300;

export type SendVideoSize = (track: TrackId, width: number, height: number) => void;
export type SendPinned = (pinned: ParticipantId[]) => void;

/** Why a paused camera shows a name: said on the tile and to screen readers. */
export const PAUSED_NOTE = 'Video paused: not among the recent speakers';

class VideoTile {
  readonly figure = document.createElement('figure');
  readonly video = document.createElement('video');
  private readonly placeholder = document.createElement('div');
  private readonly placeholderName = document.createElement('span');
  private readonly placeholderNote = document.createElement('small');
  private readonly caption = document.createElement('figcaption');
  readonly pin = document.createElement('button');
  private sizeTimer: number | undefined;
  private lastSize = '';
  private off = false;
  private paused = false;

  constructor(
    readonly remote: RemoteTrack,
    private readonly sendSize: SendVideoSize,
    onPin: () => void,
  ) {
    const { info } = remote;
    this.figure.className = 'tile';
    this.figure.dataset['participant'] = String(info.participant);
    this.figure.dataset['source'] = info.source;
    this.figure.dataset['track'] = String(info.track);
    this.video.autoplay = true;
    this.video.playsInline = true;
    // Sound plays through the audio elements; a muted video can always autoplay.
    this.video.muted = true;
    this.placeholder.className = 'placeholder';
    this.placeholder.hidden = true;
    this.placeholder.setAttribute('aria-hidden', 'true');
    this.placeholder.append(this.placeholderName, this.placeholderNote);
    this.figure.append(this.video, this.placeholder, this.caption);
    // A screen share is never held back, so only cameras can be pinned.
    if (info.source === 'camera') {
      this.pin.type = 'button';
      this.pin.className = 'pin';
      this.pin.title = 'Keep this camera in view, whoever speaks';
      this.pin.addEventListener('click', onPin);
      this.setPinned(false);
      this.figure.append(this.pin);
    }
    this.setMedia(remote.media);
  }

  setPinned(pinned: boolean): void {
    this.pin.textContent = pinned ? 'Unpin' : 'Pin';
    this.pin.setAttribute('aria-pressed', String(pinned));
    this.figure.classList.toggle('pinned', pinned);
  }

  /** The SFU holds this camera back (or sends it again). */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.showPlaceholder();
  }

  private showPlaceholder(): void {
    const { paused, off } = this;
    this.figure.classList.toggle('paused', paused);
    this.figure.dataset['paused'] = String(paused);
    // Only while paused: a camera turned off shows just the name.
    this.placeholderNote.textContent = paused && !off ? PAUSED_NOTE : '';
    this.placeholder.hidden = !(off || paused);
    // A hidden video measures 0×0, which tells the SFU to stop sending it;
    // shown again, its size goes out and the SFU picks a layer.
    this.video.hidden = off || paused;
    if (paused && !off) this.figure.setAttribute('aria-description', PAUSED_NOTE);
    else this.figure.removeAttribute('aria-description');
  }

  setMedia(media: MediaStreamTrack): void {
    const current = this.video.srcObject instanceof MediaStream ? this.video.srcObject.getTracks()[0] : undefined;
    if (current === media) return;
    this.video.srcObject = new MediaStream([media]);
  }

  setParticipant(label: NameLabel, info: ParticipantInfo | undefined): void {
    const screen = this.remote.info.source === 'screen';
    const tagged = label.tag === null ? label.text : `${label.text} ${label.tag}`;
    // The name rules refuse names ending in "(screen)", so this reads unambiguously.
    this.figure.setAttribute('aria-label', screen ? `${tagged} (screen)` : tagged);
    this.figure.classList.toggle('suspicious', label.problem !== null);
    const parts: HTMLElement[] = [...nameElements(label)];
    if (label.problem !== null) parts.unshift(badge('alarm'));
    if (info?.host) parts.push(badge('host'));
    if (screen) parts.push(badge('screen'));
    else if (info?.audio_muted) parts.push(badge('muted'));
    if (info?.reconnecting) parts.push(badge('reconnecting'));
    this.figure.classList.toggle('reconnecting', info?.reconnecting ?? false);
    this.caption.replaceChildren(...spaced(parts));
    if (label.problem !== null) this.caption.title = `Cannot tell who this is: ${label.problem}`;
    else this.caption.removeAttribute('title');
    this.placeholderName.textContent = label.text;
    // Only the camera can be turned off; a screen share is stopped instead.
    this.off = (info?.video_muted ?? false) && !screen;
    this.showPlaceholder();
  }

  setSpeaking(speaking: boolean): void {
    this.figure.classList.toggle('speaking', speaking);
    if (speaking) this.figure.setAttribute('aria-current', 'true');
    else this.figure.removeAttribute('aria-current');
  }

  resized(width: number, height: number): void {
    window.clearTimeout(this.sizeTimer);
    this.sizeTimer = window.setTimeout(() => {
      // Device pixels: a 640-px-wide tile on a 2× screen deserves 1280 px.
      const scale = window.devicePixelRatio || 1;
      const w = Math.round(width * scale);
      const h = Math.round(height * scale);
      const key = `${w}x${h}`;
      if (key === this.lastSize) return;
      this.lastSize = key;
      this.sendSize(this.remote.info.track, w, h);
    }, SIZE_DEBOUNCE_MS);
  }

  dispose(): void {
    window.clearTimeout(this.sizeTimer);
    this.video.srcObject = null;
    this.figure.remove();
  }
}

export class Tiles {
  private readonly videos = new Map<TrackId, VideoTile>();
  private readonly audios = new Map<TrackId, HTMLAudioElement>();
  private readonly participants = new Map<ParticipantId, ParticipantInfo>();
  /** The group's names of its members, by participant. */
  private names = new Map<ParticipantId, string>();
  private local: { id: ParticipantId; name: string } | null = null;
  private speaker: ParticipantId | null = null;
  /** Cameras the SFU holds back now (video_paused), known tile or not yet. */
  private paused = new Set<TrackId>();
  /** Participants whose camera stays in view whoever speaks. */
  private readonly pinned = new Set<ParticipantId>();
  private readonly resizeObserver = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const tile = this.tileOfVideo(entry.target);
      tile?.resized(entry.contentRect.width, entry.contentRect.height);
    }
  });

  constructor(
    private readonly grid: HTMLElement,
    private readonly audioSink: HTMLElement,
    private readonly sendSize: SendVideoSize,
    private readonly sendPinned: SendPinned,
  ) {}

  /** The cameras the SFU says it holds back from this page. */
  setPaused(tracks: TrackId[]): void {
    this.paused = new Set(tracks);
    for (const [id, tile] of this.videos) tile.setPaused(this.paused.has(id));
  }

  /** Pins or unpins a participant's camera; at most MAX_PINNED at once. */
  togglePin(id: ParticipantId): void {
    if (this.pinned.has(id)) this.pinned.delete(id);
    else if (this.pinned.size < MAX_PINNED) this.pinned.add(id);
    else return;
    this.showPins();
    this.sendPinned([...this.pinned]);
  }

  /** After a new join (not a resume) the server knows no pins of ours. */
  resendPins(): void {
    if (this.pinned.size > 0) this.sendPinned([...this.pinned]);
  }

  private showPins(): void {
    for (const tile of this.videos.values()) tile.setPinned(this.pinned.has(tile.remote.info.participant));
  }

  /** Makes the elements match exactly the live remote tracks. */
  update(tracks: RemoteTrack[]): void {
    const wanted = new Set<TrackId>();
    for (const remote of tracks) {
      const { info } = remote;
      wanted.add(info.track);
      if (info.source === 'microphone' || info.source === 'screen_audio') this.upsertAudio(remote);
      else this.upsertVideo(remote);
    }
    for (const [id, tile] of this.videos) {
      if (!wanted.has(id)) this.removeVideo(id, tile);
    }
    for (const [id, audio] of this.audios) {
      if (!wanted.has(id)) this.removeAudio(id, audio);
    }
  }

  /** Host flag, camera state; keeps captions and placeholders current. */
  setParticipant(info: ParticipantInfo): void {
    this.participants.set(info.id, info);
    this.relabel();
  }

  /** The names the group gives (at every epoch and introduction). */
  setNames(names: Map<ParticipantId, string>): void {
    this.names = names;
    this.relabel();
  }

  /**
   * This page's own participant: it has no tile, but a remote name that
   * looks like it must be told apart all the same.
   */
  setLocal(id: ParticipantId, name: string): void {
    this.local = { id, name };
    this.relabel();
  }

  removeParticipant(id: ParticipantId): void {
    this.participants.delete(id);
    if (this.pinned.delete(id)) this.sendPinned([...this.pinned]);
    // The one left with a name like theirs needs no tag any more.
    this.relabel();
    for (const [trackId, tile] of this.videos) {
      if (tile.remote.info.participant === id) this.removeVideo(trackId, tile);
    }
    for (const [trackId, audio] of this.audios) {
      if (audio.dataset['participant'] === String(id)) this.removeAudio(trackId, audio);
    }
  }

  setActiveSpeaker(id: ParticipantId | null): void {
    this.speaker = id;
    for (const tile of this.videos.values()) {
      const { participant, source } = tile.remote.info;
      tile.setSpeaking(participant === id && source === 'camera');
    }
  }

  clear(): void {
    this.update([]);
    this.resizeObserver.disconnect();
  }

  private upsertVideo(remote: RemoteTrack): void {
    const existing = this.videos.get(remote.info.track);
    if (existing) {
      existing.setMedia(remote.media);
      return;
    }
    const id = remote.info.participant;
    const tile = new VideoTile(remote, this.sendSize, () => this.togglePin(id));
    tile.setPinned(this.pinned.has(id));
    tile.setPaused(this.paused.has(remote.info.track));
    tile.setParticipant(this.labels().get(id) ?? placeholderLabel(id), this.participants.get(id));
    tile.setSpeaking(remote.info.participant === this.speaker && remote.info.source === 'camera');
    this.videos.set(remote.info.track, tile);
    this.grid.append(tile.figure);
    this.resizeObserver.observe(tile.video);
  }

  /** Labels every tile's participant, each compared with all the others. */
  private relabel(): void {
    const labels = this.labels();
    for (const tile of this.videos.values()) {
      const id = tile.remote.info.participant;
      tile.setParticipant(labels.get(id) ?? placeholderLabel(id), this.participants.get(id));
    }
  }

  private labels(): Map<ParticipantId, NameLabel> {
    const entries: NameEntry<ParticipantId>[] = [...this.participants.values()].map((p) => ({
      key: p.id,
      name: this.names.get(p.id) ?? unnamedLabel(p.id),
      tag: participantTag(p.id),
    }));
    const local = this.local;
    if (local && !this.participants.has(local.id)) entries.push({ key: local.id, name: local.name, tag: participantTag(local.id) });
    return labelNames(entries, UNKNOWN_MEMBER);
  }

  private removeVideo(id: TrackId, tile: VideoTile): void {
    this.resizeObserver.unobserve(tile.video);
    tile.dispose();
    this.videos.delete(id);
  }

  private upsertAudio(remote: RemoteTrack): void {
    let audio = this.audios.get(remote.info.track);
    if (!audio) {
      audio = document.createElement('audio');
      audio.autoplay = true;
      audio.dataset['participant'] = String(remote.info.participant);
      audio.dataset['track'] = String(remote.info.track);
      this.audios.set(remote.info.track, audio);
      this.audioSink.append(audio);
    }
    const current = audio.srcObject instanceof MediaStream ? audio.srcObject.getTracks()[0] : undefined;
    if (current !== remote.media) {
      audio.srcObject = new MediaStream([remote.media]);
      // Autoplay can be refused before any click on the page; Join was a
      // click, so this only fails in unusual setups and is worth a log line.
      audio.play().catch((e: unknown) => console.warn('conclave: remote audio did not start', e));
    }
  }

  private removeAudio(id: TrackId, audio: HTMLAudioElement): void {
    audio.srcObject = null;
    audio.remove();
    this.audios.delete(id);
  }

  private tileOfVideo(el: Element): VideoTile | undefined {
    for (const tile of this.videos.values()) {
      if (tile.video === el) return tile;
    }
    return undefined;
  }
}

/** A tile whose participant the server has not described yet (a brief moment at most). */
function placeholderLabel(id: ParticipantId): NameLabel {
  return { text: 'Participant', tag: participantTag(id), problem: null };
}
