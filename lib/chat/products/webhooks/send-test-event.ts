import { randomUUID } from "node:crypto";
import type { WebhookTestResult } from "../../../contract";
import { db } from "../../../db/client";
import { getAppSettings } from "../../base/apps/app-settings";
import { signCallbackUrl } from "../../base/apps/app-signature";
import { ChatError } from "../../base/errors";
import { post } from "./deliver-webhooks";
import { legacyConnectionStatus } from "../../base/webhooks/legacy-callbacks";

/**
 * Sends a `webhook:test` event to one of the app's endpoints now, signed like every
 * delivery, and tells how it went; nothing goes through the outbox. Older-style endpoints
 * get an online-status array for a user named "switchboard-test".
 */
export async function sendTestEvent(input: { appId: string; url: string }): Promise<WebhookTestResult> {
  const app = await db.app.findUniqueOrThrow({ where: { id: input.appId }, select: { key: true, secret: true } });
  const { webhookEndpoints } = await getAppSettings(input.appId);
  const endpoint = webhookEndpoints.find((candidate) => candidate.url === input.url);
  if (!endpoint) throw new ChatError("notFound", `The app has no webhook endpoint ${input.url}`);
  const time = Date.now();
  const request =
    endpoint.style === "legacy"
      ? legacyConnectionStatus({ userId: "switchboard-test", status: "0", os: "web", time, clientIp: "127.0.0.1", sessionId: randomUUID() })
      : { contentType: "application/json", body: JSON.stringify({ type: "webhook:test", id: randomUUID(), time, data: [{ appKey: app.key }] }) };
  const started = Date.now();
  const outcome = await post(signCallbackUrl(endpoint.url, app), request);
  return { ...outcome, latencyMs: Date.now() - started, ok: outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300 };
}
