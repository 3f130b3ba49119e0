// Bundles a TypeScript module of src/ with esbuild (as the real build does)
// into a temporary file and imports it, so node:test can exercise the exact
// code the browser runs without a separate compile step.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsMlsFixes } from '../../tsMlsFixes.mjs';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadTs(entry) {
  const dir = mkdtempSync(join(tmpdir(), 'conclave-unit-'));
  const outfile = join(dir, 'module.mjs');
  try {
    await build({
      absWorkingDir: WEB_DIR,
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      logLevel: 'warning',
      // The same ts-mls as the browser gets (see tsMlsFixes.mjs).
      plugins: [tsMlsFixes],
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
