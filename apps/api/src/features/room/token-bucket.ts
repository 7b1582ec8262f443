/** Per-socket message budget: bursts up to `capacity`, refilled continuously. */
export function createTokenBucket(opts: { capacity: number; refillPerSec: number }) {
  let tokens = opts.capacity;
  let last = performance.now();
  return {
    take() {
      const now = performance.now();
      tokens = Math.min(opts.capacity, tokens + ((now - last) / 1000) * opts.refillPerSec);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
