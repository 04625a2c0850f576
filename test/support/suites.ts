import { existsSync } from "node:fs";
import path from "node:path";

/** Where Debian's nginx package puts its binary; the scale-out suite starts it. */
export const nginxBinary = "/usr/sbin/nginx";

/**
 * The suites of integration tests: the database/bus pairings every test in test/ runs on
 * (embedded always, PostgreSQL + Redis when their URLs are set), and the scale-out suite
 * (test/scale-out: two nodes behind nginx on PostgreSQL + Redis).
 */
export function integrationSuites() {
  const postgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
  const redis = process.env.REDIS_URL?.startsWith("redis") ?? false;
  const pairing = { include: ["test/**/*.test.ts"], exclude: ["test/scale-out/**"], pairing: true };
  return [
    { name: "sqlite+memory", database: "sqlite", bus: "memory", available: true, needs: "", ...pairing },
    {
      name: "postgresql+redis",
      database: "postgresql",
      bus: "redis",
      available: postgres && redis,
      needs: "DATABASE_URL=postgresql://user@host:5432/db and REDIS_URL=redis://host:6379",
      ...pairing,
    },
    {
      name: "two-nodes+nginx",
      database: "postgresql",
      bus: "redis",
      available: postgres && redis && existsSync(nginxBinary),
      needs: "DATABASE_URL and REDIS_URL as above, and nginx (apt-get install nginx)",
      include: ["test/scale-out/**/*.test.ts"],
      exclude: [],
      pairing: false,
    },
  ] as const;
}

/** The public specification our v4 endpoints are checked against (test/contract.test.ts), when present. */
export const contractPath = () =>
  process.env.SWITCHBOARD_CONTRACT ?? path.resolve(import.meta.dirname, "../../../shared/reference/nexconn-openapi.yaml");
