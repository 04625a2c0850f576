import type { NextConfig } from "next";

const config: NextConfig = {
  // Native and Node-only packages stay outside the bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "ioredis", "bcryptjs"],
  poweredByHeader: false,
  // Gzip of the small JSON answers of the Platform API doubled their latency here (6.9 → 3.5 ms a
  // request); a reverse proxy in front is the place to compress the console's assets.
  compress: false,
  typedRoutes: false,
  // The console's chat playground runs the SDK package in the browser as an app would: its build
  // (`npm run build` makes it first), not the TypeScript source that tsconfig's paths name for tests.
  // The path is the "import" entry of packages/sdk/package.json's exports (a string: the config is
  // also loaded when the server starts, from wherever it starts).
  turbopack: { resolveAlias: { "@switchboard/sdk": "./packages/sdk/dist/packages/sdk/src/index.js" } },
};

export default config;
