# syntax=docker/dockerfile:1
# Two images from one build: `web` (Next's standalone server, the default target) and `worker`
# (`npm run worker`, and the release step `npm run db:migrate`). Both run as the unprivileged `node` user.
#   docker build -t dodo-saas-starter .                  # web
#   docker build -t dodo-saas-starter-worker --target worker .
# test/stack/standalone-image.test.ts starts each image's files from a folder holding only what is
# copied below, so keep the COPY lines of the final stages in this form.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# Type errors fail the build (next.config.ts no longer ignores them).
RUN npm run build

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS worker
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/tsconfig.json ./tsconfig.json
COPY --from=build --chown=node:node /app/db ./db
COPY --from=build --chown=node:node /app/lib ./lib
COPY --from=build --chown=node:node /app/scripts ./scripts
USER node
# A worker is healthy while its process runs; it exits on a lost database and the orchestrator restarts it.
CMD ["npm", "run", "worker"]

FROM node:20-bookworm-slim AS web
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Refuses to serve while migrations are pending (instrumentation.ts); SIGTERM finishes requests in flight.
CMD ["node", "server.js"]
