// Admission across the two clients (docs/admission.md): a browser host lets
// a native guest (`conclave join`, openmls) in with its Admit button, and a
// native host (`--admit NAME`) lets a browser guest in. Each side opens the
// other's sealed knock, commits or accepts the other's roster, decrypts the
// other's media and shows the same security code.
//
// Run from web/: `npm run test:browser` (needs `cargo build -p conclave`).

import assert from 'node:assert/strict';
import {
  closeAll,
  createLobbyMeeting,
  idOf,
  joinAsHost,
  log,
  MEDIA_MS,
  nativeReport,
  noAlarm,
  open,
  recordCodes,
  scenario,
  securityCode,
  startNative,
  stopNative,
  UI_MS,
  waitForFrames,
} from './support.mjs';

scenario('a browser host admits a native guest, who decrypts the host\'s audio and video and shows the code the host showed', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  // It leaves as soon as it decrypted the host's audio and video.
  const native = startNative(link, 'Native Guest', ['--duration', '20', '--expect-peers', '1', '--exit-early']);
  try {
    const alice = await joinAsHost(hostLink, 'Alice');
    participants.push(alice);
    const recorder = await recordCodes(alice.page);
    await alice.page.getByRole('button', { name: 'Admit Native Guest', exact: true }).click({ timeout: MEDIA_MS });
    const { report, exitCode } = await nativeReport(native);
    const shown = await recorder.stop();
    assert.equal(report.knocked, true, 'the native guest knocked');
    assert.equal(report.tampered, null);
    assert.deepEqual(report.errors, []);
    const fromAlice = report.received.find((r) => r.name === 'Alice');
    assert.ok(fromAlice && fromAlice.audio_frames > 0 && fromAlice.video_frames > 0, `decrypted Alice's audio and video: ${JSON.stringify(report.received)}`);
    const codes = new Set([...shown].map((s) => s.split(':')[1]));
    assert.ok(codes.has(report.security_code), `Alice showed the native's code ${report.security_code}; she showed ${[...codes]}`);
    assert.equal(exitCode, 0, `native client exited with ${exitCode}; stderr: ${native.stderr.slice(-2000)}`);
    log(`native guest: Admit → first decrypted video frame ${report.admission_to_first_video_ms} ms`);
    await noAlarm(participants);
  } finally {
    stopNative(native);
    await closeAll(participants);
  }
});

scenario('a native host admits a browser guest by name, who decodes its video and shows the same code', async () => {
  const { link, hostLink } = await createLobbyMeeting();
  const participants = [];
  const native = startNative(hostLink, 'Nat', ['--duration', '8', '--admit', 'Grace Hopper']);
  try {
    // The native host admits at once: the waiting view may come and go
    // faster than a poll, so only the outcome is awaited.
    const grace = await open(link, 'Grace Hopper');
    participants.push(grace);
    await grace.page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: MEDIA_MS });
    const recorder = await recordCodes(grace.page);
    const inAt = performance.now();
    const natId = await idOf(grace, 'Nat');
    await waitForFrames(grace, natId, "Grace's first decoded frame from Nat");
    log(`browser guest: admitted → first decoded video frame from the native host ${Math.round(performance.now() - inAt)} ms`);
    const { report, exitCode } = await nativeReport(native);
    const shown = await recorder.stop();
    assert.deepEqual(report.admitted, ['Grace Hopper']);
    assert.equal(report.tampered, null);
    assert.deepEqual(report.errors, []);
    const codes = new Set([...shown].map((s) => s.split(':')[1]));
    assert.ok(codes.has(report.security_code), `Grace showed the native's code ${report.security_code}; she showed ${[...codes]}`);
    assert.match(await securityCode(grace.page), /^\d{5} \d{5} \d{5} \d{5}$/);
    assert.equal(exitCode, 0, `native client exited with ${exitCode}; stderr: ${native.stderr.slice(-2000)}`);
    await noAlarm(participants);
  } finally {
    stopNative(native);
    await closeAll(participants);
  }
});
