import type { Readable } from "node:stream";
import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkFileUrl, type FileVariant, filePath } from "../../base/files/file-urls";
import { getFileStorage } from "./file-storage";

export type FileDownload = { name: string; mimeType: string; size: number; body: Readable; expiresAt: number };

/**
 * A file's bytes for a signed download URL (see signFileUrl): refused (1009) when the
 * signature does not match the path or has expired, 1010 when the file is gone.
 */
export async function openFileDownload(input: { fileId: string; variant: FileVariant; expires: string | null; signature: string | null }): Promise<FileDownload> {
  const checked = checkFileUrl({ path: filePath(input.fileId, input.variant), expires: input.expires, signature: input.signature });
  if (checked === "forged") throw new ChatError("forbidden", "The download URL's signature is missing or wrong");
  if (checked === "expired") throw new ChatError("forbidden", "The download URL has expired; read the message again for a fresh one");
  const file = await db.file.findUnique({ where: { id: input.fileId } });
  if (!file) throw new ChatError("notFound", `No file ${input.fileId}`);
  // An image of a type sharp does not read (HEIC, SVG) has no thumbnail: the image stands in for it.
  const thumbnail = input.variant === "thumbnail" && file.hasThumbnail;
  if (input.variant === "thumbnail" && !thumbnail && !file.mimeType.startsWith("image/")) throw new ChatError("notFound", `No file ${input.fileId} with a thumbnail`);
  const object = await getFileStorage().get(thumbnail ? `${file.storageKey}.thumbnail` : file.storageKey);
  if (!object) throw new ChatError("notFound", `File ${input.fileId} is no longer stored`);
  return {
    name: file.name,
    mimeType: thumbnail ? "image/webp" : file.mimeType,
    size: object.size,
    body: object.body,
    expiresAt: Number(input.expires) * 1000,
  };
}
