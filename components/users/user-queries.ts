import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { BannedUser, ConsoleUserPage, UserAction, UserOverview } from "@/lib/contract";

const base = (appKey: string) => `/api/console/apps/${encodeURIComponent(appKey)}`;
const keys = {
  all: (appKey: string) => ["apps", appKey, "users"] as const,
  bans: (appKey: string, filter: string) => ["apps", appKey, "users", "bans", filter] as const,
};

export const userSearchQuery = (appKey: string, q: string, after: string) =>
  queryOptions({
    queryKey: [...keys.all(appKey), "search", q, after],
    queryFn: ({ signal }) =>
      requestJson<ConsoleUserPage>(`${base(appKey)}/users?${new URLSearchParams({ ...(q && { q }), ...(after && { after }) })}`, { signal }),
  });

export const userQuery = (appKey: string, userId: string) =>
  queryOptions({
    queryKey: [...keys.all(appKey), "user", userId],
    queryFn: ({ signal }) => requestJson<{ user: UserOverview }>(`${base(appKey)}/users/${encodeURIComponent(userId)}`, { signal }).then((answer) => answer.user),
    // Sessions come and go: keep the page current.
    refetchInterval: 5000,
  });

export const bansQuery = (appKey: string, filter: string) =>
  queryOptions({
    queryKey: keys.bans(appKey, filter),
    queryFn: ({ signal }) =>
      requestJson<{ users: BannedUser[] }>(`${base(appKey)}/bans${filter ? `?userId=${encodeURIComponent(filter)}` : ""}`, { signal }).then(
        (answer) => answer.users,
      ),
  });

export function useUserAction(appKey: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { action: UserAction; durationMinutes?: number; forever?: true; removeMessages?: boolean }) => {
      const { action, ...body } = input;
      return requestJson(`${base(appKey)}/users/${encodeURIComponent(userId)}/${action}`, { method: "POST", body });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all(appKey) }),
  });
}

export function useBulkUnban(appKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userIds: string[]) => requestJson(`${base(appKey)}/bans/unban`, { method: "POST", body: { userIds } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all(appKey) }),
  });
}

/** Bans that never end are stored with the year 9999. */
export const isForever = (until: string) => until.startsWith("9999");
