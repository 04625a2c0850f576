import type { ErrorBody, FileUploadView } from "../../../lib/contract/index.js";

/** What `uploadFile` takes: the bytes, from a file picker (a `File` is a `Blob`), a fetch or a buffer. */
export type FileData = Blob | ArrayBuffer | Uint8Array;

/** The message types that carry an uploaded file as `content.fileId` (docs/protocol.md, "Files in messages"). */
export type FileMessageType = "RC:ImgMsg" | "RC:GIFMsg" | "RC:HQVCMsg" | "RC:VcMsg" | "RC:SightMsg" | "RC:FileMsg";

/**
 * The server's HTTP address for a gateway URL: the same host, ws → http, wss → https
 * (`wss://chat.example.com/connection/websocket` → `https://chat.example.com`).
 */
export function httpAddressOf(websocketUrl: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const address = new URL(websocketUrl, base);
  const protocol = address.protocol === "wss:" || address.protocol === "https:" ? "https:" : "http:";
  return `${protocol}//${address.host}`;
}

/** The answer of `POST /files`: `{code: 0, result}`, or the error shape `{code, errorMessage}`. */
export type UploadAnswer = { ok: true; file: FileUploadView } | { ok: false; code: number; message: string; temporary: boolean };

/**
 * Uploads the bytes as one raw body (`POST <address>/files?name=...`, the file's type as
 * Content-Type, the user's access token as `Authorization: Bearer`). Never rejects: a
 * refusal, an answer that is not the server's, and a request that got no answer (code 0,
 * temporary) come back as `ok: false`.
 */
export async function postFile(input: { address: string; token: string; data: FileData; name?: string; type?: string }): Promise<UploadAnswer> {
  const { data } = input;
  const name = input.name ?? (typeof File !== "undefined" && data instanceof File ? data.name : "file");
  const type = input.type || (data instanceof Blob ? data.type : "") || "application/octet-stream";
  let response: Response;
  try {
    response = await fetch(`${input.address}/files?${new URLSearchParams({ name })}`, {
      method: "POST",
      headers: { authorization: `Bearer ${input.token}`, "content-type": type },
      // Sent as they are: a Uint8Array's buffer may be typed as shared, which no body takes.
      body: data as Blob | ArrayBuffer,
    });
  } catch (error) {
    return { ok: false, code: 0, message: `The upload got no answer: ${error instanceof Error ? error.message : String(error)}`, temporary: true };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const answer = body as ({ code: 0; result: FileUploadView } | ErrorBody) | undefined;
  if (response.ok && answer?.code === 0 && "result" in answer) return { ok: true, file: answer.result };
  if (answer && typeof answer.code === "number" && "errorMessage" in answer) {
    return { ok: false, code: answer.code, message: answer.errorMessage, temporary: answer.code === unavailableCode };
  }
  return { ok: false, code: 0, message: `The upload was answered HTTP ${response.status} without Switchboard's answer`, temporary: response.status >= 500 };
}

/** The database is out of reach for a moment (README, "Errors"): trying again later may work. */
const unavailableCode = 1015;

/**
 * The `messageType` and `content` of a message that carries an upload, for `sendMessage`,
 * `sendDirectMessage` and the other sends: `client.sendDirectMessage({ to: "bob",
 * ...fileMessage(upload) })`. The type follows the file's unless given (image/gif a GIF, other
 * images an image, audio a voice message, video a short video, anything else a file); the
 * content holds `fileId` and what clients show before they download: `name` and `size`,
 * an image's `width` and `height`, a file's `type` (its extension, as file messages name it),
 * and `duration` in seconds for voice and video when given. `content` adds fields of your
 * own (a caption, say), or replaces those. The server adds `url` (and `thumbnailUrl` to images and GIFs) for
 * every reader: put no URL of your own in.
 */
export function fileMessage(upload: FileUploadView, options: { messageType?: FileMessageType; duration?: number; content?: Record<string, unknown> } = {}): {
  messageType: FileMessageType;
  content: Record<string, unknown>;
} {
  const messageType = options.messageType ?? fileMessageTypeOf(upload.mimeType);
  const content: Record<string, unknown> = { fileId: upload.fileId, name: upload.name, size: upload.size };
  if (upload.width !== undefined && upload.height !== undefined && (messageType === "RC:ImgMsg" || messageType === "RC:GIFMsg" || messageType === "RC:SightMsg")) {
    content.width = upload.width;
    content.height = upload.height;
  }
  if (messageType === "RC:FileMsg") {
    const extension = /\.([A-Za-z0-9]{1,16})$/.exec(upload.name)?.[1];
    if (extension) content.type = extension.toLowerCase();
  }
  if (options.duration !== undefined && (messageType === "RC:HQVCMsg" || messageType === "RC:VcMsg" || messageType === "RC:SightMsg")) content.duration = options.duration;
  return { messageType, content: { ...content, ...options.content } };
}

/** The message type a file of `mimeType` is sent as by default. */
export function fileMessageTypeOf(mimeType: string): FileMessageType {
  if (mimeType === "image/gif") return "RC:GIFMsg";
  if (mimeType.startsWith("image/")) return "RC:ImgMsg";
  if (mimeType.startsWith("audio/")) return "RC:HQVCMsg";
  if (mimeType.startsWith("video/")) return "RC:SightMsg";
  return "RC:FileMsg";
}
