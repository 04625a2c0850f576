"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorMessage } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { StoredMessageSummary } from "@/lib/contract";
import { MessageContent } from "./message-content";
import { messageQuery, useRecallMessage } from "./message-queries";

/** The channel types the console names, by their number. */
export const channelTypeLabels: Record<string, string> = { "1": "Direct", "3": "Group", "4": "Open channel", "6": "System", "10": "Community" };

/** Stored messages, each rendered by its kind; a click opens the stored JSON (and, for admins, recall). */
export function MessageList({ appKey, messages, canEdit, label = "Messages" }: { appKey: string; messages: StoredMessageSummary[]; canEdit: boolean; label?: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {messages.map((message) => (
        <MessageItem key={message.messageId} appKey={appKey} message={message} canEdit={canEdit} />
      ))}
    </ul>
  );
}

function MessageItem({ appKey, message, canEdit }: { appKey: string; message: StoredMessageSummary; canEdit: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="flex cursor-pointer flex-wrap items-center gap-x-4 gap-y-1 px-6 py-2.5 text-sm hover:bg-slate-50">
          <span className="w-40 shrink-0 text-slate-500">{formatDateTime(message.sentAt)}</span>
          <Link href={`/apps/${encodeURIComponent(appKey)}/users/${encodeURIComponent(message.senderId)}`} className="font-mono text-xs text-slate-900 hover:underline">
            {message.senderId}
          </Link>
          <span className="font-mono text-xs text-slate-500">
            {channelTypeLabels[String(message.channelType)] ?? message.channelType} · {message.channelId}
          </span>
          <span className="font-mono text-xs text-slate-400">{message.messageType}</span>
          {message.recalled && <Badge tone="amber">recalled</Badge>}
          {message.edited && <Badge>edited</Badge>}
          <span className="ml-auto text-xs text-slate-400">{open ? "Hide stored JSON" : "Stored JSON"}</span>
          <span className="basis-full text-sm">
            <MessageContent messageType={message.messageType} content={message.content} recalled={message.recalled} file={message.file} />
          </span>
        </summary>
        {open && <MessageDetail appKey={appKey} messageId={message.messageId} canEdit={canEdit} />}
      </details>
    </li>
  );
}

function MessageDetail({ appKey, messageId, canEdit }: { appKey: string; messageId: string; canEdit: boolean }) {
  const message = useQuery(messageQuery(appKey, messageId));
  const recall = useRecallMessage(appKey);
  const [confirming, setConfirming] = useState(false);
  if (message.isPending) return <SkeletonRows label="Loading the message" rows={3} />;
  if (message.isError) return <ErrorMessage>{message.error.message}</ErrorMessage>;
  const { content, ...stored } = message.data;
  return (
    <div className="space-y-3 bg-slate-50 px-6 py-4 text-sm">
      <pre aria-label="Stored message" className="max-h-72 overflow-auto rounded-lg bg-white p-3 font-mono text-xs text-slate-700 ring-1 ring-slate-200">
        {JSON.stringify({ ...stored, content: safeJson(content) }, null, 2)}
      </pre>
      {canEdit && !stored.recalledAt && (
        <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
          Recall
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Recall this message?"
        description="Its content goes for good; every member's devices learn it live or at their next sync."
        confirmLabel="Recall message"
        onConfirm={() => recall.mutateAsync(messageId)}
        done="Message recalled"
      />
    </div>
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
