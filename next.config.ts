import type { NextConfig } from "next";

const config: NextConfig = {
  // Native and Node-only packages stay outside the bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "ioredis", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
