import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { sendTestEvent } from "@/lib/chat/products/webhooks";

export const POST = consoleRoute({ params: z.object({ appKey: z.string() }), body: z.object({ url: z.string() }), audit: "webhook.test" }, async ({ params, body }) => ({
  result: await sendTestEvent({ appId: await findAppId(params.appKey), url: body.url }),
}));
