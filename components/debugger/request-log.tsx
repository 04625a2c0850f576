"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPager, useCursorPages } from "@/components/ui/cursor-pages";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { ApiRequestEntry } from "@/lib/contract";
import { debuggerLink, requestLogQuery } from "./debugger-queries";

/** Every Platform API call of the app in the last 7 days, newest first; bodies with secrets and tokens redacted. */
export function RequestLog({ appKey }: { appKey: string }) {
  const [path, setPath] = useState("");
  const [status, setStatus] = useState("");
  const pages = useCursorPages();
  const log = useQuery({ ...requestLogQuery(appKey, { path: path.trim(), status, before: pages.cursor }), placeholderData: keepPreviousData });
  const filter = (change: () => void) => {
    change();
    pages.reset();
  };
  return (
    <>
      <PageHeader title="API requests" description="Every Platform API call of this app in the last 7 days. Open one in the debugger to send it again." />
      <Card>
        <div className="flex flex-wrap gap-4 border-b border-slate-100 px-6 py-4">
          <div className="w-64">
            <TextField label="Endpoint" value={path} onChange={(event) => filter(() => setPath(event.target.value))} placeholder="/v4/user" />
          </div>
          <label className="text-sm font-medium text-slate-700">
            Status
            <select value={status} onChange={(event) => filter(() => setStatus(event.target.value))} className="mt-1 block h-9 rounded-lg px-2 text-sm ring-1 ring-slate-300 ring-inset">
              <option value="">All</option>
              <option value="2xx">2xx</option>
              <option value="4xx">4xx</option>
              <option value="5xx">5xx</option>
            </select>
          </label>
          <Button variant="secondary" size="sm" className="self-end" onClick={() => void log.refetch()}>
            Refresh
          </Button>
        </div>
        {log.isPending && <SkeletonRows label="Loading the requests" />}
        {log.isError && (
          <div className="p-6">
            <ErrorMessage>{log.error.message}</ErrorMessage>
          </div>
        )}
        {log.data?.requests.length === 0 && <EmptyState title="No requests" description="Calls your app server makes (or the debugger sends) appear here within a second." />}
        {log.data && log.data.requests.length > 0 && (
          <>
            <ul aria-label="Requests" className="divide-y divide-slate-100">
              {log.data.requests.map((request) => (
                <RequestRow key={request.id} appKey={appKey} request={request} />
              ))}
            </ul>
            <CursorPager pages={pages} nextCursor={log.data.nextCursor} labels={["Newer", "Older"]} />
          </>
        )}
      </Card>
    </>
  );
}

function RequestRow({ appKey, request }: { appKey: string; request: ApiRequestEntry }) {
  return (
    <li>
      <details>
        <summary className="flex cursor-pointer flex-wrap items-center gap-x-4 gap-y-1 px-6 py-2.5 text-sm hover:bg-slate-50">
          <span className="w-40 shrink-0 text-slate-500">{formatDateTime(request.createdAt)}</span>
          <Badge tone={request.status < 300 ? "green" : "amber"}>{request.status}</Badge>
          <span className="font-mono text-xs text-slate-900">{request.path}</span>
          {request.code !== 0 && request.code !== 200 && <span className="text-xs text-amber-700">code {request.code}</span>}
          <span className="text-slate-500">{request.latencyMs} ms</span>
          <span className="ml-auto font-mono text-xs text-slate-400">{request.callerIp}</span>
        </summary>
        <div className="grid gap-3 bg-slate-50 px-6 py-4 md:grid-cols-2">
          <BodyBlock title="Request body" text={request.requestBody} />
          <BodyBlock title="Response body" text={request.responseBody} />
          <Link href={debuggerLink(appKey, request.path, request.requestBody || "{}")} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
            Open in debugger →
          </Link>
        </div>
      </details>
    </li>
  );
}

function BodyBlock({ title, text }: { title: string; text: string }) {
  return (
    <section aria-label={title}>
      <h3 className="text-xs font-medium text-slate-500">{title}</h3>
      <pre className="mt-1 max-h-48 overflow-auto rounded-lg bg-white p-3 font-mono text-xs text-slate-700 ring-1 ring-slate-200">{text || "(empty)"}</pre>
    </section>
  );
}
