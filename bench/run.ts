// `pnpm bench <name> [--quick]`: runs bench/<name>.ts (see bench/README.md).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The benchmarks and fault scripts, for the usage message (any bench/<name>.ts outside support/ runs). */
const BENCHMARKS: Record<string, string> = {
  'grading-overhead': 'queue + database overhead per graded job, offline grader',
  web: 'gzipped JS of the interview room and its cold load in headless Chromium',
  grading: 'answers through the submit route and the worker against the scripted LLM: throughput, efficiency, added latency',
  api: 'autocannon on draft autosave and answer submit at 50 and 200 connections vs a bare Fastify + pg route',
  ws: 'K concurrent interview rooms saving drafts: memory per connection, round trip, CPU',
  cost: 'tokens and dollars of a grading request for every bank question',
  'faults/worker-kill': 'SIGKILL the worker 20 times during a 500-answer run: every answer graded exactly once',
  'faults/redis-restart': 'restart Redis mid-run: nothing lost, all graded after recovery',
  'faults/llm-chaos': '429s, 500s, timeouts and garbage on 30% of model calls: none stuck',
};

const name = process.argv[2];
const file = name ? fileURLToPath(new URL(`./${name}.ts`, import.meta.url)) : '';
if (!name || /(^|\/)support\//.test(name) || !existsSync(file)) {
  console.error('usage: pnpm bench <name> [--quick]   (see bench/README.md)\n');
  for (const [n, what] of Object.entries(BENCHMARKS)) console.error(`  ${n.padEnd(22)} ${what}`);
  process.exit(2);
}
process.argv.splice(2, 1);
await import(file);
