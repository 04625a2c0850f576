// Prisma CLI configuration, used by the scripts in prisma/scripts with
// PRISMA_PROVIDER=postgresql|sqlite. It selects the JavaScript (WebAssembly) schema
// engine instead of the native one, which Prisma downloads at run time and firewalled
// machines cannot. `generate` needs no database; `migrate diff` of PostgreSQL schemas
// connects to the server prisma/scripts/providers.ts names (and changes nothing there).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

const provider = process.env.PRISMA_PROVIDER ?? "postgresql";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.resolve("prisma", provider, "schema.prisma"),
  // The schema engine refuses an adapter of another database than the schema's provider.
  adapter: async () =>
    provider === "sqlite" ? new PrismaBetterSQLite3({ url: ":memory:" }) : new PrismaPg({ connectionString: process.env.PRISMA_DIFF_DATABASE_URL }),
});
