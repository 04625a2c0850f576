import { createHmac } from "node:crypto";
import { z } from "zod";
import { appCache } from "../../base/apps/app-cache";
import { getAppSettings } from "../../base/apps/app-settings";
import { matchesAny, verifyingSecrets } from "../../base/apps/app-signature";
import { ChatError } from "../../base/errors";
import type { SignedOperation } from "../../base/apps/signed-operations";

/** A signature older or newer than this, by its timestamp, is refused: the app server signs just before the client acts. */
export const operationSignatureWindowMs = 5 * 60 * 1000;

const signatureSchema = z.object({ timestamp: z.number().int(), value: z.string().regex(/^[0-9a-fA-F]{64}$/) });

/** What the app server signs: the operation, the user, the conversation and the timestamp (Unix ms), joined by newlines. */
export function operationSignatureText(input: { operation: SignedOperation; userId: string; conversation: string; timestamp: number }): string {
  return [input.operation, input.userId, input.conversation, String(input.timestamp)].join("\n");
}

export function computeOperationSignature(secret: string, input: Parameters<typeof operationSignatureText>[0]): string {
  return createHmac("sha256", secret).update(operationSignatureText(input)).digest("hex");
}

const refused = (message: string) => new ChatError("operationSignatureRejected", message);

/**
 * Lets a client operation through only if the app does not require its server's signature
 * for it (setting `operationSignatures`), or `signature` (the RPC's `signature` field,
 * `{timestamp, value}`) is the hex HMAC-SHA256, keyed with the App Secret, of
 * `operationSignatureText`. `conversation` names what the operation is about: the
 * conversation's id as the client names it (a community's subchannel as
 * `<communityId>/<subchannelId>`), or for "create" the sorted member ids joined by commas.
 */
export async function checkOperationSignature(input: {
  appId: string;
  appKey: string;
  operation: SignedOperation;
  userId: string;
  conversation: string;
  signature: unknown;
  now?: number;
}): Promise<void> {
  const { operationSignatures } = await getAppSettings(input.appId);
  if (!operationSignatures.includes(input.operation)) return;
  const parsed = signatureSchema.safeParse(input.signature);
  if (!parsed.success) throw refused(`This app requires its server's signature for "${input.operation}": pass signature {timestamp, value} (hex HMAC-SHA256)`);
  const now = input.now ?? Date.now();
  const { timestamp, value } = parsed.data;
  if (Math.abs(now - timestamp) > operationSignatureWindowMs) throw refused("The operation signature's timestamp is more than 5 minutes away from the server's time");
  const app = await appCache.get(input.appKey);
  const signed = { operation: input.operation, userId: input.userId, conversation: input.conversation, timestamp };
  if (!app || !matchesAny(value, verifyingSecrets(app, now), (secret) => computeOperationSignature(secret, signed))) {
    throw refused(`The operation signature does not match: expected hex HMAC-SHA256, keyed with the App Secret, of "${operationSignatureText(signed).replaceAll("\n", "\\n")}"`);
  }
}
