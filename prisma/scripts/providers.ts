import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const prismaDir = path.resolve(import.meta.dirname, "..");
export const providers = ["postgresql", "sqlite"] as const;
export type Provider = (typeof providers)[number];

export const schemaPath = (provider: Provider) => path.join(prismaDir, provider, "schema.prisma");
export const migrationsDir = (provider: Provider) => path.join(prismaDir, provider, "migrations");
/** The schema the newest migration of a provider brings a database to. */
export const snapshotPath = (provider: Provider) => path.join(migrationsDir(provider), "schema.snapshot.prisma");

const sqliteHeader = "// Generated from prisma/postgresql/schema.prisma by `npm run db:generate`. Do not edit.\n";

/** The SQLite schema is the PostgreSQL one with another provider and client output. */
export function deriveSqliteSchema(postgresSchema: string): string {
  return (
    sqliteHeader +
    postgresSchema
      .replace('provider = "postgresql"', 'provider = "sqlite"')
      .replace("generated/postgresql", "generated/sqlite")
  );
}

export function currentSchema(provider: Provider): string {
  const source = readFileSync(schemaPath("postgresql"), "utf8");
  return provider === "postgresql" ? source : deriveSqliteSchema(source);
}

/** The server Prisma's JavaScript schema engine needs to diff PostgreSQL schemas; it creates nothing there. */
export const postgresDiffUrl = process.env.PRISMA_DIFF_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Runs the Prisma CLI for one provider through prisma/prisma.config.ts. */
export function prisma(provider: Provider, args: string[], options: { quiet?: boolean } = {}): string {
  return execFileSync("npx", ["prisma", ...args, "--config", path.join(prismaDir, "prisma.config.ts")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", options.quiet ? "pipe" : "inherit"],
    env: {
      ...process.env,
      PRISMA_PROVIDER: provider,
      PRISMA_DIFF_DATABASE_URL: postgresDiffUrl,
      // The schema reads its url from DATABASE_URL; these commands never connect.
      DATABASE_URL: provider === "sqlite" ? "file:./unused.db" : "postgresql://unused@localhost/unused",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
}

/** SQL that takes a provider's database from the `from` schema file (or empty) to its current schema. */
export function diffSql(provider: Provider, from: string): string {
  const fromArgs = existsSync(from) ? ["--from-schema-datamodel", from] : ["--from-empty"];
  return prisma(provider, ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", schemaPath(provider), "--script"], {
    quiet: true,
  });
}

/** `prisma migrate diff --script` prints this comment when nothing differs. */
export const isEmptyDiff = (sql: string) => sql.trim() === "" || sql.includes("-- This is an empty migration.");
