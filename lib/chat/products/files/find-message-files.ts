import type { StoredFileView } from "../../../contract";
import { db } from "../../../db/client";
import { fileIdPattern, fileMessageTypes, signFileUrl } from "../../base/files/file-urls";

/**
 * The files that stored messages carry (their content's `fileId`), by message id, with
 * download URLs signed now: the console shows them. Files already removed are left out.
 */
export async function findMessageFiles(input: { appId: string; messages: { id: string; type: string; content: string; recalled: boolean }[] }): Promise<Map<string, StoredFileView>> {
  const fileIdByMessage = new Map<string, string>();
  for (const message of input.messages) {
    if (message.recalled || !fileMessageTypes.has(message.type)) continue;
    const fileId = readFileId(message.content);
    if (fileId) fileIdByMessage.set(message.id, fileId);
  }
  if (fileIdByMessage.size === 0) return new Map();
  const files = await db.file.findMany({ where: { appId: input.appId, id: { in: [...new Set(fileIdByMessage.values())] } } });
  const byId = new Map(files.map((file) => [file.id, file]));
  const found = new Map<string, StoredFileView>();
  for (const [messageId, fileId] of fileIdByMessage) {
    const file = byId.get(fileId);
    if (!file) continue;
    found.set(messageId, {
      fileId,
      name: file.name,
      mimeType: file.mimeType,
      size: file.size,
      ...(file.width !== null && file.height !== null && { width: file.width, height: file.height }),
      url: signFileUrl({ fileId }).url,
      ...(file.hasThumbnail && { thumbnailUrl: signFileUrl({ fileId, variant: "thumbnail" }).url }),
    });
  }
  return found;
}

function readFileId(content: string): string | undefined {
  try {
    const fileId = (JSON.parse(content) as Record<string, unknown>).fileId;
    return typeof fileId === "string" && fileIdPattern.test(fileId) ? fileId : undefined;
  } catch {
    return undefined;
  }
}
