// The meeting page: pre-join screen → (waiting room →) meeting → "you left"
// screen, and back again with Rejoin. Reads the meeting id from the path, and
// the host secret and the meeting key from the fragment (which browsers never
// send to the server; docs/admission.md).

import { byId } from '../dom';
import type { WorkerStats } from '../e2ee/workerProtocol';
import { memberLabel, type AdmissionKeys } from '../e2ee/mls';
import { deriveMeetingSecret, parseFragment, toBase64Url } from '../e2ee/meetingKey';
import { ChatPanel } from './chat';
import { Controls } from './controls';
import { LobbyPanel, WaitingView } from './lobby';
import { acquireLocalMedia } from './media';
import { Meeting, type InboundStats, type MeetingEnd, type MeetingView } from './meeting';
import { PreJoin, type JoinRequest } from './prejoin';
import { SecurityPanel } from './securityPanel';

/** End-to-end encryption as tests and the curious see it. */
interface E2eeHandle {
  /** Current MLS epoch, null before joining the group. */
  readonly epoch: number | null;
  readonly securityCode: string | null;
  /** The group's members as shown: the group's name, "Participant <id>", or "Unknown member". */
  readonly members: string[];
  /** The media worker's counters (per sender and kind: decrypted, failures, duplicates). */
  stats(): Promise<WorkerStats | null>;
  /**
   * Test hook: this page decrypts with random keys from now on (its own
   * sending is unaffected). Called before Join, it applies to the meeting
   * about to start, so not a single remote frame is ever decrypted.
   */
  corruptKeys(): void;
}

/** What tests and curious people can reach from the console. */
interface DebugHandle {
  readonly participantId: number | null;
  readonly publisher: RTCPeerConnection | null;
  readonly subscriber: RTCPeerConnection | null;
  stats(): Promise<InboundStats[]>;
  readonly e2ee: E2eeHandle;
}

declare global {
  interface Window {
    conclave: DebugHandle;
  }
}

