// src/e2ee/sframe.ts
var AES_128_GCM_SHA256_128 = 4;
var CIPHER_SUITES = /* @__PURE__ */ new Map([
  [1, { id: 1, hash: "SHA-256", nh: 32, nk: 48, nka: 16, nn: 12, nt: 10, aead: "ctr-hmac" }],
  [2, { id: 2, hash: "SHA-256", nh: 32, nk: 48, nka: 16, nn: 12, nt: 8, aead: "ctr-hmac" }],
  [3, { id: 3, hash: "SHA-256", nh: 32, nk: 48, nka: 16, nn: 12, nt: 4, aead: "ctr-hmac" }],
  [4, { id: 4, hash: "SHA-256", nh: 32, nk: 16, nka: 0, nn: 12, nt: 16, aead: "gcm" }],
  [5, { id: 5, hash: "SHA-512", nh: 64, nk: 32, nka: 0, nn: 12, nt: 16, aead: "gcm" }]
]);
function cipherSuite(id) {
  const suite = CIPHER_SUITES.get(id);
  if (!suite) throw new Error(`unknown SFrame cipher suite ${id}`);
  return suite;
}
var U64_MAX = (1n << 64n) - 1n;
function byteLength(value) {
  let n = 1;
  while (value >> BigInt(8 * n) !== 0n) n++;
  return n;
}
function writeBig(out, offset, value, length) {
  for (let i = length - 1; i >= 0; i--) {
    out[offset + i] = Number(value & 0xffn);
    value >>= 8n;
  }
}
function encodeHeader(kid, ctr) {
  if (kid < 0n || kid > U64_MAX || ctr < 0n || ctr > U64_MAX) throw new RangeError("KID and CTR are 64-bit unsigned");
  const kidLen = kid < 8n ? 0 : byteLength(kid);
  const ctrLen = ctr < 8n ? 0 : byteLength(ctr);
  const out = new Uint8Array(1 + kidLen + ctrLen);
  const k = kidLen === 0 ? Number(kid) : 8 | kidLen - 1;
  const c = ctrLen === 0 ? Number(ctr) : 8 | ctrLen - 1;
  out[0] = k << 4 | c;
  if (kidLen) writeBig(out, 1, kid, kidLen);
  if (ctrLen) writeBig(out, 1 + kidLen, ctr, ctrLen);
  return out;
}
function decodeHeader(data) {
  const config = data[0];
  if (config === void 0) return null;
  let offset = 1;
  const field = (bits) => {
    if ((bits & 8) === 0) return BigInt(bits);
    const len = (bits & 7) + 1;
    if (offset + len > data.length) return null;
    let value = 0n;
    for (let i = 0; i < len; i++) value = value << 8n | BigInt(data[offset + i] ?? 0);
    offset += len;
    if (value < 8n || byteLength(value) !== len) return null;
    return value;
  };
  const kid = field(config >> 4);
  if (kid === null) return null;
  const ctr = field(config & 15);
  if (ctr === null) return null;
  return { kid, ctr, length: offset };
}
async function hmac(hash, key, data) {
  const k = await crypto.subtle.importKey("raw", bs(key), { name: "HMAC", hash }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, bs(data)));
}
function hkdfExtract(suite, salt, ikm) {
  return hmac(suite.hash, salt.length === 0 ? new Uint8Array(suite.nh) : salt, ikm);
}
async function hkdfExpand(suite, prk, info, length) {
  const key = await crypto.subtle.importKey("raw", bs(prk), { name: "HMAC", hash: suite.hash }, false, ["sign"]);
  const out = new Uint8Array(length);
  let previous = new Uint8Array(0);
  for (let filled = 0, i = 1; filled < length; i++) {
    const input = concat(previous, info, Uint8Array.of(i));
    previous = new Uint8Array(await crypto.subtle.sign("HMAC", key, bs(input)));
    out.set(previous.subarray(0, Math.min(previous.length, length - filled)), filled);
    filled += previous.length;
  }
  return out;
}
function label(text, kid, suite) {
  const prefix = new TextEncoder().encode(text);
  const out = new Uint8Array(prefix.length + 10);
  out.set(prefix);
  writeBig(out, prefix.length, kid, 8);
  writeBig(out, prefix.length + 8, BigInt(suite), 2);
  return out;
}
async function deriveKeySalt(suiteId, baseKey, kid) {
  const suite = cipherSuite(suiteId);
  const secret = await hkdfExtract(suite, new Uint8Array(0), baseKey);
  const key = await hkdfExpand(suite, secret, label("SFrame 1.0 Secret key ", kid, suite.id), suite.nk);
  const salt = await hkdfExpand(suite, secret, label("SFrame 1.0 Secret salt ", kid, suite.id), suite.nn);
  return { secret, key, salt };
}
async function importAeadKey(suiteId, key) {
  const suite = cipherSuite(suiteId);
  if (key.length !== suite.nk) throw new RangeError(`suite ${suiteId} needs a ${suite.nk}-byte key`);
  if (suite.aead === "gcm") {
    const enc = await crypto.subtle.importKey("raw", bs(key), "AES-GCM", false, ["encrypt", "decrypt"]);
    return { suite, enc, auth: null };
  }
  return importCtrHmacKey(suite, key.subarray(0, suite.nka), key.subarray(suite.nka));
}
async function importCtrHmacKey(suite, encKey, authKey) {
  const enc = await crypto.subtle.importKey("raw", bs(encKey), "AES-CTR", false, ["encrypt", "decrypt"]);
  const auth = await crypto.subtle.importKey("raw", bs(authKey), { name: "HMAC", hash: suite.hash }, false, ["sign"]);
  return { suite, enc, auth };
}
function u64(n) {
  const out = new Uint8Array(8);
  writeBig(out, 0, BigInt(n), 8);
  return out;
}
async function ctrHmacTag(key, nonce, aad, ct) {
  if (!key.auth) throw new Error("no authentication key");
  const authData = concat(u64(aad.length), u64(ct.length), u64(key.suite.nt), nonce, aad, ct);
  const tag = new Uint8Array(await crypto.subtle.sign("HMAC", key.auth, bs(authData)));
  return tag.subarray(0, key.suite.nt);
}
function ctrParams(nonce) {
  return { name: "AES-CTR", counter: bs(concat(nonce, new Uint8Array(4))), length: 32 };
}
async function aeadEncrypt(key, nonce, aad, pt) {
  if (key.suite.aead === "gcm") {
    return new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: bs(nonce), additionalData: bs(aad), tagLength: key.suite.nt * 8 }, key.enc, bs(pt)));
  }
  const ct = new Uint8Array(await crypto.subtle.encrypt(ctrParams(nonce), key.enc, bs(pt)));
  return concat(ct, await ctrHmacTag(key, nonce, aad, ct));
}
async function aeadDecrypt(key, nonce, aad, ct) {
  if (ct.length < key.suite.nt) throw new Error("ciphertext shorter than the tag");
  if (key.suite.aead === "gcm") {
    return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: bs(nonce), additionalData: bs(aad), tagLength: key.suite.nt * 8 }, key.enc, bs(ct)));
  }
  const inner = ct.subarray(0, ct.length - key.suite.nt);
  const tag = ct.subarray(ct.length - key.suite.nt);
  const expected = await ctrHmacTag(key, nonce, aad, inner);
  if (!constantTimeEqual(tag, expected)) throw new Error("SFrame authentication failure");
  return new Uint8Array(await crypto.subtle.decrypt(ctrParams(nonce), key.enc, bs(inner)));
}
async function sframeKey(suiteId, baseKey, kid) {
  const { key, salt } = await deriveKeySalt(suiteId, baseKey, kid);
  return { kid, aead: await importAeadKey(suiteId, key), salt };
}
function nonceFor(salt, ctr) {
  const nonce = salt.slice();
  for (let i = nonce.length - 1; i >= 0 && ctr > 0n; i--) {
    nonce[i] = (nonce[i] ?? 0) ^ Number(ctr & 0xffn);
    ctr >>= 8n;
  }
  return nonce;
}
async function sframeEncrypt(key, ctr, metadata, plaintext) {
  const header = encodeHeader(key.kid, ctr);
  const ct = await aeadEncrypt(key.aead, nonceFor(key.salt, ctr), concat(header, metadata), plaintext);
  return concat(header, ct);
}
function sframeDecrypt(key, header, metadata, ciphertext) {
  if (header.kid !== key.kid) return Promise.reject(new Error("KID does not match the key"));
  const aad = concat(ciphertext.subarray(0, header.length), metadata);
  return aeadDecrypt(key.aead, nonceFor(key.salt, header.ctr), aad, ciphertext.subarray(header.length));
}
function bs(bytes) {
  return bytes;
}
function concat(...parts) {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

// src/e2ee/workerProtocol.ts
var CONTEXT_OF_SOURCE = {
  microphone: 0,
  camera: 1,
  screen: 2,
  screen_audio: 3
};
var CONTEXTS = Object.values(CONTEXT_OF_SOURCE);

// src/e2ee/worker.ts
var OLD_EPOCH_KEEP_MS = 1e4;
var UNKNOWN_KEY_WAIT_MS = OLD_EPOCH_KEEP_MS;
var MAX_EPOCHS_AHEAD = 4;
var STATS_INTERVAL_MS = 1e3;
var REPLAY_WINDOW = 4096;
var scope = self;
var Epoch = class {
  constructor(epoch, baseKey, leaf, members) {
    this.epoch = epoch;
    this.baseKey = baseKey;
    this.leaf = leaf;
    this.members = members;
    this.epochBits = epoch % 16;
    this.recvBaseKey = baseKey;
  }
  epoch;
  baseKey;
  leaf;
  members;
  epochBits;
  expiresAt = null;
  /** Base key for receiving; differs from `baseKey` only after corruptKeys(). */
  recvBaseKey;
  sendKeys = /* @__PURE__ */ new Map();
  recvKeys = /* @__PURE__ */ new Map();
  counters = /* @__PURE__ */ new Map();
  /** Highest counter seen per KID and the recent ones, against replays. */
  seen = /* @__PURE__ */ new Map();
  sendKey(kid) {
    let key = this.sendKeys.get(kid);
    if (!key) {
      key = sframeKey(AES_128_GCM_SHA256_128, this.baseKey, BigInt(kid));
      this.sendKeys.set(kid, key);
    }
    return key;
  }
  recvKey(kid) {
    let key = this.recvKeys.get(kid);
    if (!key) {
      key = sframeKey(AES_128_GCM_SHA256_128, this.recvBaseKey, BigInt(kid));
      this.recvKeys.set(kid, key);
    }
    return key;
  }
  corrupt() {
    this.recvBaseKey = crypto.getRandomValues(new Uint8Array(this.baseKey.length));
    this.recvKeys = /* @__PURE__ */ new Map();
  }
  erase() {
    this.baseKey.fill(0);
    this.recvBaseKey.fill(0);
    this.sendKeys.clear();
    this.recvKeys.clear();
  }
  /** True if the counter is new for this KID; records it. */
  fresh(kid, ctr) {
    let s = this.seen.get(kid);
    if (!s) {
      s = { max: -1, recent: /* @__PURE__ */ new Set() };
      this.seen.set(kid, s);
    }
    if (ctr <= s.max - REPLAY_WINDOW || s.recent.has(ctr)) return false;
    s.recent.add(ctr);
    if (ctr > s.max) {
      s.max = ctr;
      if (s.recent.size > 2 * REPLAY_WINDOW) {
        for (const c of s.recent) if (c <= s.max - REPLAY_WINDOW) s.recent.delete(c);
      }
    }
    return true;
  }
};
var current = null;
var sending = null;
var epochs = [];
var keyGeneration = 0;
var corruptReceiveKeys = false;
var keyWaiters = [];
var videoSenders = /* @__PURE__ */ new Set();
function addEpoch(epoch, baseKey, leaf, members, sendAfterMs) {
  if (current && epoch <= current.epoch) return;
  const next = new Epoch(epoch, baseKey, leaf, new Map(members));
  if (corruptReceiveKeys) next.corrupt();
  const now = Date.now();
  for (const old of epochs) {
    if (old.epochBits === next.epochBits) old.expiresAt = now;
    else old.expiresAt ??= now + OLD_EPOCH_KEEP_MS;
  }
  epochs.push(next);
  current = next;
  pruneEpochs();
  setTimeout(pruneEpochs, OLD_EPOCH_KEEP_MS + 100);
  keyGeneration++;
  wakeKeyWaiters();
  if (sending === null || !(sendAfterMs > 0)) startSending(next);
  else setTimeout(() => startSending(next), sendAfterMs);
}
function startSending(epoch) {
  if (sending !== null && sending.epoch >= epoch.epoch) return;
  if (!epochs.includes(epoch)) return;
  sending = epoch;
  for (const t of videoSenders) t.generateKeyFrame?.().catch(() => void 0);
}
function resetEpochs() {
  const now = Date.now();
  for (const old of epochs) old.expiresAt ??= now + OLD_EPOCH_KEEP_MS;
  current = null;
  sending = null;
  keyGeneration++;
  wakeKeyWaiters();
  setTimeout(pruneEpochs, OLD_EPOCH_KEEP_MS + 100);
}
function pruneEpochs() {
  const now = Date.now();
  epochs = epochs.filter((e) => {
    if (e.expiresAt !== null && e.expiresAt <= now) {
      e.erase();
      return false;
    }
    return true;
  });
}
function epochForBits(bits) {
  pruneEpochs();
  for (let i = epochs.length - 1; i >= 0; i--) if (epochs[i]?.epochBits === bits) return epochs[i];
  return void 0;
}
function mayBeComing(bits) {
  if (!current) return true;
  const ahead = (bits - current.epochBits + 16) % 16;
  return ahead >= 1 && ahead <= MAX_EPOCHS_AHEAD;
}
function wakeKeyWaiters() {
  const waiters = keyWaiters;
  keyWaiters = [];
  for (const w of waiters) w();
}
function keysChanged(timeoutMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    keyWaiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
var senderCounters = { encrypted: 0, droppedNoKey: 0, errors: 0 };
var receiverIdentity = /* @__PURE__ */ new Map();
var receiverCounters = /* @__PURE__ */ new Map();
function countersFor(receiverId) {
  const who = receiverIdentity.get(receiverId);
  const participant = who?.participant ?? -1;
  const source = who?.source ?? "camera";
  const key = `${participant}/${source}`;
  let c = receiverCounters.get(key);
  if (!c) {
    c = { participant, source, kind: kindOf(source), decrypted: 0, failures: 0, lastFailure: "", duplicates: 0 };
    receiverCounters.set(key, c);
  }
  return c;
}
function fail(receiverId, reason) {
  const c = countersFor(receiverId);
  c.failures++;
  c.lastFailure = reason;
}
function report(requestId) {
  scope.postMessage({
    type: "stats",
    requestId,
    epoch: current?.epoch ?? null,
    sender: { ...senderCounters },
    receivers: [...receiverCounters.values()].map((c) => ({ ...c }))
  });
}
function kindOf(source) {
  return source === "microphone" || source === "screen_audio" ? "audio" : "video";
}
function vp8PrefixLength(data) {
  const first = data[0];
  if (first === void 0) return null;
  const length = (first & 1) === 0 ? 10 : 3;
  return data.length >= length ? length : null;
}
async function encryptFrame(frame, options, controller) {
  const epoch = sending;
  if (!epoch) {
    senderCounters.droppedNoKey++;
    return;
  }
  const kid = options.context << 20 | epoch.leaf << 4 | epoch.epochBits;
  const ctr = epoch.counters.get(kid) ?? 0;
  epoch.counters.set(kid, ctr + 1);
  const data = new Uint8Array(frame.data);
  const prefixLength = options.kind === "video" ? vp8PrefixLength(data) : 0;
  if (prefixLength === null) {
    senderCounters.errors++;
    return;
  }
  const prefix = data.subarray(0, prefixLength);
  const key = await epoch.sendKey(kid);
  const sealed = await sframeEncrypt(key, BigInt(ctr), prefix, data.subarray(prefixLength));
  const out = new Uint8Array(prefixLength + sealed.length);
  out.set(prefix);
  out.set(sealed, prefixLength);
  frame.data = out.buffer;
  senderCounters.encrypted++;
  controller.enqueue(frame);
}
async function decryptFrame(frame, options, state, transformer, controller) {
  const data = new Uint8Array(frame.data);
  const prefixLength = options.kind === "video" ? vp8PrefixLength(data) : 0;
  if (prefixLength === null) {
    fail(options.id, "malformed");
    return;
  }
  const prefix = data.subarray(0, prefixLength);
  const body = data.subarray(prefixLength);
  const header = decodeHeader(body);
  if (!header || header.kid > 0xffffffffn || header.ctr > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail(options.id, "malformed");
    return;
  }
  const kid = Number(header.kid);
  const ctr = Number(header.ctr);
  const bits = kid & 15;
  let epoch = epochForBits(bits);
  if (!epoch && !(state.gaveUp?.generation === keyGeneration && state.gaveUp.bits === bits)) {
    const deadline = Date.now() + UNKNOWN_KEY_WAIT_MS;
    while (!epoch && mayBeComing(bits) && Date.now() < deadline) {
      await keysChanged(deadline - Date.now());
      epoch = epochForBits(bits);
    }
    if (!epoch) state.gaveUp = { generation: keyGeneration, bits };
  }
  if (!epoch) {
    fail(options.id, `unknown key (epoch bits ${kid & 15}, ours ${current?.epochBits ?? "none"})`);
    state.failing = true;
    return;
  }
  const who = receiverIdentity.get(options.id);
  const expectedLeaf = who ? epoch.members.get(who.participant) : void 0;
  if (expectedLeaf === void 0 || expectedLeaf !== (kid >> 4) % 65536) {
    fail(options.id, "wrong sender");
    state.failing = true;
    return;
  }
  let plain;
  try {
    plain = await sframeDecrypt(await epoch.recvKey(kid), header, prefix, body);
  } catch {
    fail(options.id, "authentication");
    state.failing = true;
    return;
  }
  if (!epoch.fresh(kid, ctr)) {
    countersFor(options.id).duplicates++;
    return;
  }
  const out = new Uint8Array(prefixLength + plain.length);
  out.set(prefix);
  out.set(plain, prefixLength);
  frame.data = out.buffer;
  countersFor(options.id).decrypted++;
  if (state.failing) {
    state.failing = false;
    if (options.kind === "video") transformer.sendKeyFrameRequest?.().catch(() => void 0);
  }
  controller.enqueue(frame);
}
function attach(transformer) {
  const options = transformer.options;
  let handle;
  if (options.role === "encrypt") {
    if (!CONTEXTS.includes(options.context)) throw new Error(`bad context ${options.context}`);
    if (options.kind === "video") videoSenders.add(transformer);
    handle = (frame, controller) => encryptFrame(frame, options, controller);
  } else {
    receiverIdentity.set(options.id, { participant: options.participant, source: options.source });
    const state = { gaveUp: null, failing: false };
    handle = (frame, controller) => decryptFrame(frame, options, state, transformer, controller);
  }
  const stream = new TransformStream({
    async transform(frame, controller) {
      try {
        await handle(frame, controller);
      } catch (e) {
        if (options.role === "encrypt") senderCounters.errors++;
        else fail(options.id, `error: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  });
  transformer.readable.pipeThrough(stream).pipeTo(transformer.writable).catch(() => void 0).finally(() => videoSenders.delete(transformer));
}
scope.onrtctransform = (event) => attach(event.transformer);
scope.onmessage = (event) => {
  const msg = event.data;
  switch (msg.type) {
    case "epoch":
      addEpoch(msg.epoch, msg.baseKey, msg.leaf, msg.members, msg.sendAfterMs);
      break;
    case "receiver":
      receiverIdentity.set(msg.id, { participant: msg.participant, source: msg.source });
      break;
    case "stats":
      report(msg.requestId);
      break;
    case "corrupt":
      corruptReceiveKeys = true;
      for (const e of epochs) e.corrupt();
      break;
    case "reset":
      resetEpochs();
      break;
  }
};
setInterval(() => report(), STATS_INTERVAL_MS);
