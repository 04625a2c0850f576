"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPager, useCursorPages } from "@/components/ui/cursor-pages";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { StoredMessageSummary } from "@/lib/contract";
import { exportUrl, messageQuery, messagesQuery, useRecallMessage } from "./message-queries";

const channelTypes = [
  { value: "", label: "Any channel" },
  { value: "1", label: "Direct" },
  { value: "3", label: "Group" },
  { value: "4", label: "Open channel" },
  { value: "6", label: "System" },
  { value: "10", label: "Community" },
];
const textFields = [
  { name: "channelId", label: "Channel ID" },
  { name: "senderId", label: "Sender" },
  { name: "recipientId", label: "Recipient (direct)" },
  { name: "messageType", label: "Message type" },
  { name: "text", label: "Text in content" },
];
const fieldClass = "mt-1 block h-9 w-full rounded-lg px-3 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none";

/** Stored messages of the app by channel, sender, recipient, time, type and text; pages, the stored form, recall and export. */
export function MessagesPage({ appKey, canEdit }: { appKey: string; canEdit: boolean }) {
  const [filters, setFilters] = useState<Record<string, string>>({});
  const pages = useCursorPages();
  const messages = useQuery({ ...messagesQuery(appKey, filters, pages.cursor), placeholderData: keepPreviousData });
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = Object.fromEntries([...form].map(([name, value]) => [name, String(value).trim()]).filter(([, value]) => value !== ""));
    for (const name of ["from", "to"]) if (next[name]) next[name] = new Date(next[name]).toISOString();
    setFilters(next);
    pages.reset();
  };
  return (
    <>
      <PageHeader
        title="Messages"
        description="Stored messages, newest first. Text search reads content: give a channel, a sender or a time range of a week at most."
        action={
          <div className="flex gap-2">
            <a href={exportUrl(appKey, filters, "csv")} className="rounded-lg px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" download>
              Export CSV
            </a>
            <a href={exportUrl(appKey, filters, "jsonl")} className="rounded-lg px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" download>
              Export JSON Lines
            </a>
          </div>
        }
      />
      <Card>
        <form aria-label="Message filters" onSubmit={search} className="grid gap-3 border-b border-slate-100 px-6 py-4 sm:grid-cols-2 lg:grid-cols-4">
          <label className="text-sm font-medium text-slate-700">
            Channel type
            <select name="channelType" className={fieldClass}>
              {channelTypes.map((type) => (
                <option key={type.value} value={type.value}>
                  {type.label}
                </option>
              ))}
            </select>
          </label>
          {textFields.map((field) => (
            <TextField key={field.name} name={field.name} label={field.label} />
          ))}
          <TextField name="from" type="datetime-local" label="From" />
          <TextField name="to" type="datetime-local" label="To" />
          <div className="flex items-end">
            <Button type="submit">Search</Button>
          </div>
        </form>
        {messages.isPending && <SkeletonRows label="Loading messages" />}
        {messages.isError && (
          <div className="p-6">
            <ErrorMessage>{messages.error.message}</ErrorMessage>
          </div>
        )}
        {messages.data?.messages.length === 0 && <EmptyState title="No messages match" description="Widen the filters, or send a message through the Platform API or a client." />}
        {messages.data && messages.data.messages.length > 0 && (
          <>
            <ul aria-label="Messages" className="divide-y divide-slate-100">
              {messages.data.messages.map((message) => (
                <MessageItem key={message.messageId} appKey={appKey} message={message} canEdit={canEdit} />
              ))}
            </ul>
            <CursorPager pages={pages} nextCursor={messages.data.nextCursor} labels={["Newer", "Older"]} />
          </>
        )}
      </Card>
    </>
  );
}

function MessageItem({ appKey, message, canEdit }: { appKey: string; message: StoredMessageSummary; canEdit: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="flex cursor-pointer flex-wrap items-center gap-x-4 gap-y-1 px-6 py-2.5 text-sm hover:bg-slate-50">
          <span className="w-40 shrink-0 text-slate-500">{formatDateTime(message.sentAt)}</span>
          <span className="font-mono text-xs text-slate-900">{message.senderId}</span>
          <span className="font-mono text-xs text-slate-500">
            {channelTypes.find((type) => type.value === String(message.channelType))?.label ?? message.channelType} · {message.channelId}
          </span>
          <span className="font-mono text-xs text-slate-400">{message.messageType}</span>
          {message.recalled && <Badge tone="amber">recalled</Badge>}
          {message.edited && <Badge>edited</Badge>}
          <span className="basis-full truncate text-slate-700">{message.content}</span>
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
