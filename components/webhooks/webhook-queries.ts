import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointsView, WebhookTestResult } from "@/lib/contract";

const keys = {
  endpoints: (appKey: string) => ["apps", "webhooks", appKey, "endpoints"] as const,
  deliveries: (appKey: string, status: string) => ["apps", "webhooks", appKey, "deliveries", status] as const,
};
const base = (appKey: string) => `/api/console/apps/${encodeURIComponent(appKey)}/webhooks`;

export const endpointsQuery = (appKey: string) =>
  queryOptions({
    queryKey: keys.endpoints(appKey),
    queryFn: ({ signal }) => requestJson<WebhookEndpointsView>(base(appKey), { signal }),
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
    queryClient.setQueryData<WebhookEndpointsView>(keys.endpoints(appKey), (current) => current && { ...current, endpoints: answer.endpoints });
  return {
    add: useMutation({
      mutationFn: (endpoint: { url: string; events: string[]; style: string }) => requestJson<{ endpoints: WebhookEndpoint[] }>(base(appKey), { method: "POST", body: endpoint }),
      onSuccess: refreshEndpoints,
    }),
    remove: useMutation({
      mutationFn: (url: string) => requestJson<{ endpoints: WebhookEndpoint[] }>(base(appKey), { method: "DELETE", body: { url } }),
      onSuccess: refreshEndpoints,
    }),
    test: useMutation({
      mutationFn: (url: string) => requestJson<{ result: WebhookTestResult }>(`${base(appKey)}/test`, { method: "POST", body: { url } }).then((answer) => answer.result),
    }),
    redeliver: useMutation({
      mutationFn: (deliveryId: string) => requestJson(`${base(appKey)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: "POST", body: {} }),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: ["apps", "webhooks", appKey, "deliveries"] }),
    }),
  };
}
