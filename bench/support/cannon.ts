/**
 * autocannon runs, in a process of its own so the load generator never shares an event loop
 * with the server it measures. `startCannon` (below) forks it and sends it specs over IPC.
 *
 * Every connection owns its own interview, so requests never race each other: a draft
 * connection saves its item with ever higher revisions; a submit connection answers its
 * interview's items in order and moves to a fresh interview when one runs out.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface CannonSpec {
  url: string;
  connections: number;
  durationSec: number;
  kind: 'draft' | 'submit';
  /** 'ours': the product's routes; 'baseline': the bare Fastify + pg routes. */
  target: 'ours' | 'baseline';
  headers: Record<string, string>;
  /** Interviews to work through: one per connection for drafts, a pool for submits. */
  interviews: { id: string; itemIds: string[] }[];
  /** Draft revisions start above this (runs on the same items must keep increasing). */
  revisionBase: number;
  text: string;
}

export interface CannonResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Interviews a submit run used up (it must not run out). */
  exhausted: boolean;
}

interface Slot {
  interview: { id: string; itemIds: string[] };
  next: number;
  revision: number;
}

async function run(spec: CannonSpec): Promise<CannonResult> {
  let claimed = 0;
  let exhausted = false;
  const claim = (): Slot | null => {
    const interview = spec.interviews[claimed++];
    if (!interview) {
      exhausted = true;
      return null;
    }
    return { interview, next: 0, revision: spec.revisionBase };
  };
  const body = JSON.stringify;
  const request: autocannon.Request = {
    setupRequest: (req, context) => {
      const ctx = context as { slot?: Slot | null };
      if (!ctx.slot || ctx.slot.next >= ctx.slot.interview.itemIds.length)
        ctx.slot = claim() ?? ctx.slot ?? { interview: spec.interviews.at(-1)!, next: 0, revision: spec.revisionBase };
      const slot = ctx.slot!;
      const itemId = slot.interview.itemIds[Math.min(slot.next, slot.interview.itemIds.length - 1)]!;
      if (spec.kind === 'draft') {
        slot.revision++;
        return spec.target === 'ours'
          ? {
              ...req,
              method: 'PUT',
              path: `/api/interviews/${slot.interview.id}/items/${itemId}/draft`,
              body: body({ text: spec.text, revision: slot.revision }),
            }
          : { ...req, method: 'PUT', path: '/baseline/draft', body: body({ itemId, text: spec.text, revision: slot.revision }) };
      }
      return spec.target === 'ours'
        ? { ...req, method: 'POST', path: `/api/interviews/${slot.interview.id}/items/${itemId}/submit`, body: body({ text: spec.text }) }
        : { ...req, method: 'POST', path: '/baseline/submit', body: body({ itemId, text: spec.text }) };
    },
    onResponse: (status, _body, context) => {
      const slot = (context as { slot?: Slot }).slot;
      // A submit moves on to the interview's next item (only after it was accepted).
      if (spec.kind === 'submit' && slot && status === 200) slot.next++;
    },
  };
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSec,
    pipelining: 1,
    headers: { ...spec.headers, 'content-type': 'application/json' },
    // autocannon gives each connection its own context but resets it whenever the list of requests
    // wraps around; a long list of the same request keeps each connection's interview for the run.
    requests: Array.from({ length: 20_000 }, () => request),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    exhausted,
  };
}

/** A load-generator process that runs specs one after another (started once: forking tsx costs a second). */
export async function startCannon() {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`autocannon process exited with ${code}`);
  });
  exited.catch(() => {});
  return {
    async run(spec: CannonSpec): Promise<CannonResult> {
      const reply = once(child, 'message') as Promise<[{ result?: CannonResult; error?: string }]>;
      child.send(spec);
      const [msg] = await Promise.race([reply, exited]);
      if (msg.error || !msg.result) throw new Error(`autocannon failed: ${msg.error}`);
      return msg.result;
    },
    async close() {
      if (child.exitCode !== null) return;
      const done = once(child, 'exit');
      child.kill();
      await done;
    },
  };
}

if (process.argv.includes('--child')) {
  process.on('message', (spec: CannonSpec) => {
    run(spec).then(
      (result) => process.send?.({ result }),
      (err: Error) => process.send?.({ error: err.stack ?? err.message }),
    );
  });
}
