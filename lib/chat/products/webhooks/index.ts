// Webhook endpoints, their delivery from the outbox, the delivery log and test events.
// The public face of this product: other folders import from here, never from its files.
export { countPendingWebhooks, deliverDueWebhooks, pruneWebhookDeliveries } from "./deliver-webhooks";
export { sendTestEvent } from "./send-test-event";
export { addWebhookEndpoint, removeWebhookEndpoint } from "./webhook-endpoints";
export { findWebhookDeliveries, redeliverWebhook } from "./webhook-log";
