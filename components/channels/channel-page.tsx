"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorMessage } from "@/components/ui/field";
import { formatDate, formatDateTime } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { ChannelKind } from "@/lib/contract";
import { channelKinds, channelQuery, useEndChannel } from "./channel-queries";

const roles: Record<number, string> = { 3: "owner", 2: "admin" };

export function ChannelPage({ appKey, kind, channelId, canEdit }: { appKey: string; kind: ChannelKind; channelId: string; canEdit: boolean }) {
  const channel = useQuery(channelQuery(appKey, kind, channelId));
  const end = useEndChannel(appKey, kind);
  const router = useRouter();
  const [ending, setEnding] = useState(false);
  const meta = channelKinds.find((entry) => entry.kind === kind)!;
  const back = (
    <Link href={`/apps/${encodeURIComponent(appKey)}/channels`} className="text-sm text-slate-500 hover:text-slate-900">
      ← Channels
    </Link>
  );
  if (channel.isPending) return <SkeletonRows label="Loading the channel" rows={8} />;
  if (channel.isError) {
    return (
      <>
        <PageHeader title={channelId} eyebrow={back} />
        <ErrorMessage>{channel.error.message}</ErrorMessage>
      </>
    );
  }
  const data = channel.data;
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {data.name ?? data.channelId}
            <span className="font-mono text-base font-normal text-slate-500">{data.channelId}</span>
            {data.frozen && <Badge tone="amber">Frozen</Badge>}
          </span>
        }
        description={`${meta.one[0]!.toUpperCase()}${meta.one.slice(1)} · ${data.memberCount} ${kind === "open-channels" ? "participants" : "members"} · ${data.lastSeq} messages · created ${formatDate(data.createdAt)}${data.ownerId ? ` · owner ${data.ownerId}` : ""}`}
        action={
          canEdit && (
            <Button variant="danger" onClick={() => setEnding(true)}>
              {meta.ending}
            </Button>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="lg:col-span-2">
          <CardHeader title={kind === "open-channels" ? "Participants" : "Members"} description={data.memberCount > data.members.length ? `The first ${data.members.length} of ${data.memberCount}.` : undefined} />
          <ul aria-label="Members" className="divide-y divide-slate-100">
            {data.members.map((member) => (
              <li key={member.userId} className="flex flex-wrap items-center gap-3 px-6 py-2.5 text-sm">
                <Link href={`/apps/${encodeURIComponent(appKey)}/users/${encodeURIComponent(member.userId)}`} className="font-mono text-slate-900 hover:text-indigo-600">
                  {member.userId}
                </Link>
                {roles[member.role] && <Badge>{roles[member.role]}</Badge>}
                {member.mutedUntil && <Badge tone="amber">muted until {formatDateTime(member.mutedUntil)}</Badge>}
                {member.since && <span className="ml-auto text-xs text-slate-400">joined {formatDateTime(member.since)}</span>}
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <CardHeader title="Mutes, bans and allowed senders" />
          {data.userRules.length === 0 ? (
            <p className="px-6 py-5 text-sm text-slate-500">None.</p>
          ) : (
            <ul aria-label="Rules" className="divide-y divide-slate-100">
              {data.userRules.map((rule) => (
                <li key={`${rule.kind}:${rule.userId}`} className="flex gap-3 px-6 py-2.5 text-sm">
                  <span className="font-mono">{rule.userId}</span>
                  <Badge>{rule.kind}</Badge>
                  <span className="ml-auto text-xs text-slate-500">{rule.expiresAt ? `until ${formatDateTime(rule.expiresAt)}` : "until lifted"}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {kind === "communities" && (
          <Card>
            <CardHeader title={`Subchannels (${data.subchannels.length})`} />
            <ul aria-label="Subchannels" className="divide-y divide-slate-100">
              {data.subchannels.map((subchannel) => (
                <li key={subchannel.subchannelId} className="flex gap-3 px-6 py-2.5 text-sm">
                  <span className="font-mono">{subchannel.subchannelId}</span>
                  {subchannel.isPrivate && <Badge>private</Badge>}
                  <span className="ml-auto text-xs text-slate-500">{subchannel.lastSeq} messages</span>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
      <ConfirmDialog
        open={ending}
        onClose={() => setEnding(false)}
        title={`${meta.ending} ${meta.one} ${data.channelId}?`}
        description="Members are told and stop receiving; this cannot be undone."
        confirmLabel={`${meta.ending} ${meta.one}`}
        typedConfirmation={data.channelId}
        onConfirm={() => end.mutateAsync(data.channelId).then(() => router.push(`/apps/${encodeURIComponent(appKey)}/channels`))}
        done={`${meta.one} ${data.channelId} ended`}
      />
    </>
  );
}
