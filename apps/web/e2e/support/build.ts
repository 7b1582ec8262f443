import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const DIST_DIR = join(WEB_DIR, 'dist');
const CONTRACTS_SRC = fileURLToPath(new URL('../../../../packages/contracts/src', import.meta.url));

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist is missing, has no manifest, or is older than anything it is built from. */
export function webBuildIsStale(): boolean {
  const manifest = join(DIST_DIR, '.vite', 'manifest.json');
  if (!existsSync(join(DIST_DIR, 'index.html')) || !existsSync(manifest)) return true;
  const inputs = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(WEB_DIR, p)).concat(CONTRACTS_SRC);
  const newestInput = Math.max(...inputs.filter((p) => existsSync(p)).map(newestMtime));
  return newestInput > statSync(manifest).mtimeMs;
}

/** Runs the local `vite build` (the same as `pnpm build:web`); `force` rebuilds even when fresh. */
export function buildWeb(opts: { force?: boolean } = {}): void {
  if (!opts.force && !webBuildIsStale()) return;
  const vite = join(WEB_DIR, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: WEB_DIR, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}
