import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { ChannelKind, ChannelOverview, ChannelPage } from "@/lib/contract";

export const channelKinds: { kind: ChannelKind; label: string; one: string; ending: string }[] = [
  { kind: "groups", label: "Groups", one: "group", ending: "Dismiss" },
  { kind: "open-channels", label: "Open channels", one: "open channel", ending: "Destroy" },
  { kind: "communities", label: "Communities", one: "community", ending: "Dismiss" },
];

const base = (appKey: string, kind: ChannelKind) => `/api/console/apps/${encodeURIComponent(appKey)}/channels/${kind}`;

export const channelsQuery = (appKey: string, kind: ChannelKind, q: string, after: string) =>
  queryOptions({
    queryKey: ["apps", appKey, "channels", kind, q, after],
    queryFn: ({ signal }) => requestJson<ChannelPage>(`${base(appKey, kind)}?${new URLSearchParams({ ...(q && { q }), ...(after && { after }) })}`, { signal }),
  });

export const channelQuery = (appKey: string, kind: ChannelKind, channelId: string) =>
  queryOptions({
    queryKey: ["apps", appKey, "channels", kind, "one", channelId],
    queryFn: ({ signal }) => requestJson<{ channel: ChannelOverview }>(`${base(appKey, kind)}/${encodeURIComponent(channelId)}`, { signal }).then((answer) => answer.channel),
  });

export function useEndChannel(appKey: string, kind: ChannelKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) => requestJson(`${base(appKey, kind)}/${encodeURIComponent(channelId)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["apps", appKey, "channels", kind] }),
  });
}
