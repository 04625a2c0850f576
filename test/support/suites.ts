import path from "node:path";

/** The pairings the integration suite runs on: embedded always, PostgreSQL + Redis when their URLs are set. */
export function integrationSuites() {
  const postgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
  const redis = process.env.REDIS_URL?.startsWith("redis") ?? false;
  return [
    { name: "sqlite+memory", database: "sqlite", bus: "memory", available: true, needs: "" },
    {
      name: "postgresql+redis",
      database: "postgresql",
      bus: "redis",
      available: postgres && redis,
      needs: "DATABASE_URL=postgresql://user@host:5432/db and REDIS_URL=redis://host:6379",
    },
  ] as const;
}

/** The public specification our v4 endpoints are checked against (test/contract.test.ts), when present. */
export const contractPath = () =>
  process.env.SWITCHBOARD_CONTRACT ?? path.resolve(import.meta.dirname, "../../../shared/reference/nexconn-openapi.yaml");
