/**
 * Maps an async stream through `fn` with at most `concurrency` calls in flight and hands the
 * results to `sink` in input order. At most `window` results (default 8 × concurrency) wait for a
 * slow predecessor, so memory stays bounded whatever the input length. `fn` should not reject;
 * if it does, the rejection surfaces from `mapOrdered` when its turn to be emitted comes.
 */
export async function mapOrdered<T, R>(
  items: AsyncIterable<T>,
  options: { concurrency: number; window?: number },
  fn: (item: T, index: number) => Promise<R>,
  sink: (result: R) => Promise<void> | void,
): Promise<void> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const window = Math.max(concurrency, Math.floor(options.window ?? concurrency * 8));
  const pending: Array<{ promise: Promise<R>; settled: boolean }> = [];
  const running = new Set<Promise<unknown>>();

  const flushSettled = async () => {
    while (pending[0]?.settled) await sink(await (pending.shift() as { promise: Promise<R> }).promise);
  };

  let index = 0;
  for await (const item of items) {
    while (running.size >= concurrency || pending.length >= window) {
      if (pending.length >= window) await sink(await (pending.shift() as { promise: Promise<R> }).promise);
      else await Promise.race(running);
      await flushSettled();
    }
    const entry = { promise: fn(item, index++), settled: false };
    const done: Promise<void> = entry.promise.then(
      () => {
        entry.settled = true;
      },
      () => {
        entry.settled = true;
      },
    );
    const tracked = done.finally(() => running.delete(tracked));
    running.add(tracked);
    pending.push(entry);
    await flushSettled();
  }
  while (pending.length > 0) await sink(await (pending.shift() as { promise: Promise<R> }).promise);
}
