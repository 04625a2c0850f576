import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqliteFilePath } from "../env";

/**
 * Backup and restore of the embedded database. A backup is taken while servers run and write:
 * `VACUUM INTO` reads one snapshot of the WAL database (writers go on meanwhile), so the copy
 * holds every transaction committed before it began and nothing half-done. PostgreSQL has its
 * own tools (pg_dump); Redis holds nothing that needs a backup.
 */
export function backupSqlite(databaseUrl: string, outFile: string): { file: string; bytes: number } {
  const source = embeddedFile(databaseUrl);
  const target = path.resolve(outFile);
  if (existsSync(target)) throw new Error(`${target} exists already: choose a new file for the backup`);
  mkdirSync(path.dirname(target), { recursive: true });
  const database = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    database.prepare("VACUUM INTO ?").run(target);
  } finally {
    database.close();
  }
  syncFile(target);
  return { file: target, bytes: statSync(target).size };
}

/**
 * Puts the backup `backupFile` in place of the database of `databaseUrl` (its data directory is
 * created when missing). Refuses a file that is not a sound Switchboard database, a database in
 * use by a running process, and an existing database unless `replace`.
 */
export function restoreSqlite(databaseUrl: string, backupFile: string, options: { replace: boolean }): { file: string } {
  const target = embeddedFile(databaseUrl);
  checkBackup(path.resolve(backupFile));
  if (existsSync(target)) {
    if (!options.replace) throw new Error(`${target} exists already: add --force to replace it with the backup`);
    leaveWalMode(target);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  // Copied beside the database, then renamed over it: the database is the old one or the backup, never half of each.
  const staging = `${target}.restoring`;
  copyFileSync(backupFile, staging);
  syncFile(staging);
  for (const leftover of [`${target}-wal`, `${target}-shm`]) rmSync(leftover, { force: true });
  renameSync(staging, target);
  return { file: target };
}

function embeddedFile(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) throw new Error("backup and restore are for the embedded SQLite database: back up PostgreSQL with pg_dump (README, Running in production)");
  return path.resolve(sqliteFilePath(databaseUrl));
}

function checkBackup(file: string) {
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  let database: Database.Database | undefined;
  try {
    database = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = database.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`its integrity check says: ${integrity}`);
    database.prepare(`SELECT count(*) FROM "_prisma_migrations"`).get();
  } catch (error) {
    throw new Error(`${file} is not a Switchboard backup (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    database?.close();
  }
}

/**
 * Leaving WAL mode needs the database to itself: it fails at once while a server (or any
 * process) has it open, which is the check that none does.
 */
function leaveWalMode(file: string) {
  const database = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    database.pragma("journal_mode = DELETE");
  } catch {
    throw new Error(`${file} is in use: stop every Switchboard process on it before restoring`);
  } finally {
    database.close();
  }
}

function syncFile(file: string) {
  const descriptor = openSync(file, "r+");
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
