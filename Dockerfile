# syntax=docker/dockerfile:1
# Vigie's image: `docker build -t vigie .` then `docker run --env-file .env -v vigie-data:/data -p 3000:3000 vigie`,
# or `docker compose up -d` with compose.yaml (Vigie + PostgreSQL). See README, "Deploy".
# test/deploy/dockerfile.test.ts reads this file: it runs the run stage's command and health check as written.

ARG NODE_IMAGE=node:24-bookworm-slim

# Build: every dependency (TypeScript included), then src/ compiled to dist/ with its run-time files.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/
COPY src/ src/
RUN npm run build

# Run: production dependencies and dist/ only, as the unprivileged `node` user of the base image.
FROM ${NODE_IMAGE} AS run
ENV NODE_ENV=production \
    VIGIE_DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# No production dependency has an install script (a test checks it), so none is run.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY bin/ bin/
COPY --from=build /app/dist/ dist/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Vigie stops on SIGTERM: it stops polling, lets queued alerts go out (VIGIE_SHUTDOWN_TIMEOUT), then exits 0.
STOPSIGNAL SIGTERM
# Ready means the store answers and the scheduler runs (GET /readyz: 200, else 503); node itself asks, no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/vigie.js", "start"]
