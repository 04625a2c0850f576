// Writes the derived SQLite schema and generates the Prisma client of both providers.
import { writeFileSync } from "node:fs";
import { currentSchema, prisma, providers, schemaPath } from "./providers";

writeFileSync(schemaPath("sqlite"), currentSchema("sqlite"));
for (const provider of providers) {
  process.stdout.write(prisma(provider, ["generate", "--no-hints"]));
}
