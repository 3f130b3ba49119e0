// src/dom.ts
function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) {
    throw new Error(`page is missing #${id} (${type.name})`);
  }
  return el;
}

// src/meeting/controls.ts
var Controls = class {
  mic = byId("toggle-mic", HTMLButtonElement);
  camera = byId("toggle-camera", HTMLButtonElement);
  screen = byId("toggle-screen", HTMLButtonElement);
  leave = byId("leave", HTMLButtonElement);
  sharingStatus = byId("sharing-status", HTMLParagraphElement);
  constructor(actions) {
    this.mic.addEventListener("click", () => actions.toggleMic());
    this.camera.addEventListener("click", () => actions.toggleCamera());
    this.screen.addEventListener("click", () => actions.toggleScreen());
    this.leave.addEventListener("click", () => actions.leave());
  }
  /** Puts keyboard focus on the first usable control, once the meeting shows. */
  focus() {
    const first = [this.mic, this.camera, this.screen, this.leave].find((b) => !b.disabled);
    first?.focus();
  }
  render(state) {
    this.mic.textContent = state.micOn ? "Mute" : "Unmute";
    this.mic.disabled = !state.hasAudio;
    this.mic.title = state.hasAudio ? "" : "No microphone";
    this.camera.textContent = state.cameraOn ? "Stop camera" : "Start camera";
    this.camera.disabled = !state.hasVideo;
    this.camera.title = state.hasVideo ? "" : "No camera";
    this.screen.textContent = state.sharing ? "Stop sharing" : "Share screen";
    this.screen.disabled = !state.canShare;
    this.sharingStatus.textContent = state.sharing ? "You are sharing your screen." : "";
  }
};

// src/meeting/media.ts
var CAMERA = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 24 }
};
async function acquireLocalMedia() {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { audio: null, video: null, problem: "This browser cannot capture a camera or microphone here." };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: CAMERA });
    return { audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null, problem: "" };
  } catch (both) {
    const audio = await tryTrack({ audio: true });
    const video = await tryTrack({ video: CAMERA });
    const missing = [audio ? null : "microphone", video ? null : "camera"].filter((m) => m !== null);
    const reason = both instanceof Error ? both.message : String(both);
    return { audio, video, problem: `No ${missing.join(" or ")} available (${reason}). You can still join.` };
  }
}
async function tryTrack(constraints) {
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    return stream.getTracks()[0] ?? null;
  } catch {
    return null;
  }
}
async function captureScreen() {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error("The screen capture has no video.");
  track.contentHint = "detail";
  return track;
}
function stopMedia(media) {
  media.audio?.stop();
  media.video?.stop();
}

