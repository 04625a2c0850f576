import type { Readable } from "node:stream";
import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkFileUrl, type FileVariant, filePath } from "../../base/files/file-urls";
import { type ByteRange, getFileStorage } from "./file-storage";

/** `size` is the whole file's; `range` the part of it `body` holds, when a range was asked for. */
export type FileDownload = { name: string; mimeType: string; size: number; body: Readable; expiresAt: number; range?: ByteRange };

/** A Range header that asks for none of the file's bytes (HTTP 416, answered with the file's size). */
export class RangeNotSatisfiable extends ChatError {
  constructor(
    readonly size: number,
    header: string,
  ) {
    super("rangeNotSatisfiable", `The file has ${size} bytes: ${header} asks for none of them`);
  }
}

/**
 * A file's bytes for a signed download URL (see signFileUrl): refused (1009) when the
 * signature does not match the path or has expired, 1010 when the file is gone.
 */
export async function openFileDownload(input: { fileId: string; variant: FileVariant; expires: string | null; signature: string | null; range?: string }): Promise<FileDownload> {
  const checked = checkFileUrl({ path: filePath(input.fileId, input.variant), expires: input.expires, signature: input.signature });
  if (checked === "forged") throw new ChatError("forbidden", "The download URL's signature is missing or wrong");
  if (checked === "expired") throw new ChatError("forbidden", "The download URL has expired; read the message again for a fresh one");
  const file = await db.file.findUnique({ where: { id: input.fileId } });
  if (!file) throw new ChatError("notFound", `No file ${input.fileId}`);
  // An image of a type sharp does not read (HEIC, SVG) has no thumbnail: the image stands in for it.
  const thumbnail = input.variant === "thumbnail" && file.hasThumbnail;
  if (input.variant === "thumbnail" && !thumbnail && !file.mimeType.startsWith("image/")) throw new ChatError("notFound", `No file ${input.fileId} with a thumbnail`);
  // Thumbnails are small and sizes unknown before reading them: ranges are for the files (video players ask for them).
  const range = !thumbnail && input.range ? parseRange(input.range, file.size) : undefined;
  const object = await getFileStorage().get(thumbnail ? `${file.storageKey}.thumbnail` : file.storageKey, range);
  if (!object) throw new ChatError("notFound", `File ${input.fileId} is no longer stored`);
  return {
    name: file.name,
    mimeType: thumbnail ? "image/webp" : file.mimeType,
    size: object.size,
    body: object.body,
    expiresAt: Number(input.expires) * 1000,
    ...(range && { range }),
  };
}

/**
 * One range of an HTTP Range header (`bytes=0-99`, `bytes=100-`, `bytes=-50`) within `size`
 * bytes; undefined for any other form (several ranges, other units), which gets the whole file.
 */
function parseRange(header: string, size: number): ByteRange | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  const range =
    match[1] === ""
      ? { start: Math.max(0, size - Number(match[2])), end: size - 1 }
      : { start: Number(match[1]), end: match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1) };
  if (range.start > range.end || range.start >= size) throw new RangeNotSatisfiable(size, header);
  return range;
}
