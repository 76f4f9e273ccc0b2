# syntax=docker/dockerfile:1
# One image for every Weft process. The chart picks the process with the container command:
#   server node   node apps/server/src/main.ts        (= npm run server)
#   presence      node apps/presence/src/main.ts      (= npm run presence)
#   migrations    node packages/db/src/cli/migrate.ts (= npm run db:migrate)
# Node 24 runs the TypeScript sources directly (type stripping); the web apps are built by Vite
# into apps/<app>/dist and served by the server node.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: every dependency, the Prisma client, the web apps -------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
COPY . .
# The postinstall script generates the Prisma client into packages/db/generated.
RUN npm ci --no-audit --no-fund
RUN node node_modules/turbo/bin/turbo run build --output-logs=errors-only

# --- runtime dependencies only --------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
COPY . .
# Without the prisma CLI (a dev dependency) the postinstall skips generation; the client
# generated in the build stage is copied in below.
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force \
  && rm -rf e2e bench docs
COPY --from=build /app/packages/db/generated ./packages/db/generated
COPY --from=build /app/apps ./apps-built
# Keep each app's Vite output (dist/) next to its sources.
RUN for dir in apps-built/*/dist; do app="$(basename "$(dirname "$dir")")"; cp -R "$dir" "apps/$app/dist"; done \
  && rm -rf apps-built

# --- runtime ---------------------------------------------------------------------------------
FROM ${NODE_IMAGE}
ENV NODE_ENV=production PORT=8080
WORKDIR /app
# Files stay owned by root and read-only for the process; the root filesystem can be mounted
# read-only (the chart mounts an emptyDir at /tmp). Numeric user so runAsNonRoot can verify it.
RUN groupadd --system --gid 10001 weft \
  && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin weft
COPY --from=prod /app /app
USER 10001:10001
EXPOSE 8080
# No HEALTHCHECK: Kubernetes probes /healthz and /readyz. Node is PID 1 and handles SIGTERM itself.
CMD ["node", "apps/server/src/main.ts"]
