// Firefox for the browser suites: Debian's firefox-esr driven by
// puppeteer-core over WebDriver BiDi (Playwright's own Firefox build cannot
// be downloaded here), test or stock preferences, joining as a person does,
// and what a page decodes. Imports support.mjs, so a suite using it gets
// that module's server and browser as usual.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { log, UI_MS } from './support.mjs';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

export const TEST_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  'media.peerconnection.ice.loopback': true,
};

/** Fake devices only: no loopback candidates, as a new user's Firefox. */
export const STOCK_PREFS = Object.fromEntries(Object.entries(TEST_PREFS).filter(([k]) => k !== 'media.peerconnection.ice.loopback'));

/** Joins `link` as `name` in a fresh Firefox (with `prefs`); returns it with its page. */
export async function joinInFirefox(link, name, prefs = TEST_PREFS) {
  assert.ok(existsSync(FIREFOX), `no Firefox at ${FIREFOX}: scripts/test.sh installs Debian's firefox-esr`);
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, extraPrefsFirefox: prefs });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`[${name}] page error: ${e.message}`));
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(link);
    // Puppeteer's ARIA queries time out over BiDi here: fields by id.
    await page.waitForSelector('#name', { timeout: UI_MS });
    await page.type('#name', name);
    await page.click('#join');
    await page.waitForFunction(() => window.conclave?.participantId != null, { timeout: UI_MS });
    return { name, browser, page };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** What a page's debug handle says: security code and video frames decoded per participant. */
export async function seen(page) {
  return page.evaluate(async () => {
    const frames = {};
    const samples = {};
    for (const s of await window.conclave.stats()) {
      if (s.kind === 'video') frames[s.participant] = (frames[s.participant] ?? 0) + s.framesDecoded;
      else samples[s.participant] = (samples[s.participant] ?? 0) + s.totalSamplesReceived;
    }
    return { code: window.conclave.e2ee.securityCode, id: window.conclave.participantId, frames, samples };
  });
}
