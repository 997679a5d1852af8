# The feisutong app image: the API and the worker (see docker-compose.yml). TypeScript runs through
# tsx, the same way as in development and tests.
FROM node:24.22.3-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
# Patch a known postgres.js bug in the installed package (system/patch-dependencies.ts).
RUN npx tsx bin/setup.ts --dependencies-only
# The workflow bundle is built once here, not by webpack inside every worker at start.
RUN npx tsx bin/build-workflows.ts /app/.tools/workflow-bundle.js
ENV WORKFLOW_BUNDLE_PATH=/app/.tools/workflow-bundle.js
RUN chown -R node:node /app
USER node
EXPOSE 3000
CMD ["npx", "tsx", "bin/api.ts"]
