import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { sendTestEvent } from "@/lib/chat/products/webhooks";

export const POST = consoleRoute({ app: true, body: z.object({ url: z.string() }), audit: "webhook.test" }, async ({ app, body }) => ({
  result: await sendTestEvent({ appId: app.id, url: body.url }),
}));