// src/meeting/publisher.ts
var CAMERA_ENCODINGS = [
  { rid: "q", scaleResolutionDownBy: 4, maxBitrate: 15e4 },
  { rid: "h", scaleResolutionDownBy: 2, maxBitrate: 5e5 },
  { rid: "f", maxBitrate: 15e5 }
];
var ANSWER_TIMEOUT_MS = 15e3;
var Publisher = class {
  constructor(sendOffer) {
    this.sendOffer = sendOffer;
  }
  sendOffer;
  pc = new RTCPeerConnection({ iceServers: [] });
  sources = /* @__PURE__ */ new Map();
  screen = null;
  chain = Promise.resolve();
  queued = null;
  waitingAnswer = null;
  closed = false;
  /** Adds the microphone and camera and sends the first offer. */
  start(audio, video) {
    if (audio) {
      const tx = this.pc.addTransceiver(audio, { direction: "sendonly" });
      this.sources.set(tx, "microphone");
    }
    if (video) {
      const tx = this.pc.addTransceiver(video, { direction: "sendonly", sendEncodings: CAMERA_ENCODINGS });
      this.sources.set(tx, "camera");
    }
    return this.negotiate();
  }
  get sharingScreen() {
    return this.screen !== null;
  }
  /** Publishes a screen capture as one more video (one encoding, no simulcast). */
  startScreen(track) {
    if (this.screen) throw new Error("already sharing a screen");
    const tx = this.pc.addTransceiver(track, { direction: "sendonly" });
    this.sources.set(tx, "screen");
    this.screen = tx;
    return this.negotiate();
  }
  stopScreen() {
    const tx = this.screen;
    if (!tx) return Promise.resolve();
    this.screen = null;
    this.sources.delete(tx);
    tx.sender.track?.stop();
    tx.stop();
    return this.negotiate();
  }
  /** Called with the server's `publish_answer`. */
  answer(sdp) {
    const waiting = this.waitingAnswer;
    this.waitingAnswer = null;
    if (waiting) waiting.resolve(sdp);
    else console.warn("conclave: publish_answer without an outstanding offer");
  }
  /** Called when the server refuses our offer (`error` with code negotiation). */
  refused(message) {
    const waiting = this.waitingAnswer;
    this.waitingAnswer = null;
    waiting?.reject(new Error(message));
  }
  close() {
    this.closed = true;
    this.refused("the publishing connection was closed");
    this.pc.close();
  }
  /**
   * Asks for a new offer/answer round. Requests made while one is waiting to
   * start share it: the offer describes the transceivers as they are then.
   */
  negotiate() {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = null;
      return this.negotiateOnce();
    });
    this.queued = run;
    this.chain = run.catch(() => void 0);
    return run;
  }
  async negotiateOnce() {
    if (this.closed) return;
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error("no local description after setLocalDescription");
    const tracks = [];
    for (const [tx, source] of this.sources) {
      if (tx.mid !== null && tx.direction !== "stopped") tracks.push({ mid: tx.mid, source });
    }
    const answer = new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.waitingAnswer = null;
        reject(new Error("The server did not answer our media offer."));
      }, ANSWER_TIMEOUT_MS);
      this.waitingAnswer = {
        resolve: (s) => {
          window.clearTimeout(timer);
          resolve(s);
        },
        reject: (e) => {
          window.clearTimeout(timer);
          reject(e);
        }
      };
    });
    this.sendOffer(sdp, tracks);
    const answerSdp = await answer;
    if (this.closed) return;
    await this.pc.setRemoteDescription({ type: "answer", sdp: answerSdp });
  }
};

// src/meeting/roster.ts
var Roster = class {
  constructor(list, you) {
    this.list = list;
    this.you = you;
  }
  list;
  you;
  participants = /* @__PURE__ */ new Map();
  speaker = null;
  get(id) {
    return this.participants.get(id);
  }
  all() {
    return [...this.participants.values()];
  }
  set(info) {
    this.participants.set(info.id, info);
    this.render();
  }
  remove(id) {
    this.participants.delete(id);
    if (this.speaker === id) this.speaker = null;
    this.render();
  }
  setActiveSpeaker(id) {
    this.speaker = id;
    this.render();
  }
  clear() {
    this.participants.clear();
    this.list.replaceChildren();
  }
  render() {
    const ordered = this.all().sort((a, b) => a.id === this.you ? -1 : b.id === this.you ? 1 : a.id - b.id);
    this.list.replaceChildren(...ordered.map((p) => this.item(p)));
  }
  item(p) {
    const li = document.createElement("li");
    li.dataset["participant"] = String(p.id);
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = p.name;
    li.append(name);
    const tags = [];
    if (p.id === this.you) tags.push("you");
    if (p.host) tags.push("host");
    if (p.audio_muted) tags.push("muted");
    if (p.video_muted) tags.push("camera off");
    if (p.screen_sharing) tags.push("sharing screen");
    if (p.id === this.speaker) tags.push("speaking");
    for (const tag of tags) {
      const span = document.createElement("span");
      span.className = `tag tag-${tag.replace(" ", "-")}`;
      span.textContent = `(${tag})`;
      li.append(" ", span);
    }
    if (p.id === this.speaker) {
      li.classList.add("speaking");
      li.setAttribute("aria-current", "true");
    }
    return li;
  }
};

