// Prisma CLI configuration, used by the scripts in prisma/scripts with
// PRISMA_PROVIDER=postgresql|sqlite. It selects the JavaScript (WebAssembly) schema
// engine instead of the native one, which Prisma downloads at run time and firewalled
// machines cannot. `generate` and `migrate diff` need no database: the adapter never connects.
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.resolve("prisma", process.env.PRISMA_PROVIDER ?? "postgresql", "schema.prisma"),
  adapter: async () => new PrismaBetterSQLite3({ url: ":memory:" }),
});
