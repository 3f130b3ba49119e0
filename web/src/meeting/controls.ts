// The meeting's control bar. Labels say what a click will do ("Mute", not a
// pressed "Microphone"), so a screen reader announces the action.

import { byId } from '../dom';

export interface ControlState {
  hasAudio: boolean;
  hasVideo: boolean;
  micOn: boolean;
  cameraOn: boolean;
  sharing: boolean;
  canShare: boolean;
  /** Why sharing is off for this participant (a host turned it off), or null. */
  shareBlocked: string | null;
}

export interface ControlActions {
  toggleMic(): void;
  toggleCamera(): void;
  toggleScreen(): void;
  leave(): void;
}

export class Controls {
  private readonly mic = byId('toggle-mic', HTMLButtonElement);
  private readonly camera = byId('toggle-camera', HTMLButtonElement);
  private readonly screen = byId('toggle-screen', HTMLButtonElement);
  private readonly leave = byId('leave', HTMLButtonElement);
  private readonly sharingStatus = byId('sharing-status', HTMLParagraphElement);

  constructor(actions: ControlActions) {
    this.mic.addEventListener('click', () => actions.toggleMic());
    this.camera.addEventListener('click', () => actions.toggleCamera());
    this.screen.addEventListener('click', () => actions.toggleScreen());
    this.leave.addEventListener('click', () => actions.leave());
  }

  /** Puts keyboard focus on the first usable control, once the meeting shows. */
  focus(): void {
    const first = [this.mic, this.camera, this.screen, this.leave].find((b) => !b.disabled);
    first?.focus();
  }

  render(state: ControlState): void {
    this.mic.textContent = state.micOn ? 'Mute' : 'Unmute';
    this.mic.disabled = !state.hasAudio;
    this.mic.title = state.hasAudio ? '' : 'No microphone';
    this.camera.textContent = state.cameraOn ? 'Stop camera' : 'Start camera';
    this.camera.disabled = !state.hasVideo;
    this.camera.title = state.hasVideo ? '' : 'No camera';
    this.screen.textContent = state.sharing ? 'Stop sharing' : 'Share screen';
    this.screen.disabled = !state.canShare || state.shareBlocked !== null;
    this.screen.title = state.shareBlocked ?? '';
    // The reason is shown, not only a tooltip: a disabled button gets no hover on touch.
    this.sharingStatus.textContent = state.sharing ? 'You are sharing your screen.' : (state.shareBlocked ?? '');
  }
}
