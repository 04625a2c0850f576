import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../../../env";

/**
 * Message types whose content may carry an uploaded file by its id (`content.fileId`):
 * images, voice notes, short videos and files. Whoever reads such a message gets `url`,
 * and for images `thumbnailUrl`, signed at the moment they read it.
 */
export const fileMessageTypes = new Set(["RC:ImgMsg", "RC:GIFMsg", "RC:HQVCMsg", "RC:VcMsg", "RC:SightMsg", "RC:FileMsg"]);
/** The types whose file must be an image, and which are handed a thumbnail URL. */
export const imageMessageTypes = new Set(["RC:ImgMsg", "RC:GIFMsg"]);

/** What a file id looks like (16 random bytes, base64url): anything else in `fileId` is the client's own business. */
export const fileIdPattern = /^[A-Za-z0-9_-]{22}$/;

export type FileVariant = "original" | "thumbnail";

/**
 * URLs of one instant share their expiry (rounded up to this), so a client reading the same
 * message twice within it gets the same URL and its cache keeps working.
 */
const expiryStepSeconds = 300;

// server.ts and Next's route handlers load separate instances of this module: the key lives on globalThis.
const keySlot = Symbol.for("switchboard.fileUrlKey");
type KeyHolder = { [keySlot]?: Buffer };

/** The installation's key that signs file URLs, the same on every node; server.ts hands it over on start. */
export function useFileUrlKey(key: string): void {
  (globalThis as KeyHolder)[keySlot] = Buffer.from(key);
}

function fileUrlKey(): Buffer {
  const key = (globalThis as KeyHolder)[keySlot];
  if (!key) throw new Error("The file URL key was not loaded (useFileUrlKey)");
  return key;
}

/** The path a file (or its thumbnail) is downloaded from, relative to the server's own URL. */
export function filePath(fileId: string, variant: FileVariant): string {
  return variant === "thumbnail" ? `/files/${fileId}/thumbnail` : `/files/${fileId}`;
}

function signature(path: string, expires: number): string {
  return createHmac("sha256", fileUrlKey()).update(`${path}\n${expires}`).digest("base64url");
}

/**
 * A download URL of a file, relative to the server (`/files/<id>?expires=...&signature=...`),
 * valid for SWITCHBOARD_FILE_URL_SECONDS (and up to 5 minutes more) from `now`.
 */
export function signFileUrl(input: { fileId: string; variant?: FileVariant; now?: number }): { url: string; expiresAt: number } {
  const path = filePath(input.fileId, input.variant ?? "original");
  const seconds = Math.ceil(((input.now ?? Date.now()) / 1000 + env.SWITCHBOARD_FILE_URL_SECONDS) / expiryStepSeconds) * expiryStepSeconds;
  return { url: `${path}?expires=${seconds}&signature=${signature(path, seconds)}`, expiresAt: seconds * 1000 };
}

/** Whether a download URL's query signs its path and has not expired; the reason when not. */
export function checkFileUrl(input: { path: string; expires: string | null; signature: string | null; now?: number }): "valid" | "expired" | "forged" {
  if (!input.expires || !input.signature || !/^\d{1,12}$/.test(input.expires)) return "forged";
  const expected = Buffer.from(signature(input.path, Number(input.expires)));
  const given = Buffer.from(input.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "forged";
  return Number(input.expires) * 1000 < (input.now ?? Date.now()) ? "expired" : "valid";
}

/**
 * A message's content as a reader receives it: with the file it carries signed for them now
 * (`url`, and `thumbnailUrl` for images). Content without a file id is returned as it is.
 */
export function withFileUrls(messageType: string, content: Record<string, unknown>): Record<string, unknown> {
  const fileId = content.fileId;
  if (!fileMessageTypes.has(messageType) || typeof fileId !== "string" || !fileIdPattern.test(fileId)) return content;
  return {
    ...content,
    url: signFileUrl({ fileId }).url,
    ...(imageMessageTypes.has(messageType) && { thumbnailUrl: signFileUrl({ fileId, variant: "thumbnail" }).url }),
  };
}

/** `withFileUrls` for content kept as JSON text (the Platform API's history): text without a file comes back unchanged. */
export function contentTextWithFileUrls(messageType: string, content: string): string {
  if (!fileMessageTypes.has(messageType) || !content.includes("fileId")) return content;
  try {
    const parsed = JSON.parse(content) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return content;
    const signed = withFileUrls(messageType, parsed as Record<string, unknown>);
    return signed === parsed ? content : JSON.stringify(signed);
  } catch {
    return content;
  }
}
