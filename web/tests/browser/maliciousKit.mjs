// A malicious delivery service for the browser suites: Playwright's
// `routeWebSocket` puts it between one browser and the real server, where
// it can watch, rewrite, drop and inject signaling messages either way.
// With it, a malicious member played in Node (ts-mls and the browser's own
// e2ee modules, bundled as the unit tests bundle them) that joins the real
// meeting through a host's real Admit click and so holds a real member's
// state of the browsers' group, to build commits no honest client would.
//
// Only tests use this; it never touches the server or support.mjs.

import { loadTs } from '../unit/load.mjs';
import { baseUrl, log, newContext, UI_MS, waitFor } from './support.mjs';

/** ts-mls plus the browser's mls, meetingKey and admission modules. */
export const kit = await loadTs('tests/unit/fixtures/admissionKit.mjs');

const PROTOCOL_VERSION = 1;
// The server drops a socket silent for 45 s; the Node member pings as the browser does.
const PING_MS = 5_000;

const isSignalingSocket = (url) => url.pathname.startsWith('/ws/');

/** A signaling message as the wire carries it: `v`, and u64 epochs as numbers. */
export function encode(msg) {
  return JSON.stringify({ v: PROTOCOL_VERSION, ...msg }, (_, v) => (typeof v === 'bigint' ? Number(v) : v));
}

/** The meeting id and public meeting key a participant link carries. */
export function linkParts(link) {
  const url = new URL(link);
  const fragment = kit.parseFragment(url.hash);
  if (!fragment.ok || !fragment.publicKey) throw new Error(`not a participant link with a meeting key: ${link}`);
  return { meetingId: decodeURIComponent(url.pathname.split('/').at(-1)), publicKey: fragment.publicKey };
}

/**
 * The malicious service in front of one page. `rewrite(msg)` sees every
 * server → page message and returns what the page gets (null: dropped);
 * `holdBack(msg)` sees every page → server message and returns true to
 * keep it from the server. Both lists record what actually passed.
 */
class Wire {
  toPage = [];
  fromPage = [];
  rewrite = (msg) => msg;
  holdBack = () => false;
  ws = null;

  attach(ws) {
    this.ws = ws;
    const server = ws.connectToServer();
    ws.onMessage((text) => {
      const msg = parse(text);
      this.fromPage.push(msg);
      if (msg && this.holdBack(msg)) return;
      server.send(text);
    });
    server.onMessage((text) => {
      const msg = parse(text);
      const out = msg ? this.rewrite(msg) : msg;
      if (out === null) return;
      this.toPage.push(out);
      ws.send(out === msg ? text : encode(out));
    });
  }

  /** Sends the page a message the real server never sent. */
  inject(msg) {
    if (!this.ws) throw new Error('no socket to inject into yet');
    this.ws.send(encode(msg));
  }

  /** Waits for the page to send a message matching `pred` (counted from `from`); returns it. */
  async sent(what, pred, from = 0, timeout = UI_MS) {
    let found;
    await waitFor(what, async () => {
      found = this.fromPage.slice(from).find((m) => m && pred(m));
      return { ok: found !== undefined, seen: this.fromPage.slice(from).map((m) => m?.type) };
    }, timeout);
    return found;
  }

  /** Waits for the server to send the page a message matching `pred`; returns it. */
  async received(what, pred, timeout = UI_MS) {
    let found;
    await waitFor(what, async () => {
      found = this.toPage.find((m) => m && pred(m));
      return { ok: found !== undefined, seen: this.toPage.map((m) => m?.type) };
    }, timeout);
    return found;
  }
}

