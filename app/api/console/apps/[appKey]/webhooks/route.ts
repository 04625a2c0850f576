import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { getAppSettings } from "@/lib/chat/base/apps/app-settings";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { addWebhookEndpoint, removeWebhookEndpoint } from "@/lib/chat/products/webhooks";
import { webhookEventTypes, webhookStyles } from "@/lib/chat/base/webhooks/webhook-events";

const params = z.object({ appKey: z.string() });

export const GET = consoleRoute({ params }, async ({ params }) => ({
  endpoints: (await getAppSettings(await findAppId(params.appKey))).webhookEndpoints,
  eventTypes: webhookEventTypes,
  styles: webhookStyles,
}));

const endpoint = z.object({ url: z.string(), events: z.array(z.string()).default([]), style: z.string().optional() });

export const POST = consoleRoute({ params, body: endpoint, status: 201, audit: "webhook.add" }, async ({ params, body }) => ({
  endpoints: await addWebhookEndpoint({ appKey: params.appKey, ...body }),
}));

export const DELETE = consoleRoute({ params, body: z.object({ url: z.string() }), audit: "webhook.remove" }, async ({ params, body }) => ({
  endpoints: await removeWebhookEndpoint({ appKey: params.appKey, url: body.url }),
}));
