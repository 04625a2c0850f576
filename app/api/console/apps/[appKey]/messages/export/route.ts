import { Readable } from "node:stream";
import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { ChatError } from "@/lib/chat/base/errors";
import { allMatchingMessages, parseMessageFilters } from "@/lib/chat/messages/stored-messages";

/** Rows one export holds at most. */
const exportLimit = 100_000;
const columns = ["messageId", "channelType", "channelId", "seq", "senderId", "messageType", "content", "sentAt", "edited", "recalled"] as const;

const csvField = (value: unknown) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The messages matching the filters, newest first, as JSON Lines or CSV, written as they are read. */
export const GET = consoleRoute({ app: true, query: z.record(z.string(), z.string()) }, async ({ app, query }) => {
  const { format = "jsonl", ...filters } = query;
  if (format !== "jsonl" && format !== "csv") throw new ChatError("invalidParameter", "format is jsonl or csv");
  // Refusals come before the download starts.
  parseMessageFilters(filters);
  async function* lines() {
    if (format === "csv") yield `${columns.join(",")}\n`;
    for await (const message of allMatchingMessages({ appId: app.id, filters, limit: exportLimit })) {
      yield format === "csv" ? `${columns.map((column) => csvField(message[column])).join(",")}\n` : `${JSON.stringify(message)}\n`;
    }
  }
  return new Response(Readable.toWeb(Readable.from(lines())) as ReadableStream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
      "content-disposition": `attachment; filename="messages-${app.appKey}.${format}"`,
      "cache-control": "no-store",
    },
  });
});
