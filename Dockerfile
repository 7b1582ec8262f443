# One image for every role, chosen at run time: ROLE=api (also serves the web build), ROLE=worker,
# or ROLE=all (the default: the whole app in one container). TypeScript runs through tsx, a runtime
# dependency, so the image runs the same sources the tests run; there is no compile step to drift.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
RUN npm install -g pnpm@10.34.9 && npm cache clean --force
WORKDIR /app

# Dependencies from the lockfile alone: this layer is rebuilt only when the lockfile changes.
FROM base AS build
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile && pnpm build:web

# Production dependencies only (no vite, vitest, biome, types), from the store fetched above.
FROM build AS prod-deps
RUN rm -rf node_modules apps/*/node_modules packages/*/node_modules \
 && pnpm install --offline --frozen-lockfile --prod

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000 WORKER_METRICS_PORT=9464 DATA_DIR=/data
WORKDIR /app
COPY --from=prod-deps /app/package.json /app/pnpm-workspace.yaml /app/tsconfig.base.json /app/tsconfig.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=prod-deps /app/packages ./packages
COPY --from=prod-deps /app/apps/api ./apps/api
COPY --from=prod-deps /app/apps/worker ./apps/worker
COPY --from=build /app/apps/web/dist ./apps/web/dist
COPY --from=build /app/infra/docker/healthcheck.mjs ./infra/docker/healthcheck.mjs
# The embedded profile keeps its database under DATA_DIR; the only path the app writes.
RUN mkdir -p /data && chown 1000:1000 /data
# The base image's `node` user, numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3000 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 CMD ["node", "infra/docker/healthcheck.mjs"]
CMD ["node", "--import", "tsx", "apps/api/src/main.ts"]
