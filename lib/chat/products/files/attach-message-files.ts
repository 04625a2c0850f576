import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { fileIdPattern, fileMessageTypes, imageMessageTypes } from "../../base/files/file-urls";

/**
 * Checks the file a message carries (`content.fileId` of an image, GIF, voice, video or file
 * message): it must be a file of the sender's app (of an image type for image and GIF
 * messages). Unless another stored message took it first, the file becomes this message's
 * and is removed with it. Called before the message is stored; a message that then fails to be
 * stored leaves the file to the clean-up (delete-unused-files.ts). A message that is not
 * stored (`persisted` false) only has its file checked.
 */
export async function attachMessageFile(input: { appId: string; messageType: string; content: Record<string, unknown>; messageId: string; persisted: boolean }): Promise<void> {
  if (!fileMessageTypes.has(input.messageType) || input.content.fileId === undefined) return;
  const fileId = input.content.fileId;
  if (typeof fileId !== "string" || !fileIdPattern.test(fileId)) throw new ChatError("invalidParameter", "content.fileId must be the id an upload (POST /files) answered");
  const file = await db.file.findFirst({ where: { id: fileId, appId: input.appId }, select: { mimeType: true, messageId: true } });
  if (!file) throw new ChatError("notFound", `No file ${fileId} in this app`);
  if (imageMessageTypes.has(input.messageType) && !file.mimeType.startsWith("image/")) {
    throw new ChatError("invalidParameter", `${input.messageType} carries images; file ${fileId} is ${file.mimeType}`);
  }
  if (!input.persisted || file.messageId === input.messageId) return;
  // Taken by a message that was never stored (a send that failed, retried under a new id): this one takes it.
  const taken = file.messageId !== null && (await db.message.count({ where: { id: file.messageId, appId: input.appId } })) > 0;
  if (!taken) {
    await db.file.updateMany({ where: { id: fileId, appId: input.appId, messageId: file.messageId }, data: { messageId: input.messageId, attachedAt: new Date() } });
  }
}
