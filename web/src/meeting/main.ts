// The meeting page: pre-join screen → meeting → "you left" screen, and back
// again with Rejoin. Reads the meeting id from the path and the host secret
// from the fragment (which browsers never send to the server).

import { byId } from '../dom';
import type { WorkerStats } from '../e2ee/workerProtocol';
import { UNKNOWN_MEMBER } from '../e2ee/mls';
import { ChatPanel } from './chat';
import { Controls } from './controls';
import { acquireLocalMedia } from './media';
import { Meeting, type InboundStats, type MeetingEnd, type MeetingView } from './meeting';
import { PreJoin, type JoinRequest } from './prejoin';
import { SecurityPanel } from './securityPanel';

/** End-to-end encryption as tests and the curious see it. */
interface E2eeHandle {
  /** Current MLS epoch, null before joining the group. */
  readonly epoch: number | null;
  readonly securityCode: string | null;
  /** Names of the group's members, from their credentials. */
  readonly members: string[];
  /** The media worker's counters (per sender and kind: decrypted, failures). */
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
const hostSecret = new URLSearchParams(location.hash.replace(/^#/, '')).get('host');

const alertBox = byId('alert', HTMLParagraphElement);
const ended = byId('ended', HTMLElement);
const endedMessage = byId('ended-message', HTMLHeadingElement);
const endedDetail = byId('ended-detail', HTMLParagraphElement);
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
  alert: showAlert,
};

function join(request: JoinRequest): void {
  clearAlert();
  ended.hidden = true;
  last = { name: request.name, micOn: request.micOn, cameraOn: request.cameraOn };
  const meeting = new Meeting(
    { meetingId, name: request.name, hostSecret, media: request.media, micOn: request.micOn, cameraOn: request.cameraOn },
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
  if (end.kind === 'left') {
    endedMessage.textContent = 'You left the meeting';
    endedDetail.textContent = '';
  } else {
    endedMessage.textContent = 'Disconnected from the meeting';
    endedDetail.textContent = end.message;
    showAlert(end.message);
  }
  ended.hidden = false;
  rejoinButton.focus();
}

rejoinButton.addEventListener('click', () => {
  const previous = last;
  if (!previous) return;
  rejoinButton.disabled = true;
  void acquireLocalMedia().then((media) => {
    rejoinButton.disabled = false;
    if (media.problem) showAlert(media.problem);
    join({ ...previous, media });
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
      return current?.epochInfo?.members.map((m) => m.name ?? UNKNOWN_MEMBER) ?? [];
    },
    stats: () => current?.e2eeStats() ?? Promise.resolve(null),
    corruptKeys: () => {
      corruptNextMeeting = true;
      current?.e2ee.corruptKeys();
    },
  },
};

const prejoin = new PreJoin(join);
window.addEventListener('pagehide', () => prejoin.dispose());
prejoin.show();
