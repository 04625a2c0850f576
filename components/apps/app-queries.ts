import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { AppEnvironment, AppView } from "@/lib/contract";

/** Every cache key of the apps feature, from the widest to the narrowest. */
export const appKeys = {
  all: ["apps"] as const,
  list: () => [...appKeys.all, "list"] as const,
  detail: (appKey: string) => [...appKeys.all, "detail", appKey] as const,
  secret: (appKey: string) => [...appKeys.all, "secret", appKey] as const,
};

const appPath = (appKey: string) => `/api/console/apps/${encodeURIComponent(appKey)}`;

const fetchApps = (signal: AbortSignal) => requestJson<{ apps: AppView[] }>("/api/console/apps", { signal }).then((answer) => answer.apps);

const fetchApp = (appKey: string, signal: AbortSignal) =>
  requestJson<{ app: AppView }>(appPath(appKey), { signal }).then((answer) => answer.app);

const fetchAppSecret = (appKey: string, signal: AbortSignal) =>
  requestJson<{ app: Required<AppView> }>(`${appPath(appKey)}/secret`, { signal }).then((answer) => answer.app.appSecret);

export const appsQuery = () => queryOptions({ queryKey: appKeys.list(), queryFn: ({ signal }) => fetchApps(signal) });

export const appQuery = (appKey: string) => queryOptions({ queryKey: appKeys.detail(appKey), queryFn: ({ signal }) => fetchApp(appKey, signal) });

/** An App Secret stays in memory only while something on screen shows it. */
export const appSecretQuery = (appKey: string) =>
  queryOptions({ queryKey: appKeys.secret(appKey), queryFn: ({ signal }) => fetchAppSecret(appKey, signal), gcTime: 0 });

export function useCreateApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; environment: AppEnvironment }) =>
      requestJson<{ app: AppView }>("/api/console/apps", { method: "POST", body: input }).then((answer) => answer.app),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.list() }),
  });
}

export function useRotateAppSecret(appKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { graceHours: number }) =>
      requestJson<{ app: Required<AppView> }>(`${appPath(appKey)}/rotate-secret`, { method: "POST", body: input }).then((answer) => answer.app),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: appKeys.detail(appKey) }),
        queryClient.invalidateQueries({ queryKey: appKeys.secret(appKey) }),
      ]),
  });
}

export function useDeleteApp(appKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirmName: string) => requestJson(appPath(appKey), { method: "DELETE", body: { confirmName } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.all }),
  });
}
