// Bundles the web client into web/dist, which the server embeds at build time.
// CI rebuilds and diffs against the committed dist, so the output must not
// depend on the machine: no sourcemaps, no absolute paths, no timestamps.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsMlsFixes } from './tsMlsFixes.mjs';

const webDir = dirname(fileURLToPath(import.meta.url));
const dist = join(webDir, 'dist');
const assets = join(dist, 'assets');

// Start from nothing so a renamed or deleted file cannot linger in dist.
rmSync(dist, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

await build({
  // Paths in esbuild's output comments are relative to this directory.
  absWorkingDir: webDir,
  entryPoints: {
    meeting: 'src/meeting/main.ts',
    landing: 'src/landing.ts',
    signin: 'src/signin.ts',
    recordings: 'src/recordingsPage.ts',
    // The RTCRtpScriptTransform worker, loaded from 'self' (CSP worker-src).
    'e2ee-worker': 'src/e2ee/worker.ts',
  },
  outdir: 'dist/assets',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  // Two RFC 9420 fixes to ts-mls that roster commits need (tsMlsFixes.mjs).
  plugins: [tsMlsFixes],
  // ts-mls loads the crypto of cipher suites we never use on demand; they
  // are not installed, and suite 1 needs none of them.
  external: ['@hpke/chacha20poly1305', '@hpke/hybridkem-x-wing', '@hpke/dhkem-x448', '@hpke/ml-kem', '@noble/post-quantum'],
});

for (const file of readdirSync(join(webDir, 'static')).sort()) {
  const target = file.endsWith('.html') ? dist : assets;
  copyFileSync(join(webDir, 'static', file), join(target, file));
}
