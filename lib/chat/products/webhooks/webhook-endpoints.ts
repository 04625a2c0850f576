import { type AppSettings, changeAppSettings } from "../../base/apps/app-settings";
import { findAppId } from "../../base/apps/find-apps";
import { ChatError, parseInput } from "../../base/errors";
import { webhookEventTypeSchema, webhookStyleSchema } from "../../base/webhooks/webhook-events";

type Endpoint = AppSettings["webhookEndpoints"][number];

/** Adds (or replaces, by URL) a webhook endpoint of an app; no events means every event; v4 style unless told. */
export async function addWebhookEndpoint(input: { appKey: string; url: string; events: string[]; style?: string }): Promise<Endpoint[]> {
  const events = input.events.map((event) => {
    const parsed = webhookEventTypeSchema.safeParse(event);
    if (!parsed.success) throw new ChatError("invalidParameter", parsed.error.issues[0]!.message);
    return parsed.data;
  });
  const style = parseInput(webhookStyleSchema, input.style ?? "v4");
  const settings = await changeAppSettings(await findAppId(input.appKey), (current) => ({
    webhookEndpoints: [...current.webhookEndpoints.filter((endpoint) => endpoint.url !== input.url), { url: input.url, events, style }],
  }));
  return settings.webhookEndpoints;
}

export async function removeWebhookEndpoint(input: { appKey: string; url: string }): Promise<Endpoint[]> {
  const settings = await changeAppSettings(await findAppId(input.appKey), (current) => {
    if (!current.webhookEndpoints.some((endpoint) => endpoint.url === input.url)) throw new ChatError("notFound", `The app has no webhook endpoint ${input.url}`);
    return { webhookEndpoints: current.webhookEndpoints.filter((endpoint) => endpoint.url !== input.url) };
  });
  return settings.webhookEndpoints;
}