// src/meeting/signaling.ts
var PROTOCOL_VERSION = 1;
var PING_INTERVAL_MS = 5e3;
var SERVER_MESSAGE_TYPES = /* @__PURE__ */ new Set([
  "welcome",
  "participant_joined",
  "participant_updated",
  "participant_left",
  "publish_answer",
  "subscribe_offer",
  "active_speaker",
  "pong",
  "error"
]);
var Signaling = class {
  constructor(meetingId2, handlers) {
    this.handlers = handlers;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    this.socket = new WebSocket(`${scheme}//${location.host}/ws/${encodeURIComponent(meetingId2)}`);
    this.socket.addEventListener("message", (event) => this.receive(event));
    this.socket.addEventListener("close", (event) => this.closed(event));
  }
  handlers;
  socket;
  pingTimer;
  closedByUs = false;
  /** Resolves once the socket is open; rejects if it closes first. */
  opened() {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onOpen = () => {
        this.socket.removeEventListener("close", onClose);
        this.pingTimer = window.setInterval(() => this.send({ type: "ping" }), PING_INTERVAL_MS);
        resolve();
      };
      const onClose = () => {
        this.socket.removeEventListener("open", onOpen);
        reject(new Error("Could not connect to the meeting server."));
      };
      this.socket.addEventListener("open", onOpen, { once: true });
      this.socket.addEventListener("close", onClose, { once: true });
    });
  }
  send(msg) {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ v: PROTOCOL_VERSION, ...msg }));
  }
  /** Closes without reporting it through onClose: the caller already knows. */
  close() {
    this.closedByUs = true;
    this.stopPing();
    this.socket.close(1e3, "leaving");
  }
  receive(event) {
    if (typeof event.data !== "string") return;
    let parsed;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      console.warn("conclave: ignoring a signaling message that is not JSON");
      return;
    }
    if (!isServerMessage(parsed)) {
      console.warn("conclave: ignoring an unknown signaling message", parsed);
      return;
    }
    this.handlers.onMessage(parsed);
  }
  closed(event) {
    this.stopPing();
    if (this.closedByUs) return;
    const detail = event.reason ? `: ${event.reason}` : "";
    this.handlers.onClose(`The connection to the meeting server was closed (code ${event.code}${detail}).`);
  }
  stopPing() {
    if (this.pingTimer !== void 0) window.clearInterval(this.pingTimer);
    this.pingTimer = void 0;
  }
};
function isServerMessage(value) {
  if (typeof value !== "object" || value === null) return false;
  const v = value;
  return v["v"] === PROTOCOL_VERSION && typeof v["type"] === "string" && SERVER_MESSAGE_TYPES.has(v["type"]);
}

// src/meeting/subscriber.ts
var Subscriber = class {
  constructor(sendAnswer, onTracks, onError) {
    this.sendAnswer = sendAnswer;
    this.onTracks = onTracks;
    this.onError = onError;
    this.pc.addEventListener("track", () => this.publish());
  }
  sendAnswer;
  onTracks;
  onError;
  pc = new RTCPeerConnection({ iceServers: [] });
  tracks = [];
  chain = Promise.resolve();
  /** Called with each `subscribe_offer`. */
  offer(sdp, tracks) {
    this.chain = this.chain.then(async () => {
      if (this.pc.signalingState === "closed") return;
      this.tracks = tracks;
      await this.pc.setRemoteDescription({ type: "offer", sdp });
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      const local = this.pc.localDescription?.sdp;
      if (!local) throw new Error("no local description after setLocalDescription");
      this.sendAnswer(local);
      this.publish();
    }).catch((e) => this.onError(e instanceof Error ? e : new Error(String(e))));
  }
  /**
   * Forgets a participant's tracks at once, before the server's next offer
   * removes them, so their tiles do not linger for a round trip.
   */
  forgetParticipant(id) {
    this.tracks = this.tracks.filter((t) => t.participant !== id);
    this.publish();
  }
  /** Which subscribed track a receive m-line carries, for stats. */
  trackForMid(mid) {
    return this.tracks.find((t) => t.mid === mid);
  }
  close() {
    this.pc.close();
  }
  publish() {
    if (this.pc.signalingState === "closed") return;
    const byMid = /* @__PURE__ */ new Map();
    for (const tx of this.pc.getTransceivers()) {
      if (tx.mid !== null && tx.currentDirection !== "stopped") byMid.set(tx.mid, tx);
    }
    const live = [];
    for (const info of this.tracks) {
      const tx = byMid.get(info.mid);
      if (!tx) continue;
      const media = tx.receiver.track;
      if (media.readyState === "live" && media.kind === kindOf(info.source)) live.push({ info, media });
    }
    this.onTracks(live);
  }
};
function kindOf(source) {
  return source === "microphone" || source === "screen_audio" ? "audio" : "video";
}

