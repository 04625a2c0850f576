import { randomBytes } from "node:crypto";
import { db } from "../../../db/client";

/**
 * A random value generated once per installation and kept in the database, so that
 * every node reads the same one (e.g. the key that signs console sessions).
 */
export async function getInstallationSecret(name: string): Promise<string> {
  const existing = await db.installationSetting.findUnique({ where: { key: name } });
  if (existing) return existing.value;
  try {
    const created = await db.installationSetting.create({ data: { key: name, value: randomBytes(32).toString("base64url") } });
    return created.value;
  } catch {
    // Another node created it first.
    const winner = await db.installationSetting.findUniqueOrThrow({ where: { key: name } });
    return winner.value;
  }
}
