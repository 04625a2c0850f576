import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { getBus } from "../../../bus";
import type { FileUploadView } from "../../../contract";
import { db } from "../../../db/client";
import { describeError, log } from "../../../log";
import { getAppSettings } from "../../base/apps/app-settings";
import { ChatError } from "../../base/errors";
import { signFileUrl } from "../../base/files/file-urls";
import { authenticateAccessToken } from "../tokens";
import { getFileStorage } from "./file-storage";

/** The longest side of a thumbnail, in pixels. */
const thumbnailSize = 320;
/** Image types whose dimensions and thumbnail are read (sharp's prebuilt formats); an upload of one that cannot be read is refused. */
const readableImageTypes = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif", "image/tiff"]);
const maxNameLength = 255;

export type Uploader = { appId: string; userId: string; maxBytes: number };

/**
 * The first step of an upload, before its body is read: who uploads (the access token), and
 * one more upload in their minute (`fileUploadsPerMinute`, counted on the bus on every node);
 * with the most bytes the file may have.
 */
export async function startUpload(token: string | undefined): Promise<Uploader> {
  if (!token) throw new ChatError("tokenRejected", "An upload needs the user's access token: Authorization: Bearer <token>");
  const user = await authenticateAccessToken(token);
  const settings = await getAppSettings(user.appId);
  const key = `file-uploads:${user.appId}:${user.userId}`;
  const answer = await getBus().consumeRate(key, 1, [{ limit: settings.fileUploadsPerMinute, ms: 60_000 }]);
  if (!answer.allowed) throw new ChatError("operationRateExceeded", `A user may upload at most ${settings.fileUploadsPerMinute} files a minute`, { retryAfterSeconds: 60 });
  return { appId: user.appId, userId: user.userId, maxBytes: settings.fileMaxBytes };
}

/** Whether `mimeType` is among the app's `fileAllowedTypes` (exact, by family as image/*, or *). */
export function isAllowedType(mimeType: string, allowed: readonly string[]): boolean {
  const family = mimeType.split("/", 1)[0];
  return allowed.some((entry) => entry === "*" || entry === mimeType || entry === `${family}/*`);
}

/**
 * Keeps an uploaded file: checks its size and type against the app's settings, reads an
 * image's dimensions and makes its thumbnail, stores the bytes and then the row. Whatever is
 * refused or fails leaves nothing behind. Answers the file's id and a signed download URL.
 */
export async function uploadFile(input: { uploader: Uploader; bytes: Buffer; name: string; mimeType: string }): Promise<FileUploadView> {
  const { uploader, bytes } = input;
  const settings = await getAppSettings(uploader.appId);
  const mimeType = input.mimeType.split(";", 1)[0]!.trim().toLowerCase();
  if (!/^[\w.+-]+\/[\w.+-]+$/.test(mimeType)) throw new ChatError("invalidParameter", `${input.mimeType || "(none)"} is not a media type`);
  if (!isAllowedType(mimeType, settings.fileAllowedTypes)) {
    throw new ChatError("invalidParameter", `Files of type ${mimeType} may not be uploaded in this app; allowed: ${settings.fileAllowedTypes.join(", ")}`);
  }
  if (bytes.length === 0) throw new ChatError("invalidParameter", "The file is empty");
  if (bytes.length > settings.fileMaxBytes) throw new ChatError("payloadTooLarge", `The file has ${bytes.length} bytes; this app takes files of at most ${settings.fileMaxBytes}`);
  const name = cleanName(input.name);
  const image = readableImageTypes.has(mimeType) ? await readImage(bytes, mimeType) : undefined;

  const id = randomBytes(16).toString("base64url");
  const storageKey = `${uploader.appId}/${id}`;
  const storage = getFileStorage();
  const stored: string[] = [];
  try {
    await storage.put(storageKey, bytes, mimeType);
    stored.push(storageKey);
    if (image) {
      await storage.put(`${storageKey}.thumbnail`, image.thumbnail, "image/webp");
      stored.push(`${storageKey}.thumbnail`);
    }
    await db.file.create({
      data: { id, appId: uploader.appId, uploaderId: uploader.userId, name, mimeType, size: bytes.length, width: image?.width, height: image?.height, hasThumbnail: image !== undefined, storageKey },
    });
  } catch (error) {
    await storage.remove(stored).catch((removal: unknown) => log.warn("removing a failed upload's bytes failed", { fileId: id, ...describeError(removal) }));
    throw error;
  }
  const download = signFileUrl({ fileId: id });
  return {
    fileId: id,
    name,
    mimeType,
    size: bytes.length,
    ...(image && { width: image.width, height: image.height, thumbnailUrl: signFileUrl({ fileId: id, variant: "thumbnail" }).url }),
    url: download.url,
    expiresAt: download.expiresAt,
  };
}

/** A file name as stored: no folders, no control characters, at most 255 characters. */
function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/^.*[\\/]/, "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return base.slice(0, maxNameLength) || "file";
}

async function readImage(bytes: Buffer, mimeType: string): Promise<{ width: number; height: number; thumbnail: Buffer }> {
  try {
    const metadata = await sharp(bytes).metadata();
    // EXIF orientations 5 to 8 turn the picture a quarter: the displayed sides swap.
    const turned = (metadata.orientation ?? 1) >= 5;
    const width = turned ? metadata.height : metadata.width;
    const height = turned ? metadata.width : (metadata.pageHeight ?? metadata.height);
    const thumbnail = await sharp(bytes).rotate().resize(thumbnailSize, thumbnailSize, { fit: "inside", withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    return { width, height, thumbnail };
  } catch {
    throw new ChatError("invalidParameter", `The file is not a readable ${mimeType} image`);
  }
}
