// Fails when the SQLite schema was edited by hand or a provider's migrations lag the schema.
import { readFileSync } from "node:fs";
import { currentSchema, diffSql, isEmptyDiff, providers, schemaPath, snapshotPath } from "./providers";

let behind = false;
if (readFileSync(schemaPath("sqlite"), "utf8") !== currentSchema("sqlite")) {
  console.error("prisma/sqlite/schema.prisma differs from the one derived from the PostgreSQL schema: run npm run db:generate");
  behind = true;
}
for (const provider of providers) {
  const sql = diffSql(provider, snapshotPath(provider));
  if (!isEmptyDiff(sql)) {
    console.error(`${provider}: migrations lag the schema; run npm run db:migration -- <name>. Missing:\n${sql}`);
    behind = true;
  }
}
if (behind) process.exit(1);
console.log("migrations are up to date for", providers.join(" and "));
