"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import { bansQuery, isForever, useBulkUnban } from "./user-queries";

/** Every banned user of the app, with the end of the ban; several can be unbanned at once. */
export function BansPage({ appKey, canEdit }: { appKey: string; canEdit: boolean }) {
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const bans = useQuery(bansQuery(appKey, filter.trim()));
  const unban = useBulkUnban(appKey);
  const toggle = (userId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });
  return (
    <>
      <PageHeader
        title="Bans"
        description="Banned users cannot connect until their ban ends or is lifted."
        action={
          canEdit && (
            <Button variant="secondary" disabled={selected.size === 0} onClick={() => setConfirming(true)}>
              Unban selected ({selected.size})
            </Button>
          )
        }
      />
      <Card>
        <div className="border-b border-slate-100 px-6 py-4">
          <div className="max-w-md">
            <TextField label="Filter by user ID" type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
          </div>
        </div>
        {bans.isPending && <SkeletonRows label="Loading the bans" />}
        {bans.isError && (
          <div className="p-6">
            <ErrorMessage>{bans.error.message}</ErrorMessage>
          </div>
        )}
        {bans.data?.length === 0 && <EmptyState title="Nobody is banned" description="Ban a user from their page under Users, or through /v4/user/ban/add." />}
        {bans.data && bans.data.length > 0 && (
          <ul aria-label="Banned users" className="divide-y divide-slate-100">
            {bans.data.map((ban) => (
              <li key={ban.userId} className="flex items-center gap-4 px-6 py-3 text-sm">
                {canEdit && <input type="checkbox" aria-label={`Select ${ban.userId}`} checked={selected.has(ban.userId)} onChange={(event) => toggle(ban.userId, event.target.checked)} className="accent-indigo-600" />}
                <Link href={`/apps/${encodeURIComponent(appKey)}/users/${encodeURIComponent(ban.userId)}`} className="font-mono text-slate-900 hover:text-indigo-600">
                  {ban.userId}
                </Link>
                <span className="ml-auto text-slate-500">{isForever(ban.banExpiresAt) ? "forever" : `until ${formatDateTime(ban.banExpiresAt)}`}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Unban ${selected.size} user${selected.size === 1 ? "" : "s"}?`}
        description={[...selected].join(", ")}
        confirmLabel="Unban"
        onConfirm={() => unban.mutateAsync([...selected]).then(() => setSelected(new Set()))}
        done={`${selected.size} ban${selected.size === 1 ? "" : "s"} lifted`}
      />
    </>
  );
}
