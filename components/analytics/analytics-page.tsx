"use client";

import { useQuery } from "@tanstack/react-query";
import { type ReactElement, useState } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorMessage } from "@/components/ui/field";
import { SkeletonRows } from "@/components/ui/skeleton";
import { type Analytics, type AnalyticsRange, analyticsQuery } from "./analytics-queries";
import { formatBucket, formatCount, formatMonthShort, formatMs } from "./chart-format";

const ranges: { range: AnalyticsRange; label: string }[] = [
  { range: "24h", label: "24 hours" },
  { range: "7d", label: "7 days" },
  { range: "30d", label: "30 days" },
  { range: "90d", label: "90 days" },
];

const channelTypes = [
  { key: "direct", label: "Direct", color: "#6366f1" },
  { key: "group", label: "Group", color: "#10b981" },
  { key: "community", label: "Community", color: "#0ea5e9" },
  { key: "open", label: "Open channel", color: "#f59e0b" },
  { key: "system", label: "System", color: "#64748b" },
] as const;

export function AnalyticsPage({ appKey }: { appKey: string }) {
  const [range, setRange] = useState<AnalyticsRange>("7d");
  const analytics = useQuery({ ...analyticsQuery(appKey, range), placeholderData: (previous) => previous });
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Usage of this app over time, in UTC hours or days. Figures follow within seconds."
        action={<RangePicker range={range} onChange={setRange} />}
      />
      {analytics.isPending && (
        <Card>
          <SkeletonRows label="Loading analytics" rows={8} />
        </Card>
      )}
      {analytics.isError && <ErrorMessage>{analytics.error.message}</ErrorMessage>}
      {analytics.data && <Charts data={analytics.data} />}
    </>
  );
}

