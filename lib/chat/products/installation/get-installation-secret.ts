import { randomBytes } from "node:crypto";
import { db } from "../../../db/client";

/**
 * A random value generated once per installation and kept in the database, so that
 * every node reads the same one (e.g. the key that signs console sessions).
 */
export function getInstallationSecret(name: string): Promise<string> {
  return getOrCreateSetting(name, () => randomBytes(32).toString("base64url"));
}

/** This installation's short identity, the same on every node: e.g. its prefix on a Redis shared with others. */
export function getInstallationId(): Promise<string> {
  return getOrCreateSetting("installation-id", () => randomBytes(9).toString("base64url"));
}

async function getOrCreateSetting(name: string, generate: () => string): Promise<string> {
  const existing = await db.installationSetting.findUnique({ where: { key: name } });
  if (existing) return existing.value;
  try {
    const created = await db.installationSetting.create({ data: { key: name, value: generate() } });
    return created.value;
  } catch {
    // Another node created it first.
    const winner = await db.installationSetting.findUniqueOrThrow({ where: { key: name } });
    return winner.value;
  }
}
