import { queryOptions, useMutation } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { ApiRequestPage, DebuggerEndpoint, DebuggerExchange } from "@/lib/contract";

const base = (appKey: string) => `/api/console/apps/${encodeURIComponent(appKey)}`;

export const endpointsQuery = (appKey: string) =>
  queryOptions({
    queryKey: ["debugger", "endpoints"],
    queryFn: ({ signal }) => requestJson<{ endpoints: DebuggerEndpoint[] }>(`${base(appKey)}/debugger`, { signal }).then((answer) => answer.endpoints),
    staleTime: Infinity,
  });

export const requestLogQuery = (appKey: string, filters: { path: string; status: string; before: string }) =>
  queryOptions({
    queryKey: ["apps", appKey, "requests", filters],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
      return requestJson<ApiRequestPage>(`${base(appKey)}/requests?${query}`, { signal });
    },
  });

export function useSendRequest(appKey: string) {
  return useMutation({
    mutationFn: (input: { path: string; body: Record<string, unknown>; signatureVersion?: 1 | 2 }) => requestJson<DebuggerExchange>(`${base(appKey)}/debugger/send`, { method: "POST", body: input }),
  });
}

/** Where the debugger opens with a request filled in (the request log's "Open in debugger"). */
export const debuggerLink = (appKey: string, path: string, body: string) =>
  `/apps/${encodeURIComponent(appKey)}/debugger?${new URLSearchParams({ path, body })}`;
