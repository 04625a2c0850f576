"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { LogEntry } from "./playground-log";

const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3, hourCycle: "h23" });

/** The live log, newest first: each line opens to the JSON it came from. */
export function EventLog({ entries, onClear }: { entries: LogEntry[]; onClear: () => void }) {
  return (
    <Card>
      <CardHeader
        title="Live log"
        description="What each session received (publications, read receipts, close codes) and the webhooks the app's endpoints were sent (polled every 2 seconds)."
        action={
          entries.length > 0 && (
            <Button size="sm" variant="ghost" onClick={onClear}>
              Clear
            </Button>
          )
        }
      />
      {entries.length === 0 ? (
        <EmptyState title="Nothing yet" description="Open sessions and chat: every publication, close and webhook shows here." />
      ) : (
        <ol aria-label="Event log" className="max-h-96 divide-y divide-slate-100 overflow-y-auto font-mono text-xs">
          {entries.map((entry) => (
            <li key={entry.id} className="px-6 py-1.5">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-slate-700">
                  <span className="text-slate-400">{time(entry.at)}</span>
                  <Badge tone={entry.source === "webhooks" ? "amber" : "gray"}>{entry.source}</Badge>
                  <span className="font-semibold">{entry.kind}</span>
                  <span className="min-w-0 break-all">{entry.summary}</span>
                </summary>
                {entry.detail !== undefined && <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-slate-600">{JSON.stringify(entry.detail, null, 2)}</pre>}
              </details>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
