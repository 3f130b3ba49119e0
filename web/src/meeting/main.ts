// The meeting page: pre-join screen → meeting → "you left" screen, and back
// again with Rejoin. Reads the meeting id from the path and the host secret
// from the fragment (which browsers never send to the server).

import { byId } from '../dom';
import { Controls } from './controls';
import { acquireLocalMedia } from './media';
import { Meeting, type InboundStats, type MeetingEnd, type MeetingView } from './meeting';
import { PreJoin, type JoinRequest } from './prejoin';

/** What tests and curious people can reach from the console. */
interface DebugHandle {
  readonly participantId: number | null;
  readonly publisher: RTCPeerConnection | null;
  readonly subscriber: RTCPeerConnection | null;
  stats(): Promise<InboundStats[]>;
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
};

const prejoin = new PreJoin(join);
window.addEventListener('pagehide', () => prejoin.dispose());
prejoin.show();
