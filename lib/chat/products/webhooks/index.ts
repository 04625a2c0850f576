export { deliverDueWebhooks, pruneWebhookDeliveries } from "./deliver-webhooks";
export { sendTestEvent } from "./send-test-event";
export { addWebhookEndpoint, removeWebhookEndpoint } from "./webhook-endpoints";
export { findWebhookDeliveries, redeliverWebhook } from "./webhook-log";
