import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findWebhookDeliveries } from "@/lib/chat/products/webhooks";

const query = z.object({ status: z.string().optional(), limit: z.coerce.number().optional() });

export const GET = consoleRoute({ app: true, query }, async ({ app, query }) => ({
  deliveries: await findWebhookDeliveries({ appId: app.id, ...query }),
}));
