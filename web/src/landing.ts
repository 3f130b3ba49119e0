// The landing page: creates a meeting and shows the links to share.

import { byId } from './dom';

interface CreatedMeeting {
  id: string;
  link: string;
  host_link: string;
}

const createButton = byId('create', HTMLButtonElement);
const status = byId('status', HTMLParagraphElement);
const error = byId('error', HTMLParagraphElement);
const created = byId('created', HTMLElement);
const participantLink = byId('participant-link', HTMLInputElement);
const hostLink = byId('host-link', HTMLInputElement);
const joinHost = byId('join-host', HTMLAnchorElement);

function isCreatedMeeting(value: unknown): value is CreatedMeeting {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['id'] === 'string' && typeof v['link'] === 'string' && typeof v['host_link'] === 'string';
}

async function createMeeting(): Promise<void> {
  createButton.disabled = true;
  error.textContent = '';
  status.textContent = 'Creating a meeting…';
  try {
    const response = await fetch('/api/meetings', { method: 'POST' });
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
    // The server gives paths; people share whole links.
    participantLink.value = new URL(body.link, location.origin).href;
    hostLink.value = new URL(body.host_link, location.origin).href;
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
byId('copy-participant', HTMLButtonElement).addEventListener('click', () => void copy(participantLink, 'Participant link'));
byId('copy-host', HTMLButtonElement).addEventListener('click', () => void copy(hostLink, 'Host link'));
