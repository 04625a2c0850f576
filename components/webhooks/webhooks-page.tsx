"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { AppSecretField } from "@/components/apps/app-secret-field";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointsView } from "@/lib/contract";
import { deliveriesQuery, endpointsQuery, useWebhookMutations } from "./webhook-queries";

export function WebhooksPage({ appKey, canEdit }: { appKey: string; canEdit: boolean }) {
  return (
    <>
      <PageHeader title="Webhooks" description="Your server's endpoints receive the app's events, signed with its App Secret." />
      <div className="space-y-6">
        <SigningSecret appKey={appKey} canReveal={canEdit} />
        <Endpoints appKey={appKey} canEdit={canEdit} />
        <DeliveryLog appKey={appKey} canEdit={canEdit} />
      </div>
    </>
  );
}

function SigningSecret({ appKey, canReveal }: { appKey: string; canReveal: boolean }) {
  return (
    <Card>
      <CardHeader
        title="Signing secret"
        description={
          <>
            Each request carries the query parameters appKey, nonce, signTimestamp, timestamp and signature, the hex SHA-1 of the App Secret + nonce + signTimestamp. Rotate the
            secret on the{" "}
            <Link href={`/apps/${encodeURIComponent(appKey)}`} className="font-medium text-indigo-600 hover:text-indigo-500">
              Overview
            </Link>
            .
          </>
        }
      />
      <dl>
        <AppSecretField appKey={appKey} canReveal={canReveal} />
      </dl>
    </Card>
  );
}

