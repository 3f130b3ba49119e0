// The grid of remote video tiles and the hidden audio elements: turns the
// subscriber's live tracks into elements, and reports back to the SFU how big
// each video is shown so it can pick a simulcast layer.

import type { ParticipantId } from '../protocol/ParticipantId';
import type { ParticipantInfo } from '../protocol/ParticipantInfo';
import type { TrackId } from '../protocol/TrackId';
import type { RemoteTrack } from './subscriber';

// Layout changes come in bursts (a window drag, tiles joining); one report
// after things settle is enough for the SFU.
const SIZE_DEBOUNCE_MS = 300;

export type SendVideoSize = (track: TrackId, width: number, height: number) => void;

class VideoTile {
  readonly figure = document.createElement('figure');
  readonly video = document.createElement('video');
  private readonly placeholder = document.createElement('div');
  private readonly caption = document.createElement('figcaption');
  private sizeTimer: number | undefined;
  private lastSize = '';

  constructor(
    readonly remote: RemoteTrack,
    private readonly sendSize: SendVideoSize,
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
    this.figure.append(this.video, this.placeholder, this.caption);
    this.setMedia(remote.media);
  }

  setMedia(media: MediaStreamTrack): void {
    const current = this.video.srcObject instanceof MediaStream ? this.video.srcObject.getTracks()[0] : undefined;
    if (current === media) return;
    this.video.srcObject = new MediaStream([media]);
  }

  setParticipant(name: string, videoMuted: boolean): void {
    const screen = this.remote.info.source === 'screen';
    const label = screen ? `${name} (screen)` : name;
    this.figure.setAttribute('aria-label', label);
    this.caption.textContent = label;
    this.placeholder.textContent = name;
    // Only the camera can be turned off; a screen share is stopped instead.
    const off = videoMuted && !screen;
    this.placeholder.hidden = !off;
    // A hidden video measures 0×0, which tells the SFU to stop sending it.
    this.video.hidden = off;
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
  private speaker: ParticipantId | null = null;
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
  ) {}

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

  /** Name, camera state; keeps captions and placeholders current. */
  setParticipant(info: ParticipantInfo): void {
    this.participants.set(info.id, info);
    for (const tile of this.videos.values()) {
      if (tile.remote.info.participant === info.id) tile.setParticipant(info.name, info.video_muted);
    }
  }

  removeParticipant(id: ParticipantId): void {
    this.participants.delete(id);
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
    const tile = new VideoTile(remote, this.sendSize);
    const info = this.participants.get(remote.info.participant);
    tile.setParticipant(info?.name ?? `Participant ${remote.info.participant}`, info?.video_muted ?? false);
    tile.setSpeaking(remote.info.participant === this.speaker && remote.info.source === 'camera');
    this.videos.set(remote.info.track, tile);
    this.grid.append(tile.figure);
    this.resizeObserver.observe(tile.video);
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
