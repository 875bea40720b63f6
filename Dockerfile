FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
# The pages' stylesheet and compressed assets, made once here into node_modules/.cache.
RUN npm run assets:build
USER node
EXPOSE 3000
# node itself is PID 1's child-free target, so SIGTERM reaches the graceful shutdown.
CMD ["node", "--import", "tsx", "src/server.ts"]