const meetingId = decodeURIComponent(location.pathname.replace(/^\/m\//, '').replace(/\/$/, ''));
const fragment = parseFragment(location.hash);
const hostSecret = fragment.ok ? fragment.hostSecret : null;
// Hosts derive the knock and signing keys from the seed once, up front.
const admission: Promise<AdmissionKeys | null> = (async () => {
  if (!fragment.ok) return null;
  if (fragment.seed) {
    const secret = await deriveMeetingSecret(fragment.seed);
    return { publicKey: secret.public, secret, recordingKey: fragment.recordingKey };
  }
  return fragment.publicKey ? { publicKey: fragment.publicKey, secret: null, recordingKey: fragment.recordingKey } : null;
})();

// A random token per meeting, kept in this browser: the server blocks by it
// a knocker denied twice or removed (it keeps only its hash). 16 bytes is as
// unguessable as the meeting id, well under MAX_DEVICE_BYTES once encoded.
const DEVICE_TOKEN_BYTES = 16;
function deviceToken(): string {
  const key = `conclave.device.${meetingId}`;
  try {
    const stored = localStorage.getItem(key);
    if (stored && /^[A-Za-z0-9_-]{22}$/.test(stored)) return stored;
    const fresh = toBase64Url(crypto.getRandomValues(new Uint8Array(DEVICE_TOKEN_BYTES)));
    localStorage.setItem(key, fresh);
    return fresh;
  } catch {
    // Storage disabled: a token for this page only.
    return toBase64Url(crypto.getRandomValues(new Uint8Array(DEVICE_TOKEN_BYTES)));
  }
}

const alertBox = byId('alert', HTMLParagraphElement);
const ended = byId('ended', HTMLElement);
const endedMessage = byId('ended-message', HTMLHeadingElement);
const endedDetail = byId('ended-detail', HTMLParagraphElement);
const endedAlarm = byId('ended-alarm', HTMLParagraphElement);
const rejoinButton = byId('rejoin', HTMLButtonElement);

let current: Meeting | null = null;
let corruptNextMeeting = false;
let last: { name: string; micOn: boolean; cameraOn: boolean } | null = null;

function showAlert(message: string): void {
  alertBox.textContent = message;
  alertBox.hidden = false;
}

function clearAlert(): void {
  alertBox.textContent = '';
  alertBox.hidden = true;
}

const view: MeetingView = {
  section: byId('meeting', HTMLElement),
  grid: byId('grid', HTMLDivElement),
  audioSink: byId('audio-sink', HTMLDivElement),
  roster: byId('roster', HTMLUListElement),
  joining: byId('joining', HTMLUListElement),
  joiningSection: byId('joining-section', HTMLElement),
  security: new SecurityPanel(),
  chat: new ChatPanel(),
  selfView: byId('self-view', HTMLVideoElement),
  controls: new Controls({
    toggleMic: () => current?.toggleMic(),
    toggleCamera: () => current?.toggleCamera(),
    toggleScreen: () => void current?.toggleScreen(),
    leave: () => current?.leave(),
  }),
  waiting: new WaitingView(),
  lobby: new LobbyPanel(),
  locked: byId('locked-status', HTMLParagraphElement),
  notice: byId('notice', HTMLParagraphElement),
  signalingStatus: byId('signaling-status', HTMLParagraphElement),
  mediaStatus: byId('media-status', HTMLParagraphElement),
  mediaTransport: byId('media-transport', HTMLParagraphElement),
  endMeeting: byId('end-meeting', HTMLButtonElement),
  recordingIndicator: byId('recording-indicator', HTMLParagraphElement),
  recordingButton: byId('toggle-recording', HTMLButtonElement),
  alert: showAlert,
};

view.endMeeting.addEventListener('click', () => {
  if (window.confirm('End the meeting for everyone?')) current?.endForEveryone();
});

async function join(request: JoinRequest): Promise<void> {
  clearAlert();
  ended.hidden = true;
  last = { name: request.name, micOn: request.micOn, cameraOn: request.cameraOn };
  const keys = await admission;
  const meeting = new Meeting(
    {
      meetingId,
      name: request.name,
      hostSecret,
      admission: keys,
      device: deviceToken(),
      recordingKey: fragment.ok ? fragment.recordingKey : null,
      media: request.media,
      micOn: request.micOn,
      cameraOn: request.cameraOn,
    },
    view,
    (end) => {
      // Carry the toggles over to a rejoin; a missing device keeps the wish.
      last = {
        name: request.name,
        micOn: request.media.audio ? meeting.micOn : request.micOn,
        cameraOn: request.media.video ? meeting.cameraOn : request.cameraOn,
      };
      finished(meeting, end);
    },
  );
  current = meeting;
  if (corruptNextMeeting) meeting.e2ee.corruptKeys();
  void meeting.start();
}

function finished(meeting: Meeting, end: MeetingEnd): void {
  if (current !== meeting) return;
  current = null;
  endedAlarm.hidden = true;
  endedAlarm.textContent = '';
  rejoinButton.hidden = false;
  if (end.kind === 'left') {
    endedMessage.textContent = 'You left the meeting';
    endedDetail.textContent = '';
  } else if (end.kind === 'lost') {
    endedMessage.textContent = 'Disconnected from the meeting';
    endedDetail.textContent = end.message;
    showAlert(end.message);
  } else {
    endedMessage.textContent = end.heading;
    if (end.alarm) {
      // Announced at once: the person must know encryption stopped.
      endedDetail.textContent = '';
      endedAlarm.textContent = end.message;
      endedAlarm.hidden = false;
    } else {
      endedDetail.textContent = end.message;
    }
    rejoinButton.hidden = !end.rejoin;
  }
  ended.hidden = false;
  if (!rejoinButton.hidden) rejoinButton.focus();
}

rejoinButton.addEventListener('click', () => {
  const previous = last;
  if (!previous) return;
  rejoinButton.disabled = true;
  void acquireLocalMedia().then((media) => {
    rejoinButton.disabled = false;
    if (media.problem) showAlert(media.problem);
    void join({ ...previous, media });
  });
});

window.conclave = {
  get participantId() {
    return current?.participantId ?? null;
  },
  get publisher() {
    return current?.publisher?.pc ?? null;
  },
  get subscriber() {
    return current?.subscriber.pc ?? null;
  },
  stats: () => current?.stats() ?? Promise.resolve([]),
  e2ee: {
    get epoch() {
      const epoch = current?.epochInfo?.epoch;
      return epoch === undefined ? null : Number(epoch);
    },
    get securityCode() {
      return current?.epochInfo?.securityCode ?? null;
    },
    get members() {
      return current?.epochInfo?.members.map(memberLabel) ?? [];
    },
    stats: () => current?.e2eeStats() ?? Promise.resolve(null),
    corruptKeys: () => {
      corruptNextMeeting = true;
      current?.e2ee.corruptKeys();
    },
  },
};

// A host link holds what the recordings page needs (the host secret to
// fetch, the meeting key to decrypt): it opens there with the same fragment.
if (fragment.ok && fragment.hostSecret !== null && fragment.seed !== null) {
  for (const id of ['recordings-link', 'recordings-link-ended']) {
    const link = byId(id, HTMLAnchorElement);
    link.href = `/m/${encodeURIComponent(meetingId)}/recordings${location.hash}`;
    link.hidden = false;
  }
}

const prejoin = new PreJoin((request) => void join(request));
if (!fragment.ok) showAlert(fragment.problem);
window.addEventListener('pagehide', () => prejoin.dispose());
prejoin.show();