function Endpoints({ appKey, canEdit }: { appKey: string; canEdit: boolean }) {
  const view = useQuery(endpointsQuery(appKey));
  const [adding, setAdding] = useState(false);
  return (
    <Card>
      <CardHeader
        title="Endpoints"
        description="Up to 10 URLs, each with the events it takes (all when none are chosen) and its style."
        action={canEdit && view.data && <Button onClick={() => setAdding(true)}>Add endpoint</Button>}
      />
      {view.isPending && <SkeletonRows label="Loading the endpoints" rows={3} />}
      {view.isError && (
        <div className="p-6">
          <ErrorMessage>{view.error.message}</ErrorMessage>
        </div>
      )}
      {view.data && view.data.endpoints.length === 0 && (
        <EmptyState title="No endpoints yet" description="Add your server's URL to receive message routing, online status and channel events." />
      )}
      {view.data && view.data.endpoints.length > 0 && (
        <ul aria-label="Endpoints" className="divide-y divide-slate-100">
          {view.data.endpoints.map((endpoint) => (
            <EndpointRow key={endpoint.url} appKey={appKey} endpoint={endpoint} canEdit={canEdit} />
          ))}
        </ul>
      )}
      {view.data && <AddEndpointDialog appKey={appKey} view={view.data} open={adding} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function EndpointRow({ appKey, endpoint, canEdit }: { appKey: string; endpoint: WebhookEndpoint; canEdit: boolean }) {
  const { test, remove } = useWebhookMutations(appKey);
  const [removing, setRemoving] = useState(false);
  const toast = useToast();
  const sendTest = () =>
    test.mutate(endpoint.url, {
      onSuccess: (result) =>
        result.ok
          ? toast.success(`Test event delivered: HTTP ${result.statusCode} in ${result.latencyMs} ms`)
          : toast.error(`Test event failed: ${result.statusCode ? `HTTP ${result.statusCode}` : result.error} (${result.latencyMs} ms)`),
      onError: (error) => toast.error(error.message),
    });
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
      <div className="min-w-0">
        <p className="truncate font-mono text-sm text-slate-900">{endpoint.url}</p>
        <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
          <Badge tone={endpoint.style === "legacy" ? "amber" : "gray"}>{endpoint.style === "legacy" ? "older API style" : "v4"}</Badge>
          {endpoint.events.length ? endpoint.events.join(", ") : "every event"}
        </p>
      </div>
      {canEdit && (
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" pending={test.isPending} onClick={sendTest}>
            Send test event
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setRemoving(true)}>
            Remove
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={removing}
        onClose={() => setRemoving(false)}
        title="Remove this endpoint?"
        description={`${endpoint.url} stops receiving events; deliveries already queued for it are still tried.`}
        confirmLabel="Remove endpoint"
        onConfirm={() => remove.mutateAsync(endpoint.url)}
        done="Endpoint removed"
      />
    </li>
  );
}

function AddEndpointDialog({ appKey, view, open, onClose }: { appKey: string; view: WebhookEndpointsView; open: boolean; onClose: () => void }) {
  const { add } = useWebhookMutations(appKey);
  const toast = useToast();
  const [events, setEvents] = useState<string[]>([]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate(
      { url: String(form.get("url")), style: String(form.get("style")), events },
      {
        onSuccess: () => {
          toast.success("Endpoint added");
          setEvents([]);
          onClose();
        },
      },
    );
  };
  return (
    <Dialog open={open} onClose={onClose} title="Add a webhook endpoint">
      <form onSubmit={submit} className="space-y-4">
        <TextField label="URL" name="url" type="url" required placeholder="https://app.example.com/hooks/chat" autoFocus />
        <label className="block text-sm font-medium text-slate-700">
          Style
          <select name="style" defaultValue="v4" className="mt-1.5 block h-9 w-full rounded-lg border-0 px-3 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600">
            <option value="v4">v4 event envelopes</option>
            <option value="legacy">Older API callbacks (online status, message routing)</option>
          </select>
        </label>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Events (none chosen: every event)</legend>
          <div className="mt-2 grid gap-1.5 sm:grid-cols-2">
            {view.eventTypes.map((type) => (
              <label key={type} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(change) => setEvents((current) => (change.target.checked ? [...current, type] : current.filter((item) => item !== type)))}
                  className="accent-indigo-600"
                />
                <span className="font-mono text-xs">{type}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {add.error && <ErrorMessage>{add.error.message}</ErrorMessage>}
        <DialogActions>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={add.isPending}>
            Add endpoint
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

const statusTones = { pending: "amber", delivered: "green", failed: "gray" } as const;

function DeliveryLog({ appKey, canEdit }: { appKey: string; canEdit: boolean }) {
  const [status, setStatus] = useState("");
  const log = useQuery(deliveriesQuery(appKey, status));
  return (
    <Card>
      <CardHeader
        title="Delivery log"
        description="The last 50 events of the last 7 days, with every attempt; refreshed every 5 seconds."
        action={
          <label className="flex items-center gap-2 text-sm text-slate-500">
            Status
            <select value={status} onChange={(event) => setStatus(event.target.value)} className="rounded-lg px-2 py-1.5 text-sm ring-1 ring-slate-300 ring-inset">
              <option value="">All</option>
              <option value="pending">Pending</option>
              <option value="delivered">Delivered</option>
              <option value="failed">Failed</option>
            </select>
          </label>
        }
      />
      {log.isPending && <SkeletonRows label="Loading the delivery log" />}
      {log.isError && (
        <div className="p-6">
          <ErrorMessage>{log.error.message}</ErrorMessage>
        </div>
      )}
      {log.data?.length === 0 && <EmptyState title="No deliveries" description="Events appear here as they are sent: send a message, or a test event to an endpoint." />}
      {log.data && log.data.length > 0 && (
        <ul aria-label="Deliveries" className="divide-y divide-slate-100">
          {log.data.map((delivery) => (
            <DeliveryRow key={delivery.id} appKey={appKey} delivery={delivery} canEdit={canEdit} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function DeliveryRow({ appKey, delivery, canEdit }: { appKey: string; delivery: WebhookDelivery; canEdit: boolean }) {
  const { redeliver } = useWebhookMutations(appKey);
  const toast = useToast();
  const last = delivery.attemptLog.at(-1);
  return (
    <li>
      <details className="group">
        <summary className="flex cursor-pointer flex-wrap items-center gap-x-4 gap-y-1 px-6 py-3 text-sm hover:bg-slate-50">
          <span className="w-40 shrink-0 text-slate-500">{formatDateTime(delivery.createdAt)}</span>
          <span className="font-mono text-xs text-slate-900">{delivery.eventType}</span>
          <Badge tone={statusTones[delivery.status]}>{delivery.status}</Badge>
          <span className="text-slate-500">
            {delivery.attemptLog.length} attempt{delivery.attemptLog.length === 1 ? "" : "s"}
            {last && ` · last ${last.statusCode ?? "no answer"} in ${last.latencyMs} ms`}
          </span>
          <span className="ml-auto truncate font-mono text-xs text-slate-400">{delivery.endpointUrl}</span>
        </summary>
        <div className="space-y-3 bg-slate-50 px-6 py-4 text-sm">
          <ol aria-label="Attempts" className="space-y-1">
            {delivery.attemptLog.map((attempt) => (
              <li key={attempt.attemptedAt} className="text-slate-700">
                {formatDateTime(attempt.attemptedAt)}: {attempt.statusCode ? `HTTP ${attempt.statusCode}` : attempt.error} in {attempt.latencyMs} ms
                {attempt.responseExcerpt && <code className="ml-2 rounded bg-white px-1.5 py-0.5 text-xs text-slate-600 ring-1 ring-slate-200">{attempt.responseExcerpt}</code>}
              </li>
            ))}
          </ol>
          <pre className="max-h-48 overflow-auto rounded-lg bg-white p-3 font-mono text-xs text-slate-700 ring-1 ring-slate-200">{delivery.body}</pre>
          {canEdit && delivery.status !== "pending" && (
            <Button
              size="sm"
              variant="secondary"
              pending={redeliver.isPending}
              onClick={() => redeliver.mutate(delivery.id, { onSuccess: () => toast.success("Queued for redelivery"), onError: (error) => toast.error(error.message) })}
            >
              Redeliver
            </Button>
          )}
        </div>
      </details>
    </li>
  );
}
