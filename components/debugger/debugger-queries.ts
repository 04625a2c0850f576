import { queryOptions, useMutation } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";

export type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; enum?: unknown[]; description?: string };
export type DebuggerEndpoint = { path: string; api: "v4" | "compatibility"; tag: string; summary: string; schema: JsonSchema };
export type SentRequest = {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  curl: string;
  response: { status: number; headers: Record<string, string>; body: string };
  durationMs: number;
};
export type LoggedRequest = {
  id: string;
  createdAt: string;
  method: string;
  path: string;
  status: number;
  code: number;
  latencyMs: number;
  callerIp: string;
  requestBody: string;
  responseBody: string;
};

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
      return requestJson<{ requests: LoggedRequest[]; nextCursor: string | null }>(`${base(appKey)}/requests?${query}`, { signal });
    },
  });

export function useSendRequest(appKey: string) {
  return useMutation({
    mutationFn: (input: { path: string; body: Record<string, unknown>; signatureVersion?: 1 | 2 }) => requestJson<SentRequest>(`${base(appKey)}/debugger/send`, { method: "POST", body: input }),
  });
}

/** Where the debugger opens with a request filled in (the request log's "Open in debugger"). */
export const debuggerLink = (appKey: string, path: string, body: string) =>
  `/apps/${encodeURIComponent(appKey)}/debugger?${new URLSearchParams({ path, body })}`;
