import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { redeliverWebhook } from "@/lib/chat/products/webhooks";

export const POST = consoleRoute({ params: z.object({ appKey: z.string(), deliveryId: z.string() }), audit: "webhook.redeliver" }, async ({ params }) => {
  await redeliverWebhook({ appId: await findAppId(params.appKey), deliveryId: params.deliveryId });
  return { ok: true };
});
