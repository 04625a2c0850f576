import type { StoredFileView } from "@/lib/contract";

/**
 * What a stored message says, read from its type and its content's JSON, for the console to
 * show as a chat tool does: the built-in kinds (the field names their clients use) by their
 * fields, anything else as its text or a summary. Content that is not the expected JSON never
 * throws: it shows as it is stored.
 */
export type MessageBody =
  | { kind: "text"; text: string }
  | { kind: "image"; thumbnail: string | null; url: string | null; animated: boolean }
  | { kind: "voice"; durationSeconds: number | null; url: string | null }
  | { kind: "video"; durationSeconds: number | null; thumbnail: string | null; url: string | null; name: string | null; sizeBytes: number | null }
  | { kind: "file"; name: string; sizeBytes: number | null; fileType: string | null; url: string | null }
  | { kind: "location"; latitude: number | null; longitude: number | null; place: string | null; thumbnail: string | null }
  | { kind: "quote"; text: string; quoted: { userId: string | null; messageType: string | null; summary: string } }
  | { kind: "card"; title: string; text: string; url: string | null }
  | { kind: "notice"; text: string }
  | { kind: "other"; text: string };

type Content = Record<string, unknown>;

const unnamedFile = "unnamed file";

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const number = (value: unknown): number | null => {
  const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof parsed === "number" && Number.isFinite(parsed) ? parsed : null;
};
const firstText = (content: Content, fields: string[]) => fields.map((field) => text(content[field])).find((value) => value !== null) ?? null;

