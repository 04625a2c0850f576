// npm run db:migration -- <name>: one migration folder per provider, from the last snapshot to the current schema.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { currentSchema, diffSql, isEmptyDiff, migrationsDir, providers, schemaPath, snapshotPath } from "./providers";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lowercase letters, digits and _)");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

writeFileSync(schemaPath("sqlite"), currentSchema("sqlite"));
for (const provider of providers) {
  const sql = diffSql(provider, snapshotPath(provider));
  if (isEmptyDiff(sql)) {
    console.log(`${provider}: schema unchanged, no migration`);
    continue;
  }
  const folder = path.join(migrationsDir(provider), `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  copyFileSync(schemaPath(provider), snapshotPath(provider));
  console.log(`${provider}: wrote ${path.relative(process.cwd(), folder)}`);
}
