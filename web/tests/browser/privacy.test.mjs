// The server learns no names or chat (docs/e2ee.md, "Names"): a lobby
// meeting with a browser host, a browser guest and a native guest, all of
// whom see each other's names (from the MLS group) and chat, and then
// everything the server kept (its data directory byte for byte, its debug
// log, and its record of every signaling message in and out) is searched
// for those names and texts. A chat text made of HTML must show as text in
// every browser and create no element.
//
// Run from web/: `node --test tests/browser/privacy.test.mjs` (needs
// `cargo build -p conclave`).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import {
  admit,
  closeAll,
  createLobbyMeeting,
  joinAsHost,
  knock,
  log,
  MEDIA_MS,
  nativeReport,
  noAlarm,
  recordCodes,
  rosterNames,
  scenario,
  securityCode,
  serverFiles,
  startNative,
  stopNative,
  stopServerNow,
  UI_MS,
  waitFor,
} from './support.mjs';

const HOST = 'Zephyrine Quillfeather';
const GUEST = 'Balthazar Nightingale-Oduya';
const NATIVE = 'Ottoline Vantongeren';
// Distinct markers, so a hit can only come from this test's texts.
const HOST_CHAT = 'quince-marmalade-4471 from the host';
const GUEST_CHAT = 'tangerine-lighthouse-9305 from the guest';
const NATIVE_CHAT = 'periwinkle-gazebo-2286 from the native guest';
const HTML_CHAT = '<img src=x onerror=alert(1)><script>window.__pwned = "obsidian-kettle-6618"</script>';
const CHAT_CSS = '#chat-messages';

/**
 * What must never reach the server in the clear: the names and chat texts,
 * in whole and by distinctive parts (a part could be logged alone).
 */
const SECRETS = [
  HOST, GUEST, NATIVE,
  'Zephyrine', 'Quillfeather', 'Balthazar', 'Nightingale-Oduya', 'Ottoline', 'Vantongeren',
  HOST_CHAT, GUEST_CHAT, NATIVE_CHAT, HTML_CHAT,
  'quince-marmalade-4471', 'tangerine-lighthouse-9305', 'periwinkle-gazebo-2286', 'obsidian-kettle-6618',
];

/** Every file under `dir` (SQLite's -wal and -shm included), as bytes. */
function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = joinPath(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}

/** The secrets found in `bytes`, in any letter case. */
function leaks(bytes) {
  const text = bytes.toString('latin1').toLowerCase();
  return SECRETS.filter((s) => text.includes(Buffer.from(s.toLowerCase(), 'utf8').toString('latin1')));
}

async function sendChat(p, text) {
  await p.page.getByLabel('Message', { exact: true }).fill(text);
  await p.page.getByRole('button', { name: 'Send', exact: true }).click();
}

/** The chat as `p` shows it: [sender, text] per message. */
async function chatLines(p) {
  return p.page.locator(`${CHAT_CSS} > li`).evaluateAll((lis) => lis.map((li) => [li.querySelector('.from')?.textContent ?? '', li.querySelector('.text')?.textContent ?? '']));
}

