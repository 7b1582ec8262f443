/**
 * Web app weight and cold load of the interview room.
 *
 * Builds the web app, reads Vite's manifest and sums the gzipped JavaScript the room route
 * loads (entry chunk and its static imports, plus the room's lazy chunk(s) and their static
 * imports) and all JavaScript. Then boots the real app and measures in headless Chromium, with
 * a fresh context (cold cache) each run, the time from navigation to the room's first
 * meaningful render (the answer box of a started interview), against the sign-in page's cold
 * load as the baseline measured in the same run.
 *
 *   pnpm bench web [--quick]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ApiClient } from '../apps/web/e2e/support/api-client';
import { bootApp } from '../apps/web/e2e/support/app';
import { hasChromium, launchBrowser, newContext } from '../apps/web/e2e/support/browser';
import { buildWeb, DIST_DIR } from '../apps/web/e2e/support/build';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 5 : 15;
const ROOM_BUDGET_KB = 150;
/** The room's lazily loaded screen module(s), found in the manifest by source path. */
const ROOM_MODULE = new RegExp(process.env.BENCH_ROOM_MODULE ?? '^src/features/candidate/room/.*Room[^/]*\\.tsx$');

type Chunk = { file: string; src?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[] };

buildWeb({ force: true });
const manifest = JSON.parse(readFileSync(join(DIST_DIR, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
const gzKb = (file: string) => gzipSync(readFileSync(join(DIST_DIR, file)), { level: 9 }).length / 1024;

/** The chunk files a module loads before it runs: itself and its static imports, recursively. */
function staticClosure(key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(imported, into);
  return into;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
const roomKeys = Object.keys(manifest).filter((k) => ROOM_MODULE.test(k));
if (roomKeys.length === 0) throw new Error(`no module matching ${ROOM_MODULE} in the manifest; set BENCH_ROOM_MODULE`);
const roomFiles = new Set([...staticClosure(entryKey), ...roomKeys.flatMap((k) => [...staticClosure(k)])]);
const allJs = readdirSync(join(DIST_DIR, 'assets')).filter((f) => f.endsWith('.js'));
const roomKb = [...roomFiles].reduce((n, f) => n + gzKb(f), 0);
const totalKb = allJs.reduce((n, f) => n + gzKb(`assets/${f}`), 0);
console.log(`room modules: ${roomKeys.join(', ')}`);
console.log(
  `room JS: ${roomFiles.size} chunks, ${roomKb.toFixed(1)} KB gzipped (budget ${ROOM_BUDGET_KB} KB: ${roomKb <= ROOM_BUDGET_KB ? 'ok' : 'OVER'})`,
);
console.log(`  ${[...roomFiles].map((f) => `${f.replace(/^assets\//, '')} ${gzKb(f).toFixed(1)}`).join(', ')}`);
console.log(`all JS: ${allJs.length} chunks, ${totalKb.toFixed(1)} KB gzipped`);

if (!hasChromium()) {
  console.error('cold load needs Chromium (apt-get install chromium)');
  process.exit(1);
}

const app = await bootApp();
const browser = await launchBrowser();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  // A started practice interview, so the room opens straight on its first question.
  const candidate = await ApiClient.signIn(app.url, app.logins.candidate);
  const templates = await candidate.get<{ id: string; slug: string }[]>('/api/templates');
  const warmUp = templates.find((t) => t.slug === 'warm-up') ?? templates[0]!;
  const created = await candidate.post<{ id: string }>('/api/interviews/practice', { templateId: warmUp.id });
  await candidate.post(`/api/interviews/${created.id}/start`);
  const roomPath = process.env.BENCH_ROOM_PATH?.replace(':id', created.id) ?? `/interviews/${created.id}/room`;

  /** Wall time from navigation to `ready` in a fresh context; also the JS files it fetched. */
  async function coldLoad(path: string, ready: string, signedIn: boolean) {
    const context = await newContext(browser, app.url);
    if (signedIn) await context.addCookies(candidate.cookies().map((c) => ({ ...c, url: app.url })));
    const page = await context.newPage();
    const js: string[] = [];
    page.on('response', (r) => r.url().endsWith('.js') && js.push(r.url().replace(/^.*\/assets\//, 'assets/')));
    const t0 = performance.now();
    await page.goto(path, { waitUntil: 'commit' });
    await page.getByLabel(ready, { exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
    const ms = performance.now() - t0;
    await context.close();
    return { ms, js };
  }

  const signIn: number[] = [];
  const room: number[] = [];
  let roomJs: string[] = [];
  for (let i = 0; i <= RUNS; i++) {
    // Run 0 warms the server and Chromium up and is not counted; the two pages alternate so drift hits both.
    const a = await coldLoad('/sign-in', 'Email', false);
    const b = await coldLoad(roomPath, 'Your answer', true);
    if (i === 0) continue;
    signIn.push(a.ms);
    room.push(b.ms);
    roomJs = b.js;
  }
  const missing = roomJs.filter((f) => !roomFiles.has(f));
  console.log(
    `room route fetched ${roomJs.length} JS files${missing.length ? `; not in the manifest count: ${missing.join(', ')}` : ' (all counted above)'}`,
  );
  const baselineMs = median(signIn);
  const coldMs = median(room);
  console.log(`baseline: sign-in page cold load, median of ${RUNS}: ${baselineMs.toFixed(0)} ms`);
  console.log(
    `room: cold load to the answer box, median of ${RUNS}: ${coldMs.toFixed(0)} ms (${(coldMs / baselineMs).toFixed(2)}x the sign-in page)`,
  );
  console.log(`RESULT web room_js_gz_kb=${roomKb.toFixed(1)} total_js_gz_kb=${totalKb.toFixed(1)} cold_load_ms=${coldMs.toFixed(0)}`);
} finally {
  await browser.close();
  await app.close();
}
