import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { AppSettings, consoleSettingsView } from "@/lib/chat/base/apps/app-settings";

/** The settings are a zod schema in the core, so their view is typed from its serializer rather than the contract. */
export type SettingsView = ReturnType<typeof consoleSettingsView>;

const settingsKey = (appKey: string) => ["apps", "settings", appKey] as const;
const settingsPath = (appKey: string) => `/api/console/apps/${encodeURIComponent(appKey)}/settings`;

export const settingsQuery = (appKey: string) =>
  queryOptions({ queryKey: settingsKey(appKey), queryFn: ({ signal }) => requestJson<SettingsView>(settingsPath(appKey), { signal }) });

export function useUpdateSettings(appKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<Record<keyof AppSettings, unknown>>) => requestJson<SettingsView>(settingsPath(appKey), { method: "PATCH", body: changes }),
    onSuccess: (view) => queryClient.setQueryData(settingsKey(appKey), view),
  });
}
