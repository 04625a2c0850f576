/** v4: JSON envelopes; legacy: the older API's form callbacks. */
export type WebhookStyle = "v4" | "legacy";

/** Where an app's webhook events go: the event types it takes (none listed: all) and its style. */
export type WebhookEndpoint = { url: string; events: string[]; style: WebhookStyle };

/** The console's webhook page: the app's endpoints and what an endpoint may choose from. */
export type WebhookEndpointsView = { endpoints: WebhookEndpoint[]; eventTypes: readonly string[]; styles: readonly WebhookStyle[] };

/** One try to deliver an event; statusCode null when no answer came (refused, timed out). */
export type WebhookAttempt = { attemptedAt: string; statusCode: number | null; latencyMs: number; error: string | null; responseExcerpt: string | null };

/** An event in the delivery log, with every attempt; times as ISO strings. */
export type WebhookDelivery = {
  id: string;
  endpointUrl: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string;
  /** The request body, as the endpoint's style formats it. */
  body: string;
  attemptLog: WebhookAttempt[];
};

/** How a test event sent to an endpoint went. */
export type WebhookTestResult = { ok: boolean; statusCode: number | null; latencyMs: number; error: string | null; excerpt: string | null };
