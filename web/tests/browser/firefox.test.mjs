// Firefox as a first-class browser: Debian's firefox-esr, driven by
// puppeteer-core over WebDriver BiDi (Playwright's own Firefox build cannot
// be downloaded here), in one meeting with Chromium and the native client.
// Each decrypts the others' audio and video, and all show one security code.
//
// The preferences are test ones: fake devices without a permission prompt,
// and loopback ICE candidates, because this suite's server offers media on
// 127.0.0.1 only (`--public-ip 127.0.0.1`), where stock Firefox gathers no
// candidate. Stock Firefox against the zero-config server, which also
// offers the host's own addresses, is firefoxLan.test.mjs.

import assert from 'node:assert/strict';
import { join as joinPath } from 'node:path';
import {
  closeAll,
  createOpenMeeting,
  log,
  MEDIA_MS,
  nativeReport,
  open,
  scenario,
  securityCode,
  serverFiles,
  startNative,
  stopNative,
  UI_MS,
  waitFor,
} from './support.mjs';
import { joinInFirefox, seen, STOCK_PREFS } from './firefoxSupport.mjs';

scenario('Firefox, Chromium and a native client decrypt each other and show one security code', async () => {
  const { link } = await createOpenMeeting();
  let firefox;
  let chromium;
  let native;
  try {
    firefox = await joinInFirefox(link, 'Fiona');
    chromium = await open(link, 'Carl');
    await chromium.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: UI_MS });
    native = startNative(link, 'Nat', ['--duration', '15', '--expect-peers', '2']);

    const carlId = await chromium.page.evaluate(() => window.conclave.participantId);
    const fionaId = (await seen(firefox.page)).id;
    // Both browsers decode video and receive audio from each other and from the native client.
    await waitFor('Fiona and Carl to decode video and audio from the two others, under one code', async () => {
      const f = await seen(firefox.page);
      const c = await seen(chromium.page);
      const code = await securityCode(chromium.page);
      const others = (s, self) => Object.keys(s.frames).filter((id) => Number(id) !== self);
      const ok =
        others(f, fionaId).filter((id) => f.frames[id] > 0 && (f.samples[id] ?? 0) > 0).length >= 2 &&
        others(c, carlId).filter((id) => c.frames[id] > 0 && (c.samples[id] ?? 0) > 0).length >= 2 &&
        /^\d{5} \d{5} \d{5} \d{5}$/.test(code) &&
        f.code === code;
      return { ok, seen: { firefox: f, chromium: { ...c, shown: code } } };
    }, MEDIA_MS);
    const shownByFirefox = (await seen(firefox.page)).code;
    log(`one security code in Firefox and Chromium: ${shownByFirefox}`);

    const { report, exitCode } = await nativeReport(native);
    assert.equal(exitCode, 0, `native client exited with ${exitCode}; stderr: ${native.stderr.split('\n')[0]}`);
    assert.deepEqual([...report.members].sort(), ['Carl', 'Fiona', 'Nat']);
    for (const name of ['Fiona', 'Carl']) {
      const r = report.received.find((x) => x.name === name);
      assert.ok(r && r.audio_frames > 0 && r.video_frames > 0, `the native client decrypted audio and video from ${name}: ${JSON.stringify(r)}`);
    }
    assert.equal(report.security_code, shownByFirefox, 'the native client showed the code Firefox showed');
  } finally {
    stopNative(native);
    await firefox?.browser.close().catch(() => undefined);
    if (chromium) await closeAll([chromium]);
  }
});

scenario('stock Firefox on a loopback-only server is told why its media does not connect', async () => {
  const { link } = await createOpenMeeting();
  let firefox;
  try {
    firefox = await joinInFirefox(link, 'Fiona', STOCK_PREFS);
    await firefox.page.waitForSelector('#media-status:not([hidden])', { timeout: 20_000 });
    const text = await firefox.page.$eval('#media-status', (e) => e.textContent);
    log(`Firefox shows: ${text}`);
    assert.match(text, /connect/);
    assert.match(text, /UDP/);
    assert.match(text, /--public-ip/);
  } finally {
    await firefox?.browser.close().catch(() => undefined);
  }
});

// Common window sizes: a laptop, and a narrow window (a phone, or a window
// beside another) where the sidebar stacks under the grid.
const WINDOWS = [
  { width: 1280, height: 720, name: 'wide' },
  { width: 600, height: 800, name: 'narrow' },
];

/** The chat's Send button and the sidebar holding it, as laid out. */
function chatLayout() {
  const box = (selector) => {
    const r = document.querySelector(selector)?.getBoundingClientRect();
    return r && { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  };
  return { send: box('#chat-send'), input: box('#chat-input'), sidebar: box('.sidebar'), viewport: window.innerWidth };
}

function assertChatFits(layout, where) {
  const { send, input, sidebar, viewport } = layout;
  assert.ok(send && input && sidebar, `${where}: chat laid out: ${JSON.stringify(layout)}`);
  // Half a pixel for sub-pixel rounding.
  for (const [what, r] of [['Send button', send], ['message field', input]]) {
    assert.ok(r.left >= sidebar.left - 0.5 && r.right <= sidebar.right + 0.5, `${where}: the ${what} lies inside the sidebar: ${JSON.stringify(layout)}`);
    assert.ok(r.right <= viewport + 0.5, `${where}: the ${what} lies inside the window: ${JSON.stringify(layout)}`);
  }
}

scenario('the chat and the meeting view fit in Firefox as in Chromium, wide and narrow (screenshots kept with a failure)', async () => {
  const { link } = await createOpenMeeting();
  const shots = serverFiles().workDir;
  for (const size of WINDOWS) {
    const firefox = await joinInFirefox(link, `Fiona ${size.name}`);
    try {
      await firefox.page.setViewport({ width: size.width, height: size.height });
      await firefox.page.waitForSelector('#chat-send', { visible: true, timeout: UI_MS });
      await firefox.page.screenshot({ path: joinPath(shots, `firefox-${size.name}.png`) });
      assertChatFits(await firefox.page.evaluate(chatLayout), `Firefox ${size.width}x${size.height}`);
    } finally {
      await firefox.browser.close().catch(() => undefined);
    }
    const chromium = await open(link, `Carl ${size.name}`);
    try {
      await chromium.page.setViewportSize({ width: size.width, height: size.height });
      await chromium.page.locator('#chat-send').waitFor({ timeout: UI_MS });
      await chromium.page.screenshot({ path: joinPath(shots, `chromium-${size.name}.png`) });
      assertChatFits(await chromium.page.evaluate(chatLayout), `Chromium ${size.width}x${size.height}`);
    } finally {
      await closeAll([chromium]);
    }
  }
});
