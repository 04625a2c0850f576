"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { PageHeader } from "@/components/console/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPager, useCursorPages } from "@/components/ui/cursor-pages";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorMessage, TextField } from "@/components/ui/field";
import { SkeletonRows } from "@/components/ui/skeleton";
import { channelTypeLabels, MessageList } from "./message-list";
import { exportUrl, messagesQuery } from "./message-queries";

const channelTypes = [{ value: "", label: "Any channel" }, ...Object.entries(channelTypeLabels).map(([value, label]) => ({ value, label }))];
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
            <MessageList appKey={appKey} messages={messages.data.messages} canEdit={canEdit} />
            <CursorPager pages={pages} nextCursor={messages.data.nextCursor} labels={["Newer", "Older"]} />
          </>
        )}
      </Card>
    </>
  );
}
