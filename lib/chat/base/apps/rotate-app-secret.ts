import type { AppView } from "../../../contract";
import { db } from "../../../db/client";
import { ChatError } from "../errors";
import { appCache } from "./app-cache";
import { generateSecret } from "./app-credentials";
import { toAppView } from "./app-view";

/** Longest grace period an operator may choose: 30 days. */
export const maxRotationGraceHours = 24 * 30;

/**
 * Gives the app a new secret. The old one keeps verifying signatures for `graceHours`
 * (default 24) so app servers can be redeployed without an outage; 0 ends it at once.
 */
export async function rotateAppSecret(input: { appKey: string; graceHours?: number }): Promise<AppView> {
  const graceHours = input.graceHours ?? 24;
  if (!Number.isFinite(graceHours) || graceHours < 0 || graceHours > maxRotationGraceHours) {
    throw new ChatError("invalidParameter", `graceHours must be between 0 and ${maxRotationGraceHours}`);
  }
  const current = await db.app.findUnique({ where: { key: input.appKey } });
  if (!current) throw new ChatError("notFound", `No app has the App Key ${input.appKey}`);
  const app = await db.app.update({
    where: { id: current.id },
    data: {
      secret: generateSecret(),
      previousSecret: graceHours > 0 ? current.secret : null,
      previousSecretExpiresAt: graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null,
    },
  });
  await appCache.invalidate(app.key);
  return toAppView(app, { withSecret: true });
}
