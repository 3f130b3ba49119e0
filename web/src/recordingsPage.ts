// The recordings page (/m/ID/recordings#host=…&key=…, opened from a host
// link): lists the meeting's recordings, fetches one's ciphertext with the
// host secret and decrypts it here with the meeting key (recording/export.ts),
// then saves a WebM. The key stays in the fragment and this page; the
// server hands out only what it could never open (docs/recording.md).

import { byId } from './dom';
import { deriveMeetingSecret, parseFragment, type MeetingSecret } from './e2ee/meetingKey';
import { exportRecording, RecordingExportError, type RecordingExport } from './recording/export';

interface Listed {
  id: string;
  started_unix: number;
  stopped_unix: number | null;
  expires_unix: number | null;
  bytes: number;
}

const errorBox = byId('recordings-error', HTMLParagraphElement);
const status = byId('recordings-status', HTMLParagraphElement);
const list = byId('recordings-list', HTMLUListElement);
const empty = byId('recordings-empty', HTMLParagraphElement);

const meetingId = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');

function fail(message: string): void {
  errorBox.textContent = message;
  status.textContent = '';
}

async function post(path: string, hostSecret: string): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ host_secret: hostSecret }),
    credentials: 'same-origin',
  });
}

async function refusal(response: Response): Promise<string> {
  if (response.status === 404) return 'The server knows no such meeting or recording for this host link.';
  if (response.status === 429) return 'Too many requests from your address: try again in a minute.';
  const text = (await response.text()).trim();
  return text === '' ? `The server answered ${response.status}.` : text;
}

const when = (unix: number): string => new Date(unix * 1000).toLocaleString();

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function describe(r: Listed): string {
  const length = r.stopped_unix === null ? 'still recording' : `${Math.max(0, r.stopped_unix - r.started_unix)} s`;
  const expiry = r.expires_unix === null ? '' : `, deleted after ${when(r.expires_unix)}`;
  return `Started ${when(r.started_unix)}, ${length}, ${megabytes(r.bytes)} encrypted${expiry}`;
}

function summary(result: RecordingExport): string {
  const who = new Map<string, string[]>();
  for (const t of result.tracks) who.set(t.name || `Participant ${t.participant}`, [...(who.get(t.name || `Participant ${t.participant}`) ?? []), t.source]);
  const people = [...who].map(([name, sources]) => `${name} (${sources.join(', ')})`).join('; ');
  const left = result.undecryptableFrames + result.incompleteFrames;
  return `Decrypted ${(result.durationMs / 1000).toFixed(1)} s: ${people}.${left > 0 ? ` ${left} frames could not be used.` : ''}`;
}

async function download(r: Listed, hostSecret: string, secret: MeetingSecret, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  errorBox.textContent = '';
  try {
    status.textContent = `Fetching ${megabytes(r.bytes)} of ciphertext…`;
    const response = await post(`/api/meetings/${encodeURIComponent(meetingId)}/recordings/${encodeURIComponent(r.id)}`, hostSecret);
    if (!response.ok) {
      fail(await refusal(response));
      return;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    status.textContent = 'Decrypting in this browser…';
    const result = await exportRecording(bytes, secret);
    const url = URL.createObjectURL(new Blob([result.webm as Uint8Array<ArrayBuffer>], { type: 'video/webm' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `conclave-recording-${r.id.slice(0, 8)}.webm`;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has its own copy once it started.
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = summary(result);
  } catch (e) {
    fail(e instanceof RecordingExportError ? e.message : `Decrypting failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    button.disabled = false;
  }
}

async function deleteRecording(r: Listed, hostSecret: string, item: HTMLLIElement): Promise<void> {
  if (!window.confirm('Delete this recording from the server for good?')) return;
  errorBox.textContent = '';
  const response = await post(`/api/meetings/${encodeURIComponent(meetingId)}/recordings/${encodeURIComponent(r.id)}/delete`, hostSecret);
  if (!response.ok) {
    fail(await refusal(response));
    return;
  }
  item.remove();
  empty.hidden = list.children.length > 0;
  status.textContent = 'The recording was deleted from the server.';
}

async function main(): Promise<void> {
  const fragment = parseFragment(window.location.hash);
  if (!fragment.ok) {
    fail(fragment.problem);
    return;
  }
  const { hostSecret, seed } = fragment;
  if (hostSecret === null || seed === null) {
    fail('Open this page from your host link: it needs the meeting key (key=) and the host secret (host=) that only the host link carries.');
    return;
  }
  if (fragment.recordingKey !== null) {
    fail("This meeting's recordings are sealed to your organisation's recording key, not to the meeting key: the team that holds that key opens them (conclave recording export).");
    return;
  }
  const secret = await deriveMeetingSecret(seed);
  status.textContent = 'Looking for recordings…';
  const response = await post(`/api/meetings/${encodeURIComponent(meetingId)}/recordings`, hostSecret);
  if (!response.ok) {
    fail(await refusal(response));
    return;
  }
  const recordings = (await response.json()) as Listed[];
  status.textContent = '';
  empty.hidden = recordings.length > 0;
  for (const r of recordings) {
    const item = document.createElement('li');
    const text = document.createElement('span');
    text.textContent = describe(r);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Download decrypted video';
    button.disabled = r.stopped_unix === null;
    if (r.stopped_unix === null) button.title = 'Stop the recording first.';
    button.addEventListener('click', () => void download(r, hostSecret, secret, button));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'danger';
    remove.textContent = 'Delete';
    remove.addEventListener('click', () => void deleteRecording(r, hostSecret, item));
    item.append(text, ' ', button, ' ', remove);
    list.append(item);
  }
}

main().catch((e: unknown) => fail(`This page failed: ${e instanceof Error ? e.message : String(e)}`));
