"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import Link from "next/link";
import { OverviewStats } from "@/components/analytics/overview-stats";
import { PageHeader } from "@/components/console/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorMessage } from "@/components/ui/field";
import { formatDate, formatDateTime } from "@/components/ui/format-date";
import { ChevronRightIcon } from "@/components/ui/icons";
import type { AppView } from "@/lib/contract";
import { appQuery, useDeleteApp } from "./app-queries";
import { AppSecretField } from "./app-secret-field";
import { CredentialRow } from "./credential-row";
import { EnvironmentBadge } from "./environment-badge";
import { RotateSecretButton } from "./rotate-secret-dialog";

type Abilities = { canEdit: boolean; canDelete: boolean };

export function AppDetail({ appKey, maxGraceHours, canEdit, canDelete }: { appKey: string; maxGraceHours: number } & Abilities) {
  const app = useQuery(appQuery(appKey));
  if (app.isPending) return <DetailSkeleton />;
  if (app.isError) {
    return (
      <>
        <PageHeader title="App" eyebrow={<Breadcrumb />} />
        <ErrorMessage>{app.error.message}</ErrorMessage>
      </>
    );
  }
  return <LoadedApp app={app.data} maxGraceHours={maxGraceHours} canEdit={canEdit} canDelete={canDelete} />;
}

function LoadedApp({ app, maxGraceHours, canEdit, canDelete }: { app: AppView; maxGraceHours: number } & Abilities) {
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumb name={app.name} />}
        title={
          <span className="flex items-center gap-3">
            {app.name}
            <EnvironmentBadge environment={app.environment} />
          </span>
        }
        description={`Created ${formatDate(app.createdAt)}`}
      />
      <OverviewStats appKey={app.appKey} />
      <Card>
        <CardHeader
          title="Credentials"
          description="Your server signs Platform API requests with the App Key and App Secret. Keep the secret on your servers; never ship it in an app."
          action={canEdit && <RotateSecretButton app={app} maxGraceHours={maxGraceHours} />}
        />
        <dl className="divide-y divide-slate-100">
          <CredentialRow label="App Key" value={<span data-testid="app-key">{app.appKey}</span>}>
            <CopyButton value={app.appKey} name="Copy App Key" />
          </CredentialRow>
          <AppSecretField appKey={app.appKey} canReveal={canEdit} />
        </dl>
        {app.previousSecretExpiresAt && new Date(app.previousSecretExpiresAt) > new Date() && (
          <p className="border-t border-slate-100 bg-amber-50/60 px-6 py-3 text-sm text-amber-800">
            The previous App Secret keeps working until {formatDateTime(app.previousSecretExpiresAt)}.
          </p>
        )}
      </Card>
      {canDelete && <DeleteAppCard app={app} />}
    </>
  );
}

/** Owners delete an app after typing its name; everything it holds goes with it. */
function DeleteAppCard({ app }: { app: AppView }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteApp(app.appKey);
  const router = useRouter();
  return (
    <Card className="mt-6 ring-red-200">
      <CardHeader
        title="Delete this app"
        description="Its users, channels, messages, settings and logs are deleted for good; clients and servers using its keys stop working."
        action={
          <Button variant="danger" onClick={() => setOpen(true)}>
            Delete app
          </Button>
        }
      />
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${app.name}?`}
        description="This cannot be undone."
        confirmLabel="Delete app"
        typedConfirmation={app.name}
        onConfirm={() => remove.mutateAsync(app.name).then(() => router.push("/apps"))}
        done={`${app.name} deleted`}
      />
    </Card>
  );
}

function Breadcrumb({ name }: { name?: string }) {
  return (
    <nav aria-label="Breadcrumb" className="flex items-center gap-1 text-sm text-slate-500">
      <Link href="/apps" className="hover:text-slate-900">
        Apps
      </Link>
      {name && (
        <>
          <ChevronRightIcon className="size-3.5" />
          <span className="truncate text-slate-700">{name}</span>
        </>
      )}
    </nav>
  );
}

function DetailSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the app" className="animate-pulse space-y-8">
      <div className="space-y-3">
        <div className="h-3 w-24 rounded bg-slate-200" />
        <div className="h-7 w-64 rounded bg-slate-200" />
      </div>
      <div className="h-64 rounded-xl bg-white ring-1 ring-slate-200" />
    </div>
  );
}
