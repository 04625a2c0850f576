import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";

export type WebhookEndpoint = { url: string; events: string[]; style: string };
export type WebhookAttempt = { attemptedAt: string; statusCode: number | null; latencyMs: number; error: string | null; responseExcerpt: string | null };
export type WebhookDelivery = {
  id: string;
  endpointUrl: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string;
  body: string;
  attemptLog: WebhookAttempt[];
};
export type EndpointsView = { endpoints: WebhookEndpoint[]; eventTypes: string[]; styles: string[] };
export type TestResult = { ok: boolean; statusCode: number | null; latencyMs: number; error: string | null; excerpt: string | null };

const keys = {
  endpoints: (appKey: string) => ["apps", "webhooks", appKey, "endpoints"] as const,
  deliveries: (appKey: string, status: string) => ["apps", "webhooks", appKey, "deliveries", status] as const,
};
const base = (appKey: string) => `/api/console/apps/${encodeURIComponent(appKey)}/webhooks`;

export const endpointsQuery = (appKey: string) =>
  queryOptions({
    queryKey: keys.endpoints(appKey),
    queryFn: ({ signal }) => requestJson<EndpointsView>(base(appKey), { signal }),
  });

export const deliveriesQuery = (appKey: string, status: string) =>
  queryOptions({
    queryKey: keys.deliveries(appKey, status),
    queryFn: ({ signal }) =>
      requestJson<{ deliveries: WebhookDelivery[] }>(`${base(appKey)}/deliveries?limit=50${status ? `&status=${status}` : ""}`, { signal }).then((answer) => answer.deliveries),
    // The log moves while the operator watches.
    refetchInterval: 5000,
  });

export function useWebhookMutations(appKey: string) {
  const queryClient = useQueryClient();
  const refreshEndpoints = (answer: { endpoints: WebhookEndpoint[] }) =>
    queryClient.setQueryData<EndpointsView>(keys.endpoints(appKey), (current) => current && { ...current, endpoints: answer.endpoints });
  return {
    add: useMutation({
      mutationFn: (endpoint: WebhookEndpoint) => requestJson<{ endpoints: WebhookEndpoint[] }>(base(appKey), { method: "POST", body: endpoint }),
      onSuccess: refreshEndpoints,
    }),
    remove: useMutation({
      mutationFn: (url: string) => requestJson<{ endpoints: WebhookEndpoint[] }>(base(appKey), { method: "DELETE", body: { url } }),
      onSuccess: refreshEndpoints,
    }),
    test: useMutation({
      mutationFn: (url: string) => requestJson<{ result: TestResult }>(`${base(appKey)}/test`, { method: "POST", body: { url } }).then((answer) => answer.result),
    }),
    redeliver: useMutation({
      mutationFn: (deliveryId: string) => requestJson(`${base(appKey)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: "POST", body: {} }),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: ["apps", "webhooks", appKey, "deliveries"] }),
    }),
  };
}
