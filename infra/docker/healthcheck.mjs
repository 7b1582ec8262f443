// The image's HEALTHCHECK, for every role: ROLE=worker asks the worker's own health server
// (WORKER_METRICS_PORT, default 9464), any other role the api's /healthz on PORT (default 3000).
// A worker started with WORKER_METRICS_PORT=0 serves no HTTP, so there is nothing to check.
const worker = process.env.ROLE === 'worker';
const port = worker ? (process.env.WORKER_METRICS_PORT ?? '9464') : (process.env.PORT ?? '3000');
if (worker && port === '0') process.exit(0);
fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_500) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
