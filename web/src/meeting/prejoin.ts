// The pre-join screen: camera preview, name, microphone and camera toggles.
// It captures the devices early so the person sees themselves before joining
// and the permission prompt is out of the way.

import { byId } from '../dom';
import { e2eeSupported } from '../e2ee/mediaEncryption';
import { checkName } from '../names';
import { acquireLocalMedia, stopMedia, type LocalMedia } from './media';

export interface JoinRequest {
  name: string;
  micOn: boolean;
  cameraOn: boolean;
  media: LocalMedia;
}

const NAME_KEY = 'conclave.name';

export class PreJoin {
  private readonly section = byId('prejoin', HTMLElement);
  private readonly preview = byId('preview', HTMLVideoElement);
  private readonly status = byId('preview-status', HTMLParagraphElement);
  private readonly form = byId('join-form', HTMLFormElement);
  private readonly nameInput = byId('name', HTMLInputElement);
  private readonly nameError = byId('name-error', HTMLParagraphElement);
  private readonly micButton = byId('prejoin-mic', HTMLButtonElement);
  private readonly cameraButton = byId('prejoin-camera', HTMLButtonElement);
  private readonly joinButton = byId('join', HTMLButtonElement);
  private readonly unsupported = byId('e2ee-unsupported', HTMLParagraphElement);
  private readonly supported = e2eeSupported();
  private media: Promise<LocalMedia> | null = null;

  constructor(private readonly onJoin: (request: JoinRequest) => void) {
    this.nameInput.value = loadName();
    this.nameInput.addEventListener('input', () => this.showNameError(null));
    this.micButton.addEventListener('click', () => this.toggle(this.micButton));
    this.cameraButton.addEventListener('click', () => this.toggle(this.cameraButton));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  show(): void {
    this.section.hidden = false;
    // No downgrade: without encrypted media there is no joining at all.
    this.unsupported.hidden = this.supported;
    this.joinButton.disabled = !this.supported;
    this.status.textContent = 'Starting your camera and microphone…';
    const media = acquireLocalMedia();
    this.media = media;
    void media.then((m) => {
      if (this.media !== media) return;
      this.status.textContent = m.problem;
      this.apply(m);
    });
    this.nameInput.focus();
  }

  private async submit(): Promise<void> {
    // The server checks names by the same rules; refusing here says why
    // before the camera is handed over and the meeting is joined.
    const checked = checkName(this.nameInput.value);
    if (!checked.ok) {
      this.showNameError(checked.rule === 'empty' ? 'Please enter your name.' : `That name cannot be used: ${checked.reason}.`);
      this.nameInput.focus();
      return;
    }
    const { name } = checked;
    this.showNameError(null);
    if (!this.media || !this.supported) return;
    this.joinButton.disabled = true;
    const media = await this.media;
    // The meeting owns the devices from here on.
    this.media = null;
    this.preview.srcObject = null;
    saveName(name);
    this.section.hidden = true;
    this.onJoin({ name, micOn: pressed(this.micButton), cameraOn: pressed(this.cameraButton), media });
  }

  private showNameError(message: string | null): void {
    this.nameError.textContent = message ?? '';
    this.nameError.hidden = message === null;
    if (message === null) this.nameInput.removeAttribute('aria-invalid');
    else this.nameInput.setAttribute('aria-invalid', 'true');
  }

  private toggle(button: HTMLButtonElement): void {
    button.setAttribute('aria-pressed', String(!pressed(button)));
    void this.media?.then((m) => this.apply(m));
  }

  private apply(m: LocalMedia): void {
    if (m.audio) m.audio.enabled = pressed(this.micButton);
    if (m.video) m.video.enabled = pressed(this.cameraButton);
    this.preview.srcObject = m.video && m.video.enabled ? new MediaStream([m.video]) : null;
  }

  /** Releases the devices if the page is left from the pre-join screen. */
  dispose(): void {
    void this.media?.then(stopMedia);
    this.media = null;
  }
}

function pressed(button: HTMLButtonElement): boolean {
  return button.getAttribute('aria-pressed') === 'true';
}

// Remembering the name saves typing it at every meeting; it stays in this
// browser only.
function loadName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

function saveName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Storage can be disabled; the name is then asked for each time.
  }
}
