// How the meeting page words the way media travels (connectionWatch.ts),
// from what browsers' stats say of the selected local candidate.
//
// Run from web/: `npm run test:unit`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load.mjs';

const { transportOf, describeTransport } = await loadTs('src/meeting/connectionWatch.ts');

test('a local candidate gives its protocol, or the relay protocol for TURN', () => {
  assert.equal(transportOf({ protocol: 'udp', candidateType: 'host' }), 'UDP');
  assert.equal(transportOf({ protocol: 'tcp', candidateType: 'host' }), 'TCP');
  assert.equal(transportOf({ protocol: 'tcp', candidateType: 'prflx' }), 'TCP');
  assert.equal(transportOf({ protocol: 'udp', candidateType: 'relay', relayProtocol: 'tls' }), 'a relay over TLS');
  assert.equal(transportOf({ candidateType: 'relay' }), 'a relay');
  assert.equal(transportOf({}), null, 'stats that say nothing give nothing');
});

test('both connections on one transport read as one; different ones are both named', () => {
  assert.equal(describeTransport(null, null), null);
  assert.equal(describeTransport('UDP', 'UDP'), 'Media over UDP');
  assert.equal(describeTransport(null, 'TCP'), 'Media over TCP');
  assert.equal(describeTransport('TCP', 'UDP'), 'Media: sending over TCP, receiving over UDP');
});
