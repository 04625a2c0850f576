import type { Publication, WebhookDelivery } from "@/lib/contract";

/** A line of the playground's live log: what a session received, how it closed, or a webhook the app's endpoints were sent. */
export type LogEntry = { id: number; at: number; source: string; kind: string; summary: string; detail?: unknown };
export type NewLogEntry = Omit<LogEntry, "id" | "at">;

/** Lines the log keeps; older ones fall off. */
export const logLimit = 500;

const quote = (text: unknown) => (typeof text === "string" ? `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"` : "");

/** A publication as one line: its type, and what it says in words. */
export function describePublication(publication: Publication): { kind: string; summary: string } {
  switch (publication.type) {
    case "message": {
      const { message } = publication;
      if (message.messageType === "RC:TypSts") return { kind: "typing", summary: `${message.senderId} is typing to ${message.channelId}` };
      // A message carrying an upload is told by its file's name.
      const said = typeof message.content.fileId === "string" ? message.content.name : message.content.content;
      return { kind: "message", summary: `${message.messageType} from ${message.senderId} to ${message.channelId}${message.seq ? ` (#${message.seq})` : ""} ${quote(said)}` };
    }
    case "message.updated": {
      const { message } = publication;
      return { kind: "message.updated", summary: `${message.recalled ? "recalled" : message.editedAt ? "edited" : "changed"}: #${message.seq ?? "?"} of ${message.senderId} ${quote(message.content.content)}` };
    }
    case "read":
      return { kind: "read", summary: `read ${publication.channelId} up to #${publication.readSeq} on another device` };
    case "readReceipt":
      return { kind: "readReceipt", summary: `${publication.userId} read ${publication.readSeq !== undefined ? `up to #${publication.readSeq}` : `${publication.messageIds?.length ?? 0} messages`}` };
    default:
      return { kind: publication.type, summary: publication.type };
  }
}

/** A webhook delivery as one line, told again whenever its status changes. */
export function describeDelivery(delivery: WebhookDelivery): NewLogEntry {
  return { source: "webhooks", kind: `webhook ${delivery.status}`, summary: `${delivery.eventType} → ${delivery.endpointUrl}`, detail: { ...delivery, body: parseBody(delivery.body) } };
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