function RangePicker({ range, onChange }: { range: AnalyticsRange; onChange: (range: AnalyticsRange) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex rounded-lg bg-white p-1 shadow-sm ring-1 ring-slate-200">
      {ranges.map((option) => (
        <button
          key={option.range}
          type="button"
          aria-pressed={option.range === range}
          onClick={() => onChange(option.range)}
          className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${option.range === range ? "bg-indigo-600 text-white" : "text-slate-600 hover:text-slate-900"}`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

function Charts({ data }: { data: Analytics }) {
  const label = (iso: string) => formatBucket(data.span, iso);
  const buckets = data.buckets.map((bucket) => ({ ...bucket, label: label(bucket.start), ...bucket.messages, ...bucket.latencyMs }));
  const total = (pick: (bucket: Analytics["buckets"][number]) => number) => data.buckets.reduce((sum, bucket) => sum + pick(bucket), 0);
  const messages = total((bucket) => Object.values(bucket.messages).reduce((sum, count) => sum + count, 0));
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <ChartCard title="Messages by channel type" figure={`${formatCount(messages)} messages`}>
        <BarChart data={buckets}>
          <Axes />
          {channelTypes.map((type) => (
            <Bar key={type.key} dataKey={type.key} name={type.label} stackId="messages" fill={type.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartCard>
      <ActiveUsersCard activeUsers={data.activeUsers} />
      <ChartCard title="Peak concurrent connections" figure={`highest ${formatCount(Math.max(0, ...data.buckets.map((bucket) => bucket.peakConnections)))}`}>
        <LineChart data={buckets}>
          <Axes />
          <Line type="monotone" dataKey="peakConnections" name="Peak connections" stroke="#6366f1" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
        </LineChart>
      </ChartCard>
      <ChartCard title="Message latency" figure={`received to stored and delivered: p50 ${formatMs(data.latencyMs.p50)}, p99 ${formatMs(data.latencyMs.p99)}`}>
        <LineChart data={buckets}>
          <Axes formatValue={formatMs} />
          {latencyLines.map((line) => (
            <Line key={line.key} type="monotone" dataKey={line.key} name={line.key} stroke={line.color} strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ChartCard>
      <ChartCard title="Platform API calls" figure={`${formatCount(total((bucket) => bucket.apiCalls))} calls, ${formatCount(total((bucket) => bucket.apiErrors))} errors`}>
        <BarChart data={buckets.map((bucket) => ({ ...bucket, succeeded: bucket.apiCalls - bucket.apiErrors }))}>
          <Axes />
          <Bar dataKey="succeeded" name="Succeeded" stackId="calls" fill="#6366f1" isAnimationActive={false} />
          <Bar dataKey="apiErrors" name="Errors" stackId="calls" fill="#ef4444" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard
        title="Webhook deliveries"
        figure={`${formatCount(total((bucket) => bucket.webhooksDelivered))} delivered, ${formatCount(total((bucket) => bucket.webhookAttemptsFailed))} failed attempts`}
      >
        <BarChart data={buckets}>
          <Axes />
          <Bar dataKey="webhooksDelivered" name="Delivered" fill="#10b981" isAnimationActive={false} />
          <Bar dataKey="webhookAttemptsFailed" name="Failed attempts" fill="#f59e0b" isAnimationActive={false} />
          <Bar dataKey="webhooksGaveUp" name="Given up" fill="#ef4444" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Open channel messages dropped under load" figure={`${formatCount(total((bucket) => bucket.openChannelMessagesDropped))} dropped`}>
        <BarChart data={buckets}>
          <Axes />
          <Bar dataKey="openChannelMessagesDropped" name="Dropped" fill="#f59e0b" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard
        title="Push notifications"
        figure={`${formatCount(total((bucket) => sumPushes(bucket, "delivered")))} delivered, ${formatCount(total((bucket) => sumPushes(bucket, "failed")))} failed, ${formatCount(total((bucket) => sumPushes(bucket, "tokenGone")))} dead tokens removed`}
      >
        <BarChart data={buckets.map((bucket) => ({ ...bucket, failed: sumPushes(bucket, "failed"), tokenGone: sumPushes(bucket, "tokenGone") }))}>
          <Axes />
          {pushBars.map((bar) => (
            <Bar key={bar.key} dataKey={`pushes.${bar.key}.delivered`} name={`${bar.name} delivered`} stackId="delivered" fill={bar.color} isAnimationActive={false} />
          ))}
          <Bar dataKey="failed" name="Failed" fill="#ef4444" isAnimationActive={false} />
          <Bar dataKey="tokenGone" name="Dead tokens removed" fill="#94a3b8" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard
        title="History housekeeping"
        figure={`${formatCount(total((bucket) => bucket.messagesExpired))} messages past retention, ${formatCount(total((bucket) => bucket.conversationsRemoved))} inactive conversations removed`}
      >
        <BarChart data={buckets}>
          <Axes />
          <Bar dataKey="messagesExpired" name="Messages past retention" fill="#94a3b8" isAnimationActive={false} />
          <Bar dataKey="conversationsRemoved" name="Inactive conversations" fill="#64748b" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <div className="xl:col-span-2">
        <EndpointsCard endpoints={data.endpoints} />
      </div>
    </div>
  );
}

const pushBars = [
  { key: "fcm", name: "FCM", color: "#10b981" },
  { key: "apns", name: "APNs", color: "#6366f1" },
  { key: "webhook", name: "Push webhook", color: "#0ea5e9" },
] as const;

const sumPushes = (bucket: Analytics["buckets"][number], outcome: "delivered" | "failed" | "tokenGone") => pushBars.reduce((sum, bar) => sum + bucket.pushes[bar.key][outcome], 0);

const latencyLines = [
  { key: "p50", color: "#10b981" },
  { key: "p95", color: "#f59e0b" },
  { key: "p99", color: "#ef4444" },
] as const;

/** Grid, axes, tooltip and legend shared by the time charts; values are counts unless told. */
function Axes({ formatValue = formatCount }: { formatValue?: (value: number) => string }) {
  return (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} minTickGap={16} />
      <YAxis tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} allowDecimals={false} width={56} tickFormatter={formatValue} />
      <Tooltip contentStyle={{ fontSize: 12, borderRadius: 8 }} formatter={(value) => formatValue(Number(value))} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
    </>
  );
}

/** A card with its figure and chart; `aside`, a second chart, stands beside the first. */
function ChartCard({ title, figure, children, aside }: { title: string; figure: string; children: ReactElement; aside?: ReactElement }) {
  return (
    <Card>
      <CardHeader title={title} description={<span data-testid={`figure-${title}`}>{figure}</span>} />
      <div className="flex h-64 gap-2 px-4 py-4">
        <ChartFrame label={`${title}: ${figure}`} className="min-w-0 flex-1">
          {children}
        </ChartFrame>
        {aside}
      </div>
    </Card>
  );
}

function ChartFrame({ label, className, children }: { label: string; className: string; children: ReactElement }) {
  return (
    <div className={className} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

function ActiveUsersCard({ activeUsers }: { activeUsers: Analytics["activeUsers"] }) {
  const days = activeUsers.daily.map((day) => ({ label: formatBucket("day", day.start), users: day.count }));
  const months = activeUsers.monthly.map((month) => ({ label: formatMonthShort(month.start), users: month.count }));
  const monthlyText = activeUsers.monthly.map((month) => `${formatBucket("month", month.start)}: ${formatCount(month.count)}`).join(", ");
  const monthly = (
    <ChartFrame label={`Monthly active users: ${monthlyText}`} className="w-32 shrink-0">
      <BarChart data={months} margin={{ top: 16, right: 0, bottom: 0, left: 0 }}>
        <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} interval={0} />
        <Tooltip contentStyle={{ fontSize: 12, borderRadius: 8 }} formatter={(value) => formatCount(Number(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {/* No axis in this narrow chart: each bar carries its count. */}
        <Bar dataKey="users" name="Monthly" fill="#0369a1" isAnimationActive={false}>
          <LabelList dataKey="users" position="top" fontSize={11} fill="#475569" formatter={(value) => formatCount(Number(value))} />
        </Bar>
      </BarChart>
    </ChartFrame>
  );
  return (
    <ChartCard title="Active users" figure={`monthly: ${monthlyText}`} aside={monthly}>
      <LineChart data={days}>
        <Axes />
        <Line type="monotone" dataKey="users" name="Daily active users" stroke="#0ea5e9" strokeWidth={2} dot={days.length < 3} isAnimationActive={false} />
      </LineChart>
    </ChartCard>
  );
}

const statusClasses = [
  { key: "2xx", color: "#6366f1" },
  { key: "4xx", color: "#f59e0b" },
  { key: "5xx", color: "#ef4444" },
] as const;

function EndpointsCard({ endpoints }: { endpoints: Analytics["endpoints"] }) {
  const top = endpoints.slice(0, 10);
  return (
    <Card>
      <CardHeader title="API calls by endpoint and status" description="The most called endpoints in this range." />
      {endpoints.length === 0 ? (
        <EmptyState title="No Platform API calls in this range" description="Calls your app server signs and sends appear here. Try one from the API debugger." />
      ) : (
        <div className="grid gap-6 p-6 lg:grid-cols-2">
          <div className="h-72" role="img" aria-label="Calls of the most called endpoints by status class">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={top} layout="vertical" margin={{ left: 24 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
                <XAxis type="number" tick={{ fontSize: 12, fill: "#64748b" }} allowDecimals={false} />
                <YAxis type="category" dataKey="path" tick={{ fontSize: 11, fill: "#475569" }} width={160} />
                <Tooltip contentStyle={{ fontSize: 12, borderRadius: 8 }} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {statusClasses.map((status) => (
                  <Bar key={status.key} dataKey={status.key} stackId="status" fill={status.color} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="w-full self-start text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2 font-medium">Endpoint</th>
                {statusClasses.map((status) => (
                  <th key={status.key} className="py-2 text-right font-medium">
                    {status.key}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {endpoints.map((endpoint) => (
                <tr key={endpoint.path}>
                  <td className="py-2 font-mono text-xs text-slate-700">{endpoint.path}</td>
                  {statusClasses.map((status) => (
                    <td key={status.key} className="py-2 text-right tabular-nums">
                      {formatCount(endpoint[status.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