scenario('the server learns no names or chat', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  let native = null;
  try {
    const host = await joinAsHost(hostLink, HOST);
    participants.push(host);
    const recorder = await recordCodes(host.page);
    const guest = await knock(link, GUEST);
    participants.push(guest);
    await admit(host, guest);

    // The native guest stays long enough to hear the browsers' chat.
    native = startNative(link, NATIVE, ['--chat', NATIVE_CHAT, '--duration', '25']);
    await host.page.getByRole('button', { name: `Admit ${NATIVE}`, exact: true }).click({ timeout: MEDIA_MS });

    // Everyone names everyone, from the group: the server never had a name to give.
    const everyone = [GUEST, HOST, NATIVE].sort();
    await waitFor('both browsers to list all three names and show one code', async () => {
      const seen = await Promise.all(participants.map(async (p) => ({ names: await rosterNames(p.page), code: await securityCode(p.page) })));
      const ok = seen.every((s) => JSON.stringify(s.names) === JSON.stringify(everyone) && s.code === seen[0].code);
      return { ok, seen };
    });

    for (const p of participants) {
      await p.page.getByRole('button', { name: 'Send', exact: true }).and(p.page.locator(':enabled')).waitFor({ timeout: UI_MS });
    }
    await sendChat(host, HOST_CHAT);
    await sendChat(guest, GUEST_CHAT);
    await sendChat(guest, HTML_CHAT);

    const expected = {
      [HOST]: [[GUEST, GUEST_CHAT], [GUEST, HTML_CHAT], [NATIVE, NATIVE_CHAT]],
      [GUEST]: [[HOST, HOST_CHAT], [NATIVE, NATIVE_CHAT]],
    };
    for (const p of participants) {
      await waitFor(`${p.name}'s chat to show the others' messages under their names`, async () => {
        const lines = await chatLines(p);
        const ok = expected[p.name].every(([from, text]) => lines.some(([f, t]) => f === from && t === text));
        return { ok, seen: lines };
      });
      // The HTML arrived as text: no element came of it, nothing ran.
      assert.equal(await p.page.locator(`${CHAT_CSS} img, ${CHAT_CSS} script`).count(), 0, `${p.name}'s chat made no element`);
      assert.equal(await p.page.evaluate(() => window.__pwned ?? null), null, `no script ran in ${p.name}'s page`);
    }

    const { report, exitCode } = await nativeReport(native);
    const codes = new Set([...(await recorder.stop())].map((s) => s.split(':')[1]));
    assert.equal(exitCode, 0, `native client exited with ${exitCode}; stderr: ${native.stderr.slice(-2000)}`);
    assert.equal(report.tampered, null);
    assert.equal(report.unknown_members, 0);
    assert.deepEqual([...report.members].sort(), everyone, 'the native guest names everyone from the group');
    assert.ok(codes.has(report.security_code), `the host showed the native's code ${report.security_code}; she showed ${[...codes]}`);
    for (const [from, text] of [[HOST, HOST_CHAT], [GUEST, GUEST_CHAT], [GUEST, HTML_CHAT]]) {
      assert.ok(report.chat.some((c) => c.from === from && c.text === text), `the native guest got "${text}" from ${from}: ${JSON.stringify(report.chat)}`);
    }
    await noAlarm(participants);
  } finally {
    stopNative(native);
    await closeAll(participants);
  }

  // Everything the server kept, once it has stopped and flushed.
  await stopServerNow();
  const { dataDir, logPath, signalingPath } = serverFiles();
  const record = readFileSync(signalingPath);
  const lines = record.toString('utf8').split('\n').filter((l) => l !== '');
  // Not vacuous: the record holds the meeting's whole signaling.
  assert.ok(lines.length > 20, `the signaling record has ${lines.length} lines`);
  for (const line of lines) {
    const entry = JSON.parse(line);
    assert.ok((entry.dir === 'in' || entry.dir === 'out') && typeof entry.text === 'string', line.slice(0, 200));
  }
  for (const type of ['"type":"join"', '"type":"knock"', '"type":"admit"', '"type":"mls_commit"', '"type":"mls_application"']) {
    assert.ok(lines.some((l) => JSON.parse(l).text.includes(type)), `the record holds a ${type} message`);
  }
  const kept = [...filesUnder(dataDir), { path: logPath, bytes: readFileSync(logPath) }, { path: signalingPath, bytes: record }];
  assert.ok(kept.some((f) => f.path.endsWith('.db') || f.path.includes('sqlite')), `the data directory holds the database: ${kept.map((f) => f.path)}`);
  log(`searched ${kept.length} files (${kept.reduce((n, f) => n + f.bytes.length, 0)} bytes) for ${SECRETS.length} names and texts`);
  for (const { path, bytes } of kept) assert.deepEqual(leaks(bytes), [], `${path} holds none of the names or chat texts`);
});
