import { db, secretSealer } from "../../../db/client";
import { isSealedSecret } from "../../../db/sealed-secrets";
import { env } from "../../../env";
import { log } from "../../../log";
import { ChatError } from "../errors";
import { sealedSecretSettings } from "./app-settings";

type StoredSecrets = { id: string; secret: string; previousSecret: string | null; tokenKey: string };

/**
 * At start: fails when a stored secret cannot be opened (sealed, and the key is missing or
 * another), and with a key seals the secrets of apps stored before it was set. Safe on
 * several nodes at once: a row is rewritten only if unchanged since it was read.
 */
export async function sealAppSecretsAtRest(): Promise<void> {
  // Raw: the model API answers secrets opened; this needs them as stored.
  const rows = await db.$queryRaw<StoredSecrets[]>`SELECT "id", "secret", "previousSecret", "tokenKey" FROM "App"`;
  const opened = await db.app.findMany({ select: { id: true, secret: true, previousSecret: true, tokenKey: true } });
  // Opens the push keys in settings too (throwing as above), and seals those stored as they are.
  const settings = (await db.app.findMany({ select: { id: true, settings: true } })).map((app) => ({ ...app, sealed: sealedSecretSettings(app.settings) }));
  if (!env.SWITCHBOARD_ENCRYPTION_KEY) {
    if (env.NODE_ENV === "production") log.warn("app secrets are stored as they are: set SWITCHBOARD_ENCRYPTION_KEY (openssl rand -hex 32) to seal them at rest");
    return;
  }
  const plain = new Map(opened.map((app) => [app.id, app]));
  let sealed = 0;
  for (const row of rows.filter(hasUnsealedSecret)) {
    const { secret, previousSecret, tokenKey } = plain.get(row.id)!;
    const { count } = await db.app.updateMany({
      where: { id: row.id, secret: row.secret, previousSecret: row.previousSecret, tokenKey: row.tokenKey },
      data: { secret, previousSecret, tokenKey },
    });
    sealed += count;
  }
  sealed += await sealSecretSettings(settings);
  if (sealed > 0) log.info("sealed the secrets of apps stored before SWITCHBOARD_ENCRYPTION_KEY was set", { rowsRewritten: sealed });
}

/** The push keys in apps' settings, sealed where they were stored as they are; how many apps changed. */
async function sealSecretSettings(stored: { id: string; settings: string; sealed: string | null }[]): Promise<number> {
  let sealed = 0;
  for (const app of stored.filter((each) => each.sealed !== null)) {
    sealed += (await db.app.updateMany({ where: { id: app.id, settings: app.settings }, data: { settings: app.sealed! } })).count;
  }
  return sealed;
}

function hasUnsealedSecret(row: StoredSecrets): boolean {
  return [row.secret, row.previousSecret, row.tokenKey].some((value) => value !== null && !isSealedSecret(value));
}

/** Passes over every app before a rotation gives up on values that keep arriving under the previous key. */
const rotationPasses = 5;

/**
 * `switchboard secrets rotate-key`: seals again, with SWITCHBOARD_ENCRYPTION_KEY, every secret
 * still under SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY (or stored as it is), while nodes serve on
 * (each opens either key). It finishes only when no value is left under the previous key: values
 * still arriving under it mean a node runs without the new key. Returns how many rows it rewrote.
 */
export async function rotateEncryptionKey(): Promise<{ rowsRewritten: number }> {
  if (!env.SWITCHBOARD_ENCRYPTION_KEY || !env.SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY) {
    throw new ChatError("invalidParameter", "Set SWITCHBOARD_ENCRYPTION_KEY to the new key and SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY to the one it replaces, here and on every node");
  }
  let rowsRewritten = 0;
  for (let pass = 0; pass < rotationPasses; pass++) {
    const stale = await findStaleSecrets();
    if (stale.length === 0) return { rowsRewritten };
    for (const app of stale) {
      const { count } = await db.app.updateMany({ where: app.stored, data: app.resealed });
      rowsRewritten += count;
    }
  }
  throw new ChatError("conflict", "Secrets keep arriving under the previous key: give every node SWITCHBOARD_ENCRYPTION_KEY (the new key), then run this again");
}

/** Apps with a value not sealed with the current key: the row as stored, and what to write (opened values are sealed on write). */
async function findStaleSecrets() {
  const rows = await db.$queryRaw<(StoredSecrets & { settings: string })[]>`SELECT "id", "secret", "previousSecret", "tokenKey", "settings" FROM "App"`;
  const opened = new Map((await db.app.findMany({ select: { id: true, secret: true, previousSecret: true, tokenKey: true } })).map((app) => [app.id, app]));
  const current = (value: string | null) => value === null || secretSealer.sealedWithCurrentKey(value);
  return rows.flatMap((row) => {
    const settings = sealedSecretSettings(row.settings, { rotating: true });
    const columnsCurrent = current(row.secret) && current(row.previousSecret) && current(row.tokenKey);
    if (columnsCurrent && settings === null) return [];
    const { secret, previousSecret, tokenKey } = opened.get(row.id)!;
    return [{ stored: { id: row.id, secret: row.secret, previousSecret: row.previousSecret, tokenKey: row.tokenKey, settings: row.settings }, resealed: { secret, previousSecret, tokenKey, ...(settings ? { settings } : {}) } }];
  });
}
