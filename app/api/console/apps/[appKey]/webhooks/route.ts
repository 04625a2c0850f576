import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { getAppSettings } from "@/lib/chat/base/apps/app-settings";
import { addWebhookEndpoint, removeWebhookEndpoint } from "@/lib/chat/products/webhooks";
import { webhookEventTypes, webhookStyles } from "@/lib/chat/base/webhooks/webhook-events";
import type { WebhookEndpointsView } from "@/lib/contract";

export const GET = consoleRoute({ app: true }, async ({ app }): Promise<WebhookEndpointsView> => ({
  endpoints: (await getAppSettings(app.id)).webhookEndpoints,
  eventTypes: webhookEventTypes,
  styles: webhookStyles,
}));

const endpoint = z.object({ url: z.string(), events: z.array(z.string()).default([]), style: z.string().optional() });

export const POST = consoleRoute({ app: true, body: endpoint, status: 201, audit: "webhook.add" }, async ({ app, body }) => ({
  endpoints: await addWebhookEndpoint({ appKey: app.appKey, ...body }),
}));

export const DELETE = consoleRoute({ app: true, body: z.object({ url: z.string() }), audit: "webhook.remove" }, async ({ app, body }) => ({
  endpoints: await removeWebhookEndpoint({ appKey: app.appKey, url: body.url }),
}));
