# The feisutong app image: the API and the worker (see docker-compose.yml). TypeScript runs through
# tsx, the same way as in development and tests.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
# Patch a known postgres.js bug in the installed package (system/patch-dependencies.ts).
RUN npx tsx bin/setup.ts --dependencies-only
RUN chown -R node:node /app
USER node
EXPOSE 3000
CMD ["npx", "tsx", "bin/api.ts"]
