"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ErrorMessage } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format-date";
import { ChevronRightIcon, KeyIcon } from "@/components/ui/icons";
import type { AppView } from "@/lib/contract";
import { appsQuery } from "./app-queries";
import { EnvironmentBadge } from "./environment-badge";

export function AppsList() {
  const apps = useQuery(appsQuery());
  if (apps.isPending) return <ListSkeleton />;
  if (apps.isError) return <ErrorMessage>Could not load the apps: {apps.error.message}</ErrorMessage>;
  if (apps.data.length === 0) return <EmptyState />;
  return (
    <Card className="overflow-hidden">
      <ul aria-label="Apps" className="divide-y divide-slate-100">
        {apps.data.map((app) => (
          <AppRow key={app.appKey} app={app} />
        ))}
      </ul>
    </Card>
  );
}

function AppRow({ app }: { app: AppView }) {
  return (
    <li>
      <Link href={`/apps/${app.appKey}`} className="group flex items-center gap-4 px-6 py-4 transition-colors hover:bg-slate-50">
        <span aria-hidden="true" className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-base font-semibold text-indigo-600 uppercase">
          {app.name.slice(0, 1)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-2">
            <span className="truncate font-medium text-slate-900">{app.name}</span>
            <EnvironmentBadge environment={app.environment} />
          </span>
          <span className="mt-0.5 block truncate font-mono text-xs text-slate-500">{app.appKey}</span>
        </span>
        <span className="hidden text-sm text-slate-500 sm:block">Created {formatDate(app.createdAt)}</span>
        <ChevronRightIcon className="size-4 text-slate-400 group-hover:text-slate-600" />
      </Link>
    </li>
  );
}

function EmptyState() {
  return (
    <Card className="px-6 py-16 text-center">
      <span className="mx-auto flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
        <KeyIcon className="size-6" />
      </span>
      <h2 className="mt-4 text-base font-semibold text-slate-900">No apps yet</h2>
      <p className="mx-auto mt-1 max-w-sm text-sm text-slate-500">
        Create an app to get the App Key and App Secret your server signs Platform API requests with.
      </p>
    </Card>
  );
}

function ListSkeleton() {
  return (
    <Card>
      <div aria-busy="true" aria-label="Loading apps" className="divide-y divide-slate-100">
        {[0, 1, 2].map((row) => (
          <div key={row} className="flex animate-pulse items-center gap-4 px-6 py-4">
            <span className="size-10 rounded-lg bg-slate-100" />
            <span className="flex-1 space-y-2">
              <span className="block h-3.5 w-40 rounded bg-slate-100" />
              <span className="block h-3 w-28 rounded bg-slate-100" />
            </span>
          </div>
        ))}
      </div>
    </Card>
  );
}
