// Media over TCP where a firewall blocks UDP (ICE-TCP, RFC 6544): the
// server offers a passive TCP candidate beside each UDP one, and two
// Chromium participants whose every UDP datagram is dropped still join,
// decode each other's video and audio under one security code, and are
// told their media travels over TCP.
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
  const { createOpenMeeting, log, scenario, twoMeetOver } = await import('./support.mjs');

  scenario('inside its namespace, with UDP dropped: media over TCP both ways, one code', async () => {
    const { link } = await createOpenMeeting();
    const waited = await twoMeetOver(link, 'TCP');
    log(`first frames over TCP after ${waited.map(Math.round).join(' / ')} ms`);
  });
}
