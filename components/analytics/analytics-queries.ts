import { queryOptions } from "@tanstack/react-query";
import { requestJson } from "@/components/api/request-json";
import type { AnalyticsRange, getAnalytics, getOverview } from "@/lib/chat/base/analytics/read-analytics";

export type Overview = Awaited<ReturnType<typeof getOverview>>;
export type Analytics = Awaited<ReturnType<typeof getAnalytics>>;
export type { AnalyticsRange };

const base = (appKey: string) => `/api/console/apps/${encodeURIComponent(appKey)}/analytics`;

/** Usage is saved every few seconds; the figures follow at about that pace. */
export const overviewQuery = (appKey: string) =>
  queryOptions({
    queryKey: ["apps", appKey, "analytics", "overview"],
    queryFn: ({ signal }) => requestJson<Overview>(`${base(appKey)}/overview`, { signal }),
    refetchInterval: 5000,
  });

export const analyticsQuery = (appKey: string, range: AnalyticsRange) =>
  queryOptions({
    queryKey: ["apps", appKey, "analytics", range],
    queryFn: ({ signal }) => requestJson<Analytics>(`${base(appKey)}?range=${range}`, { signal }),
    refetchInterval: 30_000,
  });
