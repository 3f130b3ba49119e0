// Bundles the web client into web/dist, which the server embeds at build time.
// CI rebuilds and diffs against the committed dist, so the output must not
// depend on the machine: no sourcemaps, no absolute paths, no timestamps.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
});

for (const file of readdirSync(join(webDir, 'static')).sort()) {
  const target = file.endsWith('.html') ? dist : assets;
  copyFileSync(join(webDir, 'static', file), join(target, file));
}
