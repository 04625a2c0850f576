// Fails when the SQLite schema was edited by hand or a provider's migrations lag the schema.
import { readFileSync } from "node:fs";
import { currentSchema, diffSql, isEmptyDiff, postgresDiffUrl, providers, schemaPath, snapshotPath } from "./providers";

let behind = false;
if (readFileSync(schemaPath("sqlite"), "utf8") !== currentSchema("sqlite")) {
  console.error("prisma/sqlite/schema.prisma differs from the one derived from the PostgreSQL schema: run npm run db:generate");
  behind = true;
}
const checked: string[] = [];
for (const provider of providers) {
  let sql: string;
  try {
    sql = diffSql(provider, snapshotPath(provider));
  } catch (error) {
    // Prisma's JavaScript schema engine diffs PostgreSQL schemas only with a server to talk to.
    if (provider !== "postgresql") throw error;
    console.log(`postgresql: not checked, no PostgreSQL server answered (${postgresDiffUrl})`);
    continue;
  }
  checked.push(provider);
  if (!isEmptyDiff(sql)) {
    console.error(`${provider}: migrations lag the schema; run npm run db:migration -- <name>. Missing:\n${sql}`);
    behind = true;
  }
}
if (behind) process.exit(1);
console.log("migrations are up to date for", checked.join(" and "));
