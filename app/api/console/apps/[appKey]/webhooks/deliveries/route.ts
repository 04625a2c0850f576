import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { findWebhookDeliveries } from "@/lib/chat/products/webhooks";

const query = z.object({ status: z.string().optional(), limit: z.coerce.number().optional() });

export const GET = consoleRoute({ params: z.object({ appKey: z.string() }), query }, async ({ params, query }) => ({
  deliveries: await findWebhookDeliveries({ appId: await findAppId(params.appKey), ...query }),
}));
