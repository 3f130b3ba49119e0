// src/dom.ts
function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) {
    throw new Error(`page is missing #${id} (${type.name})`);
  }
  return el;
}

// src/landing.ts
var createButton = byId("create", HTMLButtonElement);
var status = byId("status", HTMLParagraphElement);
var error = byId("error", HTMLParagraphElement);
var created = byId("created", HTMLElement);
var participantLink = byId("participant-link", HTMLInputElement);
var hostLink = byId("host-link", HTMLInputElement);
var joinHost = byId("join-host", HTMLAnchorElement);
var account = byId("account", HTMLDivElement);
var signedInAs = byId("signed-in-as", HTMLSpanElement);
var signinNeeded = byId("signin-needed", HTMLParagraphElement);
function isSessionInfo(value) {
  if (typeof value !== "object" || value === null) return false;
  const v = value;
  return typeof v["signed_in"] === "boolean" && (v["create_meetings"] === "anyone" || v["create_meetings"] === "organisers");
}
function showSignInNeeded() {
  signinNeeded.hidden = false;
  createButton.hidden = true;
}
async function loadSession() {
  try {
    const response = await fetch("/api/session");
    if (!response.ok) return;
    const info = await response.json();
    if (!isSessionInfo(info)) return;
    if (info.signed_in) {
      signedInAs.textContent = `Signed in as ${info.name ?? "an organiser"}.`;
      account.hidden = false;
    } else if (info.create_meetings === "organisers") {
      showSignInNeeded();
    }
  } catch {
  }
}
function isCreatedMeeting(value) {
  if (typeof value !== "object" || value === null) return false;
  const v = value;
  return typeof v["id"] === "string" && typeof v["link"] === "string" && typeof v["host_link"] === "string";
}
async function createMeeting() {
  createButton.disabled = true;
  error.textContent = "";
  status.textContent = "Creating a meeting…";
  try {
    const response = await fetch("/api/meetings", { method: "POST" });
    if (response.status === 401) {
      showSignInNeeded();
      throw new Error("Only organisers can create meetings on this server. Sign in first.");
    }
    if (response.status === 429) {
      throw new Error("Too many meetings were created from here just now. Try again in a minute.");
    }
    if (response.status !== 201) {
      throw new Error(`The server could not create a meeting (HTTP ${response.status}).`);
    }
    const body = await response.json();
    if (!isCreatedMeeting(body)) {
      throw new Error("The server answered with something that is not a meeting.");
    }
    participantLink.value = new URL(body.link, location.origin).href;
    hostLink.value = new URL(body.host_link, location.origin).href;
    joinHost.href = hostLink.value;
    created.hidden = false;
    status.textContent = "Meeting created.";
    participantLink.focus();
    participantLink.select();
  } catch (e) {
    status.textContent = "";
    error.textContent = e instanceof Error ? e.message : String(e);
  } finally {
    createButton.disabled = false;
  }
}
async function copy(input, what) {
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = `${what} copied.`;
  } catch {
    input.focus();
    input.select();
    status.textContent = `Could not copy automatically: the ${what.toLowerCase()} is selected, copy it with Ctrl+C.`;
  }
}
createButton.addEventListener("click", () => void createMeeting());
void loadSession();
byId("copy-participant", HTMLButtonElement).addEventListener("click", () => void copy(participantLink, "Participant link"));
byId("copy-host", HTMLButtonElement).addEventListener("click", () => void copy(hostLink, "Host link"));
