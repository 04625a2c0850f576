import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { redeliverWebhook } from "@/lib/chat/products/webhooks";

export const POST = consoleRoute({ app: true, params: z.object({ deliveryId: z.string() }), audit: "webhook.redeliver" }, async ({ app, params }) => {
  await redeliverWebhook({ appId: app.id, deliveryId: params.deliveryId });
  return { ok: true };
});