/** Only web addresses become links or images: a stored `javascript:` URL stays text. */
function webUrl(value: unknown): string | null {
  const url = text(value);
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/**
 * A thumbnail as clients send it: a web address, a data URL, or bare base64 of a JPEG (the
 * `content` field of images, videos and locations).
 */
export function thumbnailSource(value: unknown): string | null {
  const source = text(value);
  if (!source) return null;
  if (/^https?:\/\//i.test(source)) return source;
  if (/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/.test(source)) return source;
  if (/^[A-Za-z0-9+/=\s]+$/.test(source) && source.length >= 16) return `data:image/jpeg;base64,${source.replace(/\s/g, "")}`;
  return null;
}

/** A file reference of the files API (`fileUrl`, `url`, or the signed `downloadUrl`). */
const fileUrl = (content: Content) => webUrl(content.fileUrl) ?? webUrl(content.url) ?? webUrl(content.downloadUrl) ?? webUrl(content.remoteUrl);

const groupOperations: Record<string, (operator: string, targets: string, data: Content) => string> = {
  Create: (operator, targets, data) => `${operator} created the group${text(data.name) ? ` “${text(data.name)}”` : ""}${targets ? ` with ${targets}` : ""}`,
  Add: (operator, targets) => `${operator} added ${targets || "members"}`,
  Quit: (operator, targets) => `${targets || operator} left the group`,
  Kicked: (operator, targets) => `${operator} removed ${targets || "members"}`,
  Dismiss: (operator) => `${operator} dismissed the group`,
  Transfer: (operator, targets) => `${operator} handed the group over${targets ? ` to ${targets}` : ""}`,
  Update: (operator, _targets, data) => `${operator} changed the group's ${Object.keys(data).filter((key) => key !== "targetUserIds").join(", ") || "profile"}`,
  Rename: (operator, _targets, data) => `${operator} renamed the group${text(data.name) ? ` to “${text(data.name)}”` : ""}`,
};

/** A group notice (RC:GrpNtf) in words: who did what to whom. */
export function groupNoticeText(content: Content): string {
  const operator = text(content.operatorUserId) ?? "someone";
  const data = (typeof content.data === "object" && content.data !== null ? content.data : {}) as Content;
  const targets = Array.isArray(data.targetUserIds) ? data.targetUserIds.filter((id): id is string => typeof id === "string").join(", ") : "";
  const operation = text(content.operation);
  const say = operation ? groupOperations[operation] : undefined;
  if (say) return say(operator, targets, data);
  return text(content.message) ?? `${operator}: ${operation ?? "group changed"}`;
}

/** A short line for a quoted message: its text, or its kind in brackets. */
function quotedSummary(messageType: string | null, quoted: unknown): string {
  if (typeof quoted === "string") {
    const parsed = parseContent(quoted);
    return parsed ? quotedSummary(messageType, parsed) : quoted;
  }
  if (typeof quoted === "object" && quoted !== null) {
    const body = describeMessage(messageType ?? "RC:TxtMsg", quoted as Content);
    return summarize(body);
  }
  return "";
}

function parseContent(stored: string): Content | null {
  try {
    const parsed: unknown = JSON.parse(stored);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Content) : null;
  } catch {
    return null;
  }
}

/** A one-line summary of a body, e.g. for a quote or a list: the text, or the kind in brackets with what names it. */
export function summarize(body: MessageBody): string {
  switch (body.kind) {
    case "text":
    case "notice":
    case "other":
    case "quote":
      return body.text;
    case "image":
      return body.animated ? "[GIF]" : "[Image]";
    case "voice":
      return `[Voice${body.durationSeconds !== null ? ` ${formatDuration(body.durationSeconds)}` : ""}]`;
    case "video":
      return `[Video${body.durationSeconds !== null ? ` ${formatDuration(body.durationSeconds)}` : ""}]`;
    case "file":
      return `[File] ${body.name}`;
    case "location":
      return `[Location]${body.place ? ` ${body.place}` : ""}`;
    case "card":
      return `[Link] ${body.title}`;
  }
}

function describeMessage(messageType: string, content: Content): MessageBody {
  switch (messageType) {
    case "RC:TxtMsg":
    case "RC:StreamMsg":
      return { kind: "text", text: typeof content.content === "string" ? content.content : "" };
    case "RC:ImgMsg":
      return { kind: "image", thumbnail: thumbnailSource(content.content) ?? thumbnailSource(content.thumbnailUrl), url: webUrl(content.imageUri) ?? fileUrl(content), animated: false };
    case "RC:GIFMsg":
      return { kind: "image", thumbnail: thumbnailSource(content.thumbnailUrl), url: webUrl(content.remoteUrl) ?? fileUrl(content), animated: true };
    case "RC:HQVCMsg":
    case "RC:VcMsg":
      return { kind: "voice", durationSeconds: number(content.duration), url: fileUrl(content) };
    case "RC:SightMsg":
      return {
        kind: "video",
        durationSeconds: number(content.duration),
        thumbnail: thumbnailSource(content.content) ?? thumbnailSource(content.thumbnailUrl),
        url: webUrl(content.sightUrl) ?? fileUrl(content),
        name: text(content.name),
        sizeBytes: number(content.size),
      };
    case "RC:FileMsg":
      return { kind: "file", name: text(content.name) ?? unnamedFile, sizeBytes: number(content.size), fileType: text(content.type), url: fileUrl(content) };
    case "RC:LBSMsg":
      return { kind: "location", latitude: number(content.latitude), longitude: number(content.longitude), place: text(content.poi), thumbnail: thumbnailSource(content.content) };
    case "RC:ReferenceMsg": {
      const quotedType = text(content.objName);
      return {
        kind: "quote",
        text: typeof content.content === "string" ? content.content : "",
        quoted: { userId: text(content.referMsgUserId), messageType: quotedType, summary: quotedSummary(quotedType, content.referMsg) },
      };
    }
    case "RC:ImgTextMsg":
      return { kind: "card", title: text(content.title) ?? "", text: text(content.content) ?? "", url: webUrl(content.url) };
    case "RC:GrpNtf":
      return { kind: "notice", text: groupNoticeText(content) };
    case "RC:InfoNtf":
      return { kind: "notice", text: text(content.message) ?? "" };
    case "RC:RcNtf":
      return { kind: "notice", text: `${text(content.operatorId) ?? "someone"} recalled a message` };
    default:
      return { kind: "other", text: firstText(content, ["content", "message", "text", "title", "name"]) ?? JSON.stringify(content) };
  }
}

/** The body of a stored message: its type and its content as stored (JSON text). */
export function messageBody(input: { messageType: string; content: string; file?: StoredFileView }): MessageBody {
  const content = parseContent(input.content);
  if (!content) return { kind: "other", text: input.content };
  const body = describeMessage(input.messageType, content);
  return input.file ? withStoredFile(body, input.file) : body;
}

/**
 * A message carrying an uploaded file (POST /files) shows it through the URLs the server
 * signed for this page (same origin, so relative), and by the name and size it was stored with.
 */
function withStoredFile(body: MessageBody, file: StoredFileView): MessageBody {
  switch (body.kind) {
    case "image":
      return { ...body, thumbnail: file.thumbnailUrl ?? body.thumbnail ?? file.url, url: file.url };
    case "voice":
      return { ...body, url: file.url };
    case "video":
      return { ...body, url: file.url, name: body.name ?? file.name, sizeBytes: body.sizeBytes ?? file.size };
    case "file":
      return { ...body, url: file.url, name: body.name === unnamedFile ? file.name : body.name, sizeBytes: body.sizeBytes ?? file.size, fileType: body.fileType ?? file.mimeType };
    default:
      return body;
  }
}

/** Seconds as m:ss. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** Bytes in the largest unit that keeps a number of at least 1 (B, KB, MB, GB; 1 KB = 1,024 B). */
export function formatSize(bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
