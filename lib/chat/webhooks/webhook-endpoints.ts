import { changeAppSettings } from "../apps/app-settings";
import { findAppId } from "../apps/find-apps";
import { ChatError } from "../errors";
import { webhookEventTypeSchema } from "./webhook-events";

type Endpoint = { url: string; events: string[] };

/** Adds (or replaces, by URL) a webhook endpoint of an app; no events means every event. */
export async function addWebhookEndpoint(input: { appKey: string; url: string; events: string[] }): Promise<Endpoint[]> {
  const events = input.events.map((event) => {
    const parsed = webhookEventTypeSchema.safeParse(event);
    if (!parsed.success) throw new ChatError("invalidParameter", parsed.error.issues[0]!.message);
    return parsed.data;
  });
  const settings = await changeAppSettings(await findAppId(input.appKey), (current) => ({
    webhookEndpoints: [...current.webhookEndpoints.filter((endpoint) => endpoint.url !== input.url), { url: input.url, events }],
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