// src/meeting/tiles.ts
var SIZE_DEBOUNCE_MS = 300;
var VideoTile = class {
  constructor(remote, sendSize) {
    this.remote = remote;
    this.sendSize = sendSize;
    const { info } = remote;
    this.figure.className = "tile";
    this.figure.dataset["participant"] = String(info.participant);
    this.figure.dataset["source"] = info.source;
    this.figure.dataset["track"] = String(info.track);
    this.video.autoplay = true;
    this.video.playsInline = true;
    this.video.muted = true;
    this.placeholder.className = "placeholder";
    this.placeholder.hidden = true;
    this.placeholder.setAttribute("aria-hidden", "true");
    this.figure.append(this.video, this.placeholder, this.caption);
    this.setMedia(remote.media);
  }
  remote;
  sendSize;
  figure = document.createElement("figure");
  video = document.createElement("video");
  placeholder = document.createElement("div");
  caption = document.createElement("figcaption");
  sizeTimer;
  lastSize = "";
  setMedia(media) {
    const current2 = this.video.srcObject instanceof MediaStream ? this.video.srcObject.getTracks()[0] : void 0;
    if (current2 === media) return;
    this.video.srcObject = new MediaStream([media]);
  }
  setParticipant(name, videoMuted) {
    const screen = this.remote.info.source === "screen";
    const label = screen ? `${name} (screen)` : name;
    this.figure.setAttribute("aria-label", label);
    this.caption.textContent = label;
    this.placeholder.textContent = name;
    const off = videoMuted && !screen;
    this.placeholder.hidden = !off;
    this.video.hidden = off;
  }
  setSpeaking(speaking) {
    this.figure.classList.toggle("speaking", speaking);
    if (speaking) this.figure.setAttribute("aria-current", "true");
    else this.figure.removeAttribute("aria-current");
  }
  resized(width, height) {
    window.clearTimeout(this.sizeTimer);
    this.sizeTimer = window.setTimeout(() => {
      const scale = window.devicePixelRatio || 1;
      const w = Math.round(width * scale);
      const h = Math.round(height * scale);
      const key = `${w}x${h}`;
      if (key === this.lastSize) return;
      this.lastSize = key;
      this.sendSize(this.remote.info.track, w, h);
    }, SIZE_DEBOUNCE_MS);
  }
  dispose() {
    window.clearTimeout(this.sizeTimer);
    this.video.srcObject = null;
    this.figure.remove();
  }
};
var Tiles = class {
  constructor(grid, audioSink, sendSize) {
    this.grid = grid;
    this.audioSink = audioSink;
    this.sendSize = sendSize;
  }
  grid;
  audioSink;
  sendSize;
  videos = /* @__PURE__ */ new Map();
  audios = /* @__PURE__ */ new Map();
  participants = /* @__PURE__ */ new Map();
  speaker = null;
  resizeObserver = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const tile = this.tileOfVideo(entry.target);
      tile?.resized(entry.contentRect.width, entry.contentRect.height);
    }
  });
  /** Makes the elements match exactly the live remote tracks. */
  update(tracks) {
    const wanted = /* @__PURE__ */ new Set();
    for (const remote of tracks) {
      const { info } = remote;
      wanted.add(info.track);
      if (info.source === "microphone" || info.source === "screen_audio") this.upsertAudio(remote);
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
  setParticipant(info) {
    this.participants.set(info.id, info);
    for (const tile of this.videos.values()) {
      if (tile.remote.info.participant === info.id) tile.setParticipant(info.name, info.video_muted);
    }
  }
  removeParticipant(id) {
    this.participants.delete(id);
    for (const [trackId, tile] of this.videos) {
      if (tile.remote.info.participant === id) this.removeVideo(trackId, tile);
    }
    for (const [trackId, audio] of this.audios) {
      if (audio.dataset["participant"] === String(id)) this.removeAudio(trackId, audio);
    }
  }
  setActiveSpeaker(id) {
    this.speaker = id;
    for (const tile of this.videos.values()) {
      const { participant, source } = tile.remote.info;
      tile.setSpeaking(participant === id && source === "camera");
    }
  }
  clear() {
    this.update([]);
    this.resizeObserver.disconnect();
  }
  upsertVideo(remote) {
    const existing = this.videos.get(remote.info.track);
    if (existing) {
      existing.setMedia(remote.media);
      return;
    }
    const tile = new VideoTile(remote, this.sendSize);
    const info = this.participants.get(remote.info.participant);
    tile.setParticipant(info?.name ?? `Participant ${remote.info.participant}`, info?.video_muted ?? false);
    tile.setSpeaking(remote.info.participant === this.speaker && remote.info.source === "camera");
    this.videos.set(remote.info.track, tile);
    this.grid.append(tile.figure);
    this.resizeObserver.observe(tile.video);
  }
  removeVideo(id, tile) {
    this.resizeObserver.unobserve(tile.video);
    tile.dispose();
    this.videos.delete(id);
  }
  upsertAudio(remote) {
    let audio = this.audios.get(remote.info.track);
    if (!audio) {
      audio = document.createElement("audio");
      audio.autoplay = true;
      audio.dataset["participant"] = String(remote.info.participant);
      audio.dataset["track"] = String(remote.info.track);
      this.audios.set(remote.info.track, audio);
      this.audioSink.append(audio);
    }
    const current2 = audio.srcObject instanceof MediaStream ? audio.srcObject.getTracks()[0] : void 0;
    if (current2 !== remote.media) {
      audio.srcObject = new MediaStream([remote.media]);
      audio.play().catch((e) => console.warn("conclave: remote audio did not start", e));
    }
  }
  removeAudio(id, audio) {
    audio.srcObject = null;
    audio.remove();
    this.audios.delete(id);
  }
  tileOfVideo(el) {
    for (const tile of this.videos.values()) {
      if (tile.video === el) return tile;
    }
    return void 0;
  }
};

// src/meeting/meeting.ts
var WELCOME_TIMEOUT_MS = 1e4;
var Meeting = class {
  constructor(options, view2, onEnd) {
    this.options = options;
    this.view = view2;
    this.onEnd = onEnd;
    this.micOn = options.micOn && options.media.audio !== null;
    this.cameraOn = options.cameraOn && options.media.video !== null;
    this.tiles = new Tiles(
      view2.grid,
      view2.audioSink,
      (track, width, height) => this.signaling.send({ type: "video_size", track, width, height })
    );
    this.subscriber = new Subscriber(
      (sdp) => this.signaling.send({ type: "subscribe_answer", sdp }),
      (tracks) => this.tiles.update(tracks),
      (e) => this.view.alert(`Could not receive the others' media: ${e.message}`)
    );
    this.signaling = new Signaling(options.meetingId, {
      onMessage: (msg) => this.handle(msg),
      onClose: (reason) => this.end({ kind: "lost", message: reason })
    });
  }
  options;
  view;
  onEnd;
  participantId = null;
  publisher = null;
  subscriber;
  micOn;
  cameraOn;
  signaling;
  roster = null;
  tiles;
  ended = false;
  welcomeTimer;
  async start() {
    try {
      await this.signaling.opened();
    } catch (e) {
      this.end({ kind: "lost", message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const { name, hostSecret: hostSecret2 } = this.options;
    this.signaling.send(hostSecret2 ? { type: "join", name, host_secret: hostSecret2 } : { type: "join", name });
    this.welcomeTimer = window.setTimeout(
      () => this.end({ kind: "lost", message: "The meeting server did not let us in." }),
      WELCOME_TIMEOUT_MS
    );
  }
  leave() {
    this.signaling.send({ type: "leave" });
    this.end({ kind: "left" });
  }
  toggleMic() {
    const track = this.options.media.audio;
    if (!track) return;
    this.micOn = !this.micOn;
    track.enabled = this.micOn;
    this.mediaStateChanged();
  }
  toggleCamera() {
    const track = this.options.media.video;
    if (!track) return;
    this.cameraOn = !this.cameraOn;
    track.enabled = this.cameraOn;
    this.view.selfView.srcObject = this.cameraOn ? new MediaStream([track]) : null;
    this.mediaStateChanged();
  }
  async toggleScreen() {
    const publisher = this.publisher;
    if (!publisher) return;
    try {
      if (publisher.sharingScreen) {
        const stopped = publisher.stopScreen();
        this.renderControls();
        await stopped;
        return;
      }
      const track = await captureScreen();
      if (this.ended) {
        track.stop();
        return;
      }
      track.addEventListener("ended", () => {
        if (this.publisher === publisher && publisher.sharingScreen) void this.toggleScreen();
      });
      const started = publisher.startScreen(track);
      this.renderControls();
      await started;
    } catch (e) {
      this.renderControls();
      if (e instanceof DOMException && e.name === "NotAllowedError") {
        this.view.alert("Screen sharing was cancelled or not allowed.");
      } else {
        this.view.alert(`Screen sharing failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  async stats() {
    const subscriber = this.subscriber;
    const midOfTrack = /* @__PURE__ */ new Map();
    for (const tx of subscriber.pc.getTransceivers()) {
      if (tx.mid !== null) midOfTrack.set(tx.receiver.track.id, tx.mid);
    }
    const out = [];
    const report = await subscriber.pc.getStats();
    report.forEach((s) => {
      if (s["type"] !== "inbound-rtp") return;
      const mid = typeof s["mid"] === "string" ? s["mid"] : midOfTrack.get(String(s["trackIdentifier"]));
      const info = mid === void 0 ? void 0 : subscriber.trackForMid(mid);
      if (!info) return;
      out.push({
        participant: info.participant,
        source: info.source,
        kind: String(s["kind"]),
        packetsReceived: num(s["packetsReceived"]),
        framesDecoded: num(s["framesDecoded"]),
        totalSamplesReceived: num(s["totalSamplesReceived"]),
        frameWidth: num(s["frameWidth"]),
        frameHeight: num(s["frameHeight"])
      });
    });
    return out;
  }
  handle(msg) {
    if (this.ended) return;
    switch (msg.type) {
      case "welcome":
        this.welcomed(msg.you, msg.participants);
        break;
      case "participant_joined":
      case "participant_updated":
        this.roster?.set(msg.participant);
        this.tiles.setParticipant(msg.participant);
        break;
      case "participant_left":
        this.subscriber.forgetParticipant(msg.id);
        this.tiles.removeParticipant(msg.id);
        this.roster?.remove(msg.id);
        break;
      case "publish_answer":
        this.publisher?.answer(msg.sdp);
        break;
      case "subscribe_offer":
        this.subscriber.offer(msg.sdp, msg.tracks);
        break;
      case "active_speaker":
        this.tiles.setActiveSpeaker(msg.participant);
        this.roster?.setActiveSpeaker(msg.participant);
        break;
      case "pong":
        break;
      case "error":
        if (msg.code === "negotiation") this.publisher?.refused(msg.message);
        if (msg.fatal) this.end({ kind: "lost", message: describeError(msg.code, msg.message) });
        else this.view.alert(describeError(msg.code, msg.message));
        break;
    }
  }
  welcomed(you, participants) {
    window.clearTimeout(this.welcomeTimer);
    if (this.participantId !== null) return;
    this.participantId = you;
    this.roster = new Roster(this.view.roster, you);
    for (const p of participants) {
      this.roster.set(p);
      if (p.id !== you) this.tiles.setParticipant(p);
    }
    this.view.section.hidden = false;
    const { audio, video } = this.options.media;
    if (video) {
      video.enabled = this.cameraOn;
      this.view.selfView.srcObject = this.cameraOn ? new MediaStream([video]) : null;
    }
    if (audio) audio.enabled = this.micOn;
    this.publisher = new Publisher((sdp, tracks) => this.signaling.send({ type: "publish_offer", sdp, tracks }));
    this.publisher.start(audio, video).catch((e) => this.view.alert(`Could not send your media: ${e instanceof Error ? e.message : String(e)}`));
    if (!this.micOn || !this.cameraOn) this.mediaStateChanged();
    else this.renderControls();
    this.view.controls.focus();
  }
  mediaStateChanged() {
    this.signaling.send({ type: "media_state", audio_muted: !this.micOn, video_muted: !this.cameraOn });
    this.renderControls();
  }
  renderControls() {
    this.view.controls.render({
      hasAudio: this.options.media.audio !== null,
      hasVideo: this.options.media.video !== null,
      micOn: this.micOn,
      cameraOn: this.cameraOn,
      sharing: this.publisher?.sharingScreen ?? false,
      canShare: this.publisher !== null && typeof navigator.mediaDevices?.getDisplayMedia === "function"
    });
  }
  end(end) {
    if (this.ended) return;
    this.ended = true;
    window.clearTimeout(this.welcomeTimer);
    this.signaling.close();
    this.publisher?.close();
    this.subscriber.close();
    this.tiles.clear();
    this.roster?.clear();
    stopMedia(this.options.media);
    this.view.selfView.srcObject = null;
    this.view.section.hidden = true;
    this.onEnd(end);
  }
};
function num(value) {
  return typeof value === "number" ? value : 0;
}
function describeError(code, message) {
  switch (code) {
    case "no_such_meeting":
      return "This meeting does not exist (any more).";
    case "meeting_full":
      return "This meeting is full.";
    case "invalid_name":
      return `That name cannot be used: ${message}`;
    case "rate_limited":
      return "Too many attempts; wait a minute and try again.";
    case "server_busy":
      return "The server is too busy right now; try again shortly.";
    default:
      return `The server refused a request (${code}): ${message}`;
  }
}

// src/meeting/prejoin.ts
var NAME_KEY = "conclave.name";
var PreJoin = class {
  constructor(onJoin) {
    this.onJoin = onJoin;
    this.nameInput.value = loadName();
    this.micButton.addEventListener("click", () => this.toggle(this.micButton));
    this.cameraButton.addEventListener("click", () => this.toggle(this.cameraButton));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
  }
  onJoin;
  section = byId("prejoin", HTMLElement);
  preview = byId("preview", HTMLVideoElement);
  status = byId("preview-status", HTMLParagraphElement);
  form = byId("join-form", HTMLFormElement);
  nameInput = byId("name", HTMLInputElement);
  micButton = byId("prejoin-mic", HTMLButtonElement);
  cameraButton = byId("prejoin-camera", HTMLButtonElement);
  joinButton = byId("join", HTMLButtonElement);
  media = null;
  show() {
    this.section.hidden = false;
    this.joinButton.disabled = false;
    this.status.textContent = "Starting your camera and microphone…";
    const media = acquireLocalMedia();
    this.media = media;
    void media.then((m) => {
      if (this.media !== media) return;
      this.status.textContent = m.problem;
      this.apply(m);
    });
    this.nameInput.focus();
  }
  async submit() {
    const name = this.nameInput.value.trim();
    if (!name) {
      this.status.textContent = "Please enter your name.";
      this.nameInput.focus();
      return;
    }
    if (!this.media) return;
    this.joinButton.disabled = true;
    const media = await this.media;
    this.media = null;
    this.preview.srcObject = null;
    saveName(name);
    this.section.hidden = true;
    this.onJoin({ name, micOn: pressed(this.micButton), cameraOn: pressed(this.cameraButton), media });
  }
  toggle(button) {
    button.setAttribute("aria-pressed", String(!pressed(button)));
    void this.media?.then((m) => this.apply(m));
  }
  apply(m) {
    if (m.audio) m.audio.enabled = pressed(this.micButton);
    if (m.video) m.video.enabled = pressed(this.cameraButton);
    this.preview.srcObject = m.video && m.video.enabled ? new MediaStream([m.video]) : null;
  }
  /** Releases the devices if the page is left from the pre-join screen. */
  dispose() {
    void this.media?.then(stopMedia);
    this.media = null;
  }
};
function pressed(button) {
  return button.getAttribute("aria-pressed") === "true";
}
function loadName() {
  try {
    return localStorage.getItem(NAME_KEY) ?? "";
  } catch {
    return "";
  }
}
function saveName(name) {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
  }
}

// src/meeting/main.ts
var meetingId = decodeURIComponent(location.pathname.replace(/^\/m\//, "").replace(/\/$/, ""));
var hostSecret = new URLSearchParams(location.hash.replace(/^#/, "")).get("host");
var alertBox = byId("alert", HTMLParagraphElement);
var ended = byId("ended", HTMLElement);
var endedMessage = byId("ended-message", HTMLHeadingElement);
var endedDetail = byId("ended-detail", HTMLParagraphElement);
var rejoinButton = byId("rejoin", HTMLButtonElement);
var current = null;
var last = null;
function showAlert(message) {
  alertBox.textContent = message;
  alertBox.hidden = false;
}
function clearAlert() {
  alertBox.textContent = "";
  alertBox.hidden = true;
}
var view = {
  section: byId("meeting", HTMLElement),
  grid: byId("grid", HTMLDivElement),
  audioSink: byId("audio-sink", HTMLDivElement),
  roster: byId("roster", HTMLUListElement),
  selfView: byId("self-view", HTMLVideoElement),
  controls: new Controls({
    toggleMic: () => current?.toggleMic(),
    toggleCamera: () => current?.toggleCamera(),
    toggleScreen: () => void current?.toggleScreen(),
    leave: () => current?.leave()
  }),
  alert: showAlert
};
function join(request) {
  clearAlert();
  ended.hidden = true;
  last = { name: request.name, micOn: request.micOn, cameraOn: request.cameraOn };
  const meeting = new Meeting(
    { meetingId, name: request.name, hostSecret, media: request.media, micOn: request.micOn, cameraOn: request.cameraOn },
    view,
    (end) => {
      last = {
        name: request.name,
        micOn: request.media.audio ? meeting.micOn : request.micOn,
        cameraOn: request.media.video ? meeting.cameraOn : request.cameraOn
      };
      finished(meeting, end);
    }
  );
  current = meeting;
  void meeting.start();
}
function finished(meeting, end) {
  if (current !== meeting) return;
  current = null;
  if (end.kind === "left") {
    endedMessage.textContent = "You left the meeting";
    endedDetail.textContent = "";
  } else {
    endedMessage.textContent = "Disconnected from the meeting";
    endedDetail.textContent = end.message;
    showAlert(end.message);
  }
  ended.hidden = false;
  rejoinButton.focus();
}
rejoinButton.addEventListener("click", () => {
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
  stats: () => current?.stats() ?? Promise.resolve([])
};
var prejoin = new PreJoin(join);
window.addEventListener("pagehide", () => prejoin.dispose());
prejoin.show();
