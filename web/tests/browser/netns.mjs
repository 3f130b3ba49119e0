// Runs a browser-suite file inside a network namespace of its own, so a
// case can use non-loopback addresses or firewall rules without touching
// this machine's real interfaces. The file registers one outer test, which
// creates the namespace (loopback plus a veth pair whose address the case
// picks, both ends inside), applies the case's commands there (iptables
// rules, say), and re-runs the same file inside it with `ip netns exec`
// (so root), server and browsers included; the inner run's cases are the
// real ones. The namespace is deleted afterwards, failed or not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Namespaces need root: through non-interactive sudo (keeping the environment) when not root already. */
const asRoot = (args) => (process.getuid?.() === 0 ? args : ['sudo', '-n', '--preserve-env', ...args]);

/** True in the inner run, inside the namespace. */
export const inside = Boolean(process.env.CONCLAVE_TEST_NETNS);

/** The namespace's veth address (inner run only). */
export const lanAddress = process.env.CONCLAVE_TEST_LAN_ADDRESS;

/** With `serverMachine`: the server's namespace and its address there (inner run only). */
export const serverNamespace = process.env.CONCLAVE_TEST_SERVER_NETNS;
export const serverAddress = process.env.CONCLAVE_TEST_SERVER_ADDRESS;

/** The /24 the namespaces' veth addresses come from: per outer run, handed to the inner one. */
export const SUBNET = process.env.CONCLAVE_TEST_SUBNET ?? `10.213.${process.pid % 250}`;

/** `args` run in namespace `ns` (as root). */
export function inNs(ns, args) {
  return asRoot(['ip', 'netns', 'exec', ns, ...args]);
}

/**
 * Registers the outer test: `name`, for the file at `fileUrl`; `commands`
 * are argument lists run inside the namespace before the case (e.g.
 * `['iptables', …]`); `env` is added to the inner run's environment.
 *
 * `serverMachine: true` makes a second namespace for the server, joined to
 * the first by the veth pair as another machine on the LAN would be (the
 * case's side 10.213.N.2, the server's 10.213.N.1); `serverCommands` run
 * there (its firewall), and the inner run learns it from `serverNamespace`.
 */
export function inNamespace(name, fileUrl, { commands = [], serverCommands = [], serverMachine = false, env = {}, timeout = 180_000 } = {}) {
  test(name, { timeout }, async () => {
    const ns = `conclave-${process.pid}`;
    const serverNs = `${ns}-server`;
    const subnet = SUBNET;
    const address = serverMachine ? `${subnet}.2` : `${subnet}.1`;
    const run = (...args) => {
      const [bin, ...rest] = asRoot(args);
      const r = spawnSync(bin, rest, { encoding: 'utf8' });
      assert.equal(r.status, 0, `${args.join(' ')} failed (network namespaces need root): ${r.stderr}`);
    };
    run('ip', 'netns', 'add', ns);
    if (serverMachine) run('ip', 'netns', 'add', serverNs);
    try {
      run('ip', '-n', ns, 'link', 'set', 'lo', 'up');
      // An interface with carrier and an address of our choosing, its other
      // end in the server's namespace or, alone, in this one: connected to
      // nothing outside.
      run('ip', '-n', ns, 'link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'lan1', ...(serverMachine ? ['netns', serverNs] : []));
      run('ip', '-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'lan0');
      run('ip', '-n', ns, 'link', 'set', 'lan0', 'up');
      const peerNs = serverMachine ? serverNs : ns;
      if (serverMachine) {
        run('ip', '-n', serverNs, 'link', 'set', 'lo', 'up');
        run('ip', '-n', serverNs, 'addr', 'add', `${subnet}.1/24`, 'dev', 'lan1');
      }
      run('ip', '-n', peerNs, 'link', 'set', 'lan1', 'up');
      for (const command of commands) run('ip', 'netns', 'exec', ns, ...command);
      for (const command of serverCommands) run('ip', 'netns', 'exec', serverNs, ...command);
      const innerEnv = { ...process.env, ...env, CONCLAVE_TEST_NETNS: ns, CONCLAVE_TEST_LAN_ADDRESS: address, CONCLAVE_TEST_SUBNET: subnet };
      if (serverMachine) Object.assign(innerEnv, { CONCLAVE_TEST_SERVER_NETNS: serverNs, CONCLAVE_TEST_SERVER_ADDRESS: `${subnet}.1` });
      // The inner run is a plain `node` run with its own reporter, not a
      // child of this test runner.
      delete innerEnv.NODE_TEST_CONTEXT;
      const [bin, ...rest] = asRoot(['ip', 'netns', 'exec', ns, process.execPath, fileURLToPath(fileUrl)]);
      const inner = spawn(bin, rest, { env: innerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      inner.stdout.on('data', (d) => (output += d));
      inner.stderr.on('data', (d) => (output += d));
      const code = await new Promise((resolve) => inner.on('exit', (c, signal) => resolve(c ?? signal)));
      console.log(output);
      assert.equal(code, 0, `the case inside namespace ${ns} failed:\n${output.slice(-4000)}`);
    } finally {
      for (const name of serverMachine ? [ns, serverNs] : [ns]) {
        const [bin, ...rest] = asRoot(['ip', 'netns', 'del', name]);
        spawnSync(bin, rest);
      }
    }
  });
}
