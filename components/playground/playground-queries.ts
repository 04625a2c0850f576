import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { IssuedToken, WebhookDelivery } from "@/lib/contract";

const base = (appKey: string) => `/api/console/apps/${encodeURIComponent(appKey)}`;
const keys = {
  deliveries: (appKey: string) => ["apps", appKey, "playground", "deliveries"] as const,
  users: (appKey: string) => ["apps", appKey, "users"] as const,
};

/** The webhooks the app's endpoints were sent lately (the Webhooks page's delivery log), polled while the playground is open. */
export const playgroundDeliveriesQuery = (appKey: string) =>
  queryOptions({
    queryKey: keys.deliveries(appKey),
    queryFn: ({ signal }) => requestJson<{ deliveries: WebhookDelivery[] }>(`${base(appKey)}/webhooks/deliveries?limit=50`, { signal }).then((answer) => answer.deliveries),
    refetchInterval: 2000,
  });

/** Access tokens for the chosen users, issued on the server to the signed-in admin (and audited). */
export function useIssueTokens(appKey: string) {
  return useMutation({
    mutationFn: (userIds: string[]) => requestJson<{ tokens: IssuedToken[] }>(`${base(appKey)}/playground/tokens`, { method: "POST", body: { userIds } }).then((answer) => answer.tokens),
  });
}

/** Registers a test user and answers its first token; the app's user list then shows it. */
export function useCreateTestUser(appKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: { userId: string; name: string }) => requestJson<{ token: IssuedToken }>(`${base(appKey)}/playground/users`, { method: "POST", body: user }).then((answer) => answer.token),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users(appKey) }),
  });
}
