"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ErrorMessage } from "@/components/ui/field";
import { overviewQuery, type Overview } from "./analytics-queries";
import { formatBucket, formatCount, formatRate } from "./chart-format";
import { Sparkline } from "./sparkline";

type Trend = Overview["trends"][keyof Overview["trends"]];

/** The app's figures at a glance: today so far and now, each over its recent trend. */
export function OverviewStats({ appKey }: { appKey: string }) {
  const overview = useQuery(overviewQuery(appKey));
  if (overview.isError) return <ErrorMessage>{overview.error.message}</ErrorMessage>;
  const data = overview.data;
  return (
    <section aria-labelledby="overview-stats" className="mb-8">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 id="overview-stats" className="text-base font-semibold text-slate-900">
          Today <span className="text-sm font-normal text-slate-500">(UTC)</span>
        </h2>
        <Link href={`/apps/${encodeURIComponent(appKey)}/analytics`} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
          Analytics →
        </Link>
      </div>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-3 xl:grid-cols-6">
        <StatTile label="Messages" value={data && formatCount(data.messagesToday)} trend={data?.trends.messages} span="day" format={countOrDash} />
        <StatTile label="Active users" value={data && formatCount(data.activeUsersToday)} trend={data?.trends.activeUsers} span="day" format={countOrDash} />
        <StatTile label="Connected now" value={data && formatCount(data.connectedNow)} trend={data?.trends.peakConnections} span="hour" format={countOrDash} hint="peak per hour" />
        <StatTile label="API calls" value={data && formatCount(data.apiCallsToday)} trend={data?.trends.apiCalls} span="day" format={countOrDash} />
        <StatTile label="API error rate" value={data && formatRate(data.apiErrorRateToday)} trend={data?.trends.apiErrorRate} span="day" format={formatRate} color="#ef4444" />
        <StatTile label="Webhook success" value={data && formatRate(data.webhookSuccessRateToday)} trend={data?.trends.webhookSuccessRate} span="day" format={formatRate} color="#10b981" />
      </div>
    </section>
  );
}

const countOrDash = (value: number | null) => (value === null ? "—" : formatCount(value));

function StatTile(props: { label: string; value?: string; trend?: Trend; span: "hour" | "day"; format: (value: number | null) => string; color?: string; hint?: string }) {
  const { label, value, trend, span } = props;
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-busy={value === undefined}>
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 flex items-baseline gap-2">
        {value === undefined ? <span className="block h-7 w-16 animate-pulse rounded bg-slate-200" /> : <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid={`stat-${label}`}>{value}</span>}
      </p>
      <div className="mt-2">
        {trend ? (
          <Sparkline
            points={trend.map((point) => ({ label: formatBucket(span, point.start), value: point.value }))}
            label={`${label}, ${span === "hour" ? "last 24 hours" : "last 14 days"}${props.hint ? `, ${props.hint}` : ""}`}
            format={props.format}
            color={props.color}
          />
        ) : (
          <div className="h-12 animate-pulse rounded bg-slate-100" />
        )}
      </div>
    </div>
  );
}
