// Media over TCP where a firewall blocks UDP (ICE-TCP, RFC 6544): the
// server offers a passive TCP candidate beside each UDP one, and two
// Chromium participants whose every UDP datagram is dropped still join,
// decode each other's video and audio under one security code, and are
// told their media travels over TCP. A native client (`conclave join`, no
// transport flag) in the same place finds UDP silent, falls back to TCP by
// itself and meets a browser there.
//
// The drop is an iptables rule on INPUT inside a network namespace of the
// test's own (netns.mjs): datagrams vanish silently, as behind a firewall,
// and nothing outside the namespace is touched.

import { inNamespace, inside } from './netns.mjs';

if (!inside) {
  inNamespace('browsers whose UDP is dropped join over ICE-TCP and decode each other', import.meta.url, {
    commands: [['iptables', '-A', 'INPUT', '-p', 'udp', '-j', 'DROP']],
  });
} else {
  const assert = (await import('node:assert/strict')).default;
  const { closeAll, createOpenMeeting, idOf, log, nativeReport, open, recordCodes, scenario, startNative, stopNative, twoMeetOver, waitForFrames } = await import('./support.mjs');

  scenario('inside its namespace, with UDP dropped: media over TCP both ways, one code', async () => {
    const { link } = await createOpenMeeting();
    const waited = await twoMeetOver(link, 'TCP');
    log(`first frames over TCP after ${waited.map(Math.round).join(' / ')} ms`);
  });

  scenario('inside its namespace, with UDP dropped: the native client falls back to TCP and meets a browser', async () => {
    const { link } = await createOpenMeeting();
    const ann = await open(link, 'Ann');
    let native;
    try {
      await ann.page.getByRole('button', { name: 'Leave' }).waitFor();
      const codes = await recordCodes(ann.page);
      // No --media-transport: the default tries UDP, then TCP as well.
      native = startNative(link, 'Native', ['--duration', '16', '--expect-peers', '1']);
      const nativeId = await idOf(ann, 'Native');
      const waited = await waitForFrames(ann, nativeId, 'Ann to decode Native over TCP');
      log(`Ann decoded Native ${Math.round(waited)} ms after it was listed`);
      const { report, exitCode } = await nativeReport(native);
      assert.equal(exitCode, 0, `native client exited with ${exitCode}; stderr: ${native.stderr.slice(-2000)}`);
      assert.equal(report.publish_over, 'tcp', 'the native client sent its media over TCP');
      assert.equal(report.subscribe_over, 'tcp', 'the native client received its media over TCP');
      const r = report.received.find((x) => x.name === 'Ann');
      assert.ok(r && r.audio_frames > 0 && r.video_frames > 0, `native decrypted audio and video from Ann: ${JSON.stringify(r)}`);
      assert.equal(r.decrypt_failures, 0, `no frame from Ann failed at the native client: ${JSON.stringify(r)}`);
      const shown = await codes.stop();
      assert.ok(shown.has(`${report.epoch}:${report.security_code}`), `Ann showed the native's code ${report.security_code} at epoch ${report.epoch}; saw ${[...shown]}`);
    } finally {
      stopNative(native);
      await closeAll([ann]);
    }
  });
}
