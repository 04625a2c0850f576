"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CursorPager, useCursorPages } from "@/components/ui/cursor-pages";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { ChannelKind } from "@/lib/contract";
import { channelKinds, channelsQuery } from "./channel-queries";

/** Groups, open channels and communities of the app, searched by id or name. */
export function ChannelsPage({ appKey }: { appKey: string }) {
  const [kind, setKind] = useState<ChannelKind>("groups");
  const [query, setQuery] = useState("");
  const pages = useCursorPages();
  const channels = useQuery({ ...channelsQuery(appKey, kind, query.trim(), pages.cursor), placeholderData: keepPreviousData });
  const current = channelKinds.find((entry) => entry.kind === kind)!;
  return (
    <>
      <PageHeader title="Channels" description="Open one to see its members, mutes and state, or to end it." />
      <Card>
        <div className="flex flex-wrap items-end gap-4 border-b border-slate-100 px-6 py-4">
          <div role="tablist" aria-label="Channel kinds" className="flex gap-1 rounded-lg bg-slate-100 p-1">
            {channelKinds.map((entry) => (
              <button
                key={entry.kind}
                role="tab"
                type="button"
                aria-selected={entry.kind === kind}
                onClick={() => {
                  setKind(entry.kind);
                  pages.reset();
                }}
                className={`rounded-md px-3 py-1.5 text-sm font-medium ${entry.kind === kind ? "bg-white text-slate-900 shadow-sm" : "text-slate-500 hover:text-slate-900"}`}
              >
                {entry.label}
              </button>
            ))}
          </div>
          <div className="w-64">
            <TextField
              label="Search by ID or name"
              type="search"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                pages.reset();
              }}
            />
          </div>
        </div>
        {channels.isPending && <SkeletonRows label="Loading channels" />}
        {channels.isError && (
          <div className="p-6">
            <ErrorMessage>{channels.error.message}</ErrorMessage>
          </div>
        )}
        {channels.data?.channels.length === 0 && <EmptyState title={`No ${current.label.toLowerCase()}`} description={`Your app server creates ${current.label.toLowerCase()} through the Platform API.`} />}
        {channels.data && channels.data.channels.length > 0 && (
          <>
            <ul aria-label={current.label} className="divide-y divide-slate-100">
              {channels.data.channels.map((channel) => (
                <li key={channel.channelId}>
                  <Link href={`/apps/${encodeURIComponent(appKey)}/channels/${kind}/${encodeURIComponent(channel.channelId)}`} className="flex flex-wrap items-center gap-3 px-6 py-3 text-sm hover:bg-slate-50">
                    <span className="font-mono text-slate-900">{channel.channelId}</span>
                    {channel.name && <span className="text-slate-600">{channel.name}</span>}
                    {channel.frozen && <Badge tone="amber">frozen</Badge>}
                    <span className="ml-auto text-slate-500">
                      {channel.memberCount} {kind === "open-channels" ? "participants" : "members"} · {channel.lastSeq} messages · since {formatDate(channel.createdAt)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            <CursorPager pages={pages} nextCursor={channels.data.nextCursor} />
          </>
        )}
      </Card>
    </>
  );
}
