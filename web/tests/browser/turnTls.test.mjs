// Media through a TURN relay over TLS (RFC 8656) where a firewall lets out
// nothing but TLS on 443: the server hands each admitted participant
// short-lived credentials for the operator's own coturn (the TURN REST
// convention, a secret shared by the two), and two Chromium participants
// on another "machine" whose UDP and TCP to the media port are dropped
// decode each other through it and are told media goes through a relay.
//
// Two network namespaces of the test's own (netns.mjs): the participants'
// and the server's (Conclave and coturn), joined by a veth pair; the
// server's firewall drops the participants' UDP and their TCP to the media
// port, so only the relay on 443 is left.

import assert from 'node:assert/strict';
import { inNamespace, inside, inNs, serverAddress, serverNamespace, SUBNET } from './netns.mjs';

// The media port, fixed so the firewall can name it (the namespace is ours);
// media core k listens on the port plus k, up to 16 cores.
const MEDIA_PORT = '41000';
const MEDIA_PORTS = '41000:41015';

if (!inside) {
  const participants = `${SUBNET}.2`;
  inNamespace('browsers that can reach only TLS on 443 get media through the TURN relay', import.meta.url, {
    serverMachine: true,
    serverCommands: [
      ['iptables', '-A', 'INPUT', '-s', participants, '-p', 'udp', '-j', 'DROP'],
      ['iptables', '-A', 'INPUT', '-s', participants, '-p', 'tcp', '--dport', MEDIA_PORTS, '-j', 'DROP'],
    ],
  });
} else {
  const { spawn, spawnSync } = await import('node:child_process');
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { connect } = await import('node:net');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { after } = await import('node:test');

  // coturn, configured as docs/turn.md says, TLS only, in the server's namespace.
  const dir = mkdtempSync(join(tmpdir(), 'conclave-turn-'));
  const secretFile = join(dir, 'turn-secret');
  writeFileSync(secretFile, `${Math.random().toString(36).slice(2)}${Date.now()}\n`, { mode: 0o600 });
  const secret = (await import('node:fs')).readFileSync(secretFile, 'utf8').trim();
  const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=turn.conclave.test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
  assert.equal(cert.status, 0, `openssl made no certificate: ${cert.stderr}`);
  writeFileSync(join(dir, 'turnserver.conf'), [
    `listening-ip=${serverAddress}`,
    `relay-ip=${serverAddress}`,
    'tls-listening-port=443',
    'no-udp',
    'no-tcp',
    'no-dtls',
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=conclave.test',
    `cert=${join(dir, 'cert.pem')}`,
    `pkey=${join(dir, 'key.pem')}`,
    `allowed-peer-ip=${serverAddress}`,
    'fingerprint',
    'no-cli',
    'log-file=stdout',
    'simple-log',
    `pidfile=${join(dir, 'turnserver.pid')}`,
  ].join('\n'));
  const [bin, ...args] = inNs(serverNamespace, ['turnserver', '-c', join(dir, 'turnserver.conf')]);
  const coturn = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let coturnLog = '';
  coturn.stdout.on('data', (d) => (coturnLog += d));
  coturn.stderr.on('data', (d) => (coturnLog += d));
  after(() => {
    coturn.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });
  // Up once it accepts on 443.
  const started = Date.now();
  for (;;) {
    const up = await new Promise((resolve) => {
      const s = connect({ host: serverAddress, port: 443 }, () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    assert.ok(Date.now() - started < 15_000, `coturn did not listen on ${serverAddress}:443: ${coturnLog.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // The relay's certificate is self-signed here, for an IP address; a real
  // relay has a certificate browsers trust (docs/turn.md).
  process.env.CONCLAVE_TEST_CHROMIUM_FLAGS = JSON.stringify(['--ignore-certificate-errors']);
  process.env.CONCLAVE_TEST_SERVER_ARGS = JSON.stringify(['--media-port', MEDIA_PORT, '--turn-url', `turns:${serverAddress}:443?transport=tcp`, '--turn-secret-file', secretFile]);

  const { createOpenMeeting, log, scenario, twoMeetOver } = await import('./support.mjs');

  scenario('inside the namespaces: media through the relay both ways, one code', async () => {
    const { link } = await createOpenMeeting();
    try {
      const waited = await twoMeetOver(link, 'a relay over TLS');
      log(`first frames through TURN/TLS after ${waited.map(Math.round).join(' / ')} ms`);
    } catch (e) {
      log(`coturn said: ${coturnLog.slice(-3000)}`);
      throw e;
    }
  });
}