function parse(text) {
  try {
    return typeof text === 'string' ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * Opens a link as support.mjs's `open` does (fresh context, name, Join),
 * with the signaling socket routed through a `Wire` first.
 */
export async function openBehind(link, name) {
  const context = await newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`[${name}] page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`[${name}] console ${m.type()}: ${m.text()}`);
  });
  page.on('dialog', (d) => void d.accept());
  const wire = new Wire();
  await page.routeWebSocket(isSignalingSocket, (ws) => wire.attach(ws));
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  return { name, context, page, wire };
}

/** A valid KeyPackage, as an enforcing browser makes it, for `participant`: `{"participant":N}` and the roster capability. */
export async function keyPackageFor(participant, publicKey) {
  const client = new kit.MlsClient(participant, 'Impostor', () => undefined, {}, { publicKey, secret: null });
  return { client, keyPackage: await client.knockKeyPackage() };
}

async function cipherSuite() {
  return kit.getCiphersuiteImpl(kit.getCiphersuiteFromName(kit.MLS_CIPHER_SUITE));
}

/**
 * A guest played in Node: it joins the real meeting through the real
 * server (a page opens the socket; Node speaks on it), knocks with a sealed
 * knock, and once a host admits it holds a real member's group state.
 */
export async function nodeGuest(link, name) {
  const { meetingId, publicKey } = linkParts(link);
  const context = await newContext();
  const page = await context.newPage();
  const member = { name, context, page, publicKey, id: null, client: null, tampered: [], problems: [] };
  let server = null;
  let queue = Promise.resolve();
  let ping;
  const send = (msg) => server?.send(encode(msg));
  const handle = async (msg) => {
    if (msg.type === 'lobby') {
      member.id = msg.you;
      member.client = new kit.MlsClient(msg.you, name, send, {
        epoch: () => undefined,
        chat: () => undefined,
        removed: () => undefined,
        rejoining: (reason) => member.problems.push(`rejoining: ${reason}`),
        problem: (m) => member.problems.push(m),
        tampered: (reason) => member.tampered.push(reason),
        reknock: () => member.problems.push('asked to knock again'),
      }, { publicKey, secret: null });
      const key_package = await member.client.knockKeyPackage();
      send({ type: 'knock', sealed: await kit.sealKnock(publicKey, meetingId, { participant: msg.you, name, key_package }) });
    } else if (msg.type.startsWith('mls_') && member.client) {
      await member.client.handle(msg);
    }
  };
  await page.routeWebSocket(isSignalingSocket, (ws) => {
    server = ws.connectToServer();
    ws.onMessage((text) => server.send(text)); // the page sends only the join
    server.onMessage((text) => {
      const msg = parse(text);
      if (!msg) return;
      queue = queue.then(() => handle(msg)).catch((e) => member.problems.push(String(e)));
    });
    ping = setInterval(() => send({ type: 'ping' }), PING_MS);
  });
  await page.goto(new URL('/', baseUrl).href);
  const wsUrl = new URL(`/ws/${encodeURIComponent(meetingId)}`, baseUrl);
  wsUrl.protocol = 'ws:';
  await page.evaluate(({ url, join }) => {
    const socket = new WebSocket(url);
    socket.onopen = () => socket.send(join);
    window.__nodeGuestSocket = socket;
  }, { url: wsUrl.href, join: encode({ type: 'join', device: crypto.randomUUID() }) });
  member.close = async () => {
    clearInterval(ping);
    member.client?.close();
    await context.close().catch(() => undefined);
  };
  return member;
}

/** The Node guest's current group state (a member's real private state). */
function stateOf(member) {
  const state = member.client?.['state'];
  if (!state) throw new Error(`${member.name} holds no group state`);
  return state;
}

/** base64 MLSMessage. */
function wire64(message) {
  return Buffer.from(kit.encodeMlsMessage(message)).toString('base64');
}

/**
 * A commit by `member` (no host) that adds `keyPackage` and writes it into
 * the roster as admitted by `claimedHost`: the shape an honest host's
 * commit has, made by someone without the meeting key. Not merged.
 */
export async function rogueAddCommit(member, { participant, name, keyPackage, claimedHost }) {
  const state = stateOf(member);
  const { roster } = kit.rosterOf(state);
  const forged = { ...roster, members: [...roster.members, { participant, name, admitted_by: claimedHost }] };
  const extensions = [
    ...state.groupContext.extensions.filter((e) => e.extensionType !== kit.ROSTER_EXTENSION_TYPE),
    { extensionType: kit.ROSTER_EXTENSION_TYPE, extensionData: kit.encodeRoster(forged) },
  ];
  const extraProposals = [
    { proposalType: 'add', add: { keyPackage: kit.decodeMessage(keyPackage).keyPackage } },
    { proposalType: 'group_context_extensions', groupContextExtensions: { extensions } },
  ];
  const { commit } = await kit.createCommit({ state, cipherSuite: await cipherSuite() }, { extraProposals, ratchetTreeExtension: true });
  return { epoch: state.groupContext.epoch, commit: wire64(commit) };
}

/**
 * An outsider's external commit into the group, from a GroupInfo with the
 * external public key that `member` (inside) hands out, as a server that
 * stored one could.
 */
export async function externalCommit(member, outsider) {
  const state = stateOf(member);
  const cs = await cipherSuite();
  const groupInfo = await kit.createGroupInfoWithExternalPubAndRatchetTree(state, [], cs);
  const { client, keyPackage } = await keyPackageFor(outsider, member.publicKey);
  const kp = kit.decodeMessage(keyPackage).keyPackage;
  const { publicMessage } = await kit.joinGroupExternal(groupInfo, kp, client['keyPackage'].privatePackage, false, cs);
  return { epoch: state.groupContext.epoch, commit: wire64({ version: 'mls10', wireformat: 'mls_public_message', publicMessage }) };
}

/** Frames the page's E2EE worker decrypted so far, per sending participant (0 when it holds no receiver). */
export async function decryptedFrames(page) {
  return page.evaluate(async () => {
    const stats = await window.conclave.e2ee.stats();
    const out = {};
    for (const r of stats?.receivers ?? []) out[r.participant] = (out[r.participant] ?? 0) + r.decrypted;
    return out;
  });
}
