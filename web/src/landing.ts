// The landing page: creates a meeting and shows the links to share. On a
// server where only organisers create meetings it offers to sign in first.
//
// The meeting key (docs/admission.md) is drawn here, in the organiser's
// browser, after the server created the meeting: the host link carries the
// seed and the participant link the public keys, both in the fragment, so
// the server never sees either.

import { byId } from './dom';
import { deriveMeetingSecret, generateSeed, hostLinkWithKey, participantLinkWithKey } from './e2ee/meetingKey';

interface CreatedMeeting {
  id: string;
  link: string;
  host_link: string;
  /** The organisation's recording key, when the server has one. */
  recording_key?: string;
}

const createButton = byId('create', HTMLButtonElement);
const status = byId('status', HTMLParagraphElement);
const error = byId('error', HTMLParagraphElement);
const created = byId('created', HTMLElement);
const participantLink = byId('participant-link', HTMLInputElement);
const hostLink = byId('host-link', HTMLInputElement);
const joinHost = byId('join-host', HTMLAnchorElement);
const account = byId('account', HTMLDivElement);
const signedInAs = byId('signed-in-as', HTMLSpanElement);
const signinNeeded = byId('signin-needed', HTMLParagraphElement);

interface SessionInfo {
  signed_in: boolean;
  name: string | null;
  create_meetings: 'anyone' | 'organisers';
}

function isSessionInfo(value: unknown): value is SessionInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['signed_in'] === 'boolean' && (v['create_meetings'] === 'anyone' || v['create_meetings'] === 'organisers');
}

function showSignInNeeded(): void {
  signinNeeded.hidden = false;
  createButton.hidden = true;
}

// Who is here, and whether they must sign in to create a meeting. Until it
// is known the button stays: on an open server nothing changes.
async function loadSession(): Promise<void> {
  try {
    const response = await fetch('/api/session');
    if (!response.ok) return;
    const info: unknown = await response.json();
    if (!isSessionInfo(info)) return;
    if (info.signed_in) {
      signedInAs.textContent = `Signed in as ${info.name ?? 'an organiser'}.`;
      account.hidden = false;
    } else if (info.create_meetings === 'organisers') {
      showSignInNeeded();
    }
  } catch {
    // The create button still works or explains itself.
  }
}

function isCreatedMeeting(value: unknown): value is CreatedMeeting {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['id'] === 'string' &&
    typeof v['link'] === 'string' &&
    typeof v['host_link'] === 'string' &&
    (v['recording_key'] === undefined || typeof v['recording_key'] === 'string')
  );
}

async function createMeeting(): Promise<void> {
  createButton.disabled = true;
  error.textContent = '';
  status.textContent = 'Creating a meeting…';
  try {
    const response = await fetch('/api/meetings', { method: 'POST' });
    if (response.status === 401) {
      showSignInNeeded();
      throw new Error('Only organisers can create meetings on this server. Sign in first.');
    }
    if (response.status === 429) {
      throw new Error('Too many meetings were created from here just now. Try again in a minute.');
    }
    if (response.status !== 201) {
      throw new Error(`The server could not create a meeting (HTTP ${response.status}).`);
    }
    const body: unknown = await response.json();
    if (!isCreatedMeeting(body)) {
      throw new Error('The server answered with something that is not a meeting.');
    }
    // The server gives paths; people share whole links, with the key.
    const seed = generateSeed();
    const secret = await deriveMeetingSecret(seed);
    const recordingKey = body.recording_key ?? null;
    participantLink.value = participantLinkWithKey(new URL(body.link, location.origin).href, secret.public, recordingKey);
    hostLink.value = hostLinkWithKey(new URL(body.host_link, location.origin).href, seed, recordingKey);
    joinHost.href = hostLink.value;
    created.hidden = false;
    status.textContent = 'Meeting created.';
    participantLink.focus();
    participantLink.select();
  } catch (e) {
    status.textContent = '';
    error.textContent = e instanceof Error ? e.message : String(e);
  } finally {
    createButton.disabled = false;
  }
}

async function copy(input: HTMLInputElement, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = `${what} copied.`;
  } catch {
    // Clipboard access can be refused (permissions, insecure origin); leave
    // the link selected so the person can copy it by hand.
    input.focus();
    input.select();
    status.textContent = `Could not copy automatically: the ${what.toLowerCase()} is selected, copy it with Ctrl+C.`;
  }
}

createButton.addEventListener('click', () => void createMeeting());
void loadSession();
byId('copy-participant', HTMLButtonElement).addEventListener('click', () => void copy(participantLink, 'Participant link'));
byId('copy-host', HTMLButtonElement).addEventListener('click', () => void copy(hostLink, 'Host link'));
