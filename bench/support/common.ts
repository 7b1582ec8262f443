/** Shared helpers for the benchmarks: arguments, services, statistics and the RESULT line. */
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);

/** `--quick`: every benchmark finishes in under a minute. */
export const quick = argv.includes('--quick');

function rawOption(name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** A numeric `--name=value` (or `--name value`) argument. */
export function numberOption(name: string, fallback: number): number {
  const raw = rawOption(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${raw}`);
  return n;
}

export function stringOption(name: string, fallback: string): string {
  return rawOption(name) ?? fallback;
}

// Real services for the Postgres and Redis cases, as in `pnpm bench grading-overhead`.
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL || undefined;
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL || undefined;

export type Backend = 'redis' | 'postgres' | 'embedded';
export const ALL_BACKENDS: Backend[] = ['redis', 'postgres', 'embedded'];

/**
 * The backends asked for with `--backends=a,b` (default: all), minus those whose service URL is
 * not set; each skip is printed, so a run never silently measures less than it claims.
 */
export function selectBackends(fallback: Backend[] = ALL_BACKENDS): Backend[] {
  const asked = stringOption('backends', fallback.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as Backend[];
  for (const b of asked) if (!ALL_BACKENDS.includes(b)) throw new Error(`unknown backend ${b} (use ${ALL_BACKENDS.join(', ')})`);
  return asked.filter((b) => {
    if (b !== 'embedded' && !BENCH_DATABASE_URL) {
      console.log(`skipping ${b}: set BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)`);
      return false;
    }
    if (b === 'redis' && !BENCH_REDIS_URL) {
      console.log('skipping redis: set BENCH_REDIS_URL (e.g. redis://127.0.0.1:6379)');
      return false;
    }
    return true;
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : Number.NaN);

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return out;
}

/** Polls until `fn` returns something truthy, or throws after `timeoutMs`. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The machine-readable last line: `RESULT <name> key=value ...`. */
export function printResult(name: string, fields: Record<string, string | number | boolean>) {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isFinite(v) ? 'nan' : v}`);
  console.log(`RESULT ${name} ${parts.join(' ')}`);
}

/** Process CPU time (user + system, ms) between two `process.cpuUsage()` readings. */
export function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/** CPU time (user + system, ms) another process has used so far, from /proc (Linux); NaN elsewhere. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are 14th and 15th overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
const CLOCK_TICKS = 100;
