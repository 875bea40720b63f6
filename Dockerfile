# Build stage: compile the TypeScript to dist/ with the dev dependencies.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# Run stage: the compiled service and its production dependencies only; no TypeScript
# compiler is loaded at run time.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
# The pages' stylesheet and compressed assets, made once here into node_modules/.cache,
# which the service's user cannot write.
RUN node --input-type=module -e "await (await import('./dist/src/pages/page-assets.js')).loadPageAssets()"
USER node
EXPOSE 3000
# node is PID 1's only child-free target, so SIGTERM reaches the graceful shutdown.
CMD ["node", "dist/server.js"]
