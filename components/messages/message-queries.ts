import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { StoredMessage, StoredMessagePage } from "@/lib/contract";

const base = (appKey: string) => `/api/console/apps/${encodeURIComponent(appKey)}/messages`;

export const messagesQuery = (appKey: string, filters: Record<string, string>, before: string) =>
  queryOptions({
    queryKey: ["apps", appKey, "messages", filters, before],
    queryFn: ({ signal }) =>
      requestJson<StoredMessagePage>(`${base(appKey)}?${new URLSearchParams({ ...filters, ...(before && { before }) })}`, { signal }),
  });

export const messageQuery = (appKey: string, messageId: string) =>
  queryOptions({
    queryKey: ["apps", appKey, "messages", "one", messageId],
    queryFn: ({ signal }) => requestJson<{ message: StoredMessage }>(`${base(appKey)}/${encodeURIComponent(messageId)}`, { signal }).then((answer) => answer.message),
  });

export const exportUrl = (appKey: string, filters: Record<string, string>, format: "csv" | "jsonl") => `${base(appKey)}/export?${new URLSearchParams({ ...filters, format })}`;

export function useRecallMessage(appKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => requestJson(`${base(appKey)}/${encodeURIComponent(messageId)}/recall`, { method: "POST", body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["apps", appKey, "messages"] }),
  });
}
