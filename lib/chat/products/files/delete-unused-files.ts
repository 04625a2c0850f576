import { db, sqlConnectionOf } from "../../../db/client";
import { log } from "../../../log";
import { getFileStorage } from "./file-storage";

/** How long an upload waits for a message to carry it before it is removed. */
export const unattachedFileHours = 24;
/**
 * A file is taken by its message just before the message is stored: one taken longer ago than
 * this whose message is not there failed to be stored (or was deleted), and goes.
 */
const attachmentGraceMs = 10 * 60_000;
/** Files removed per statement, and statements per sweep: a backlog is worked off over several sweeps. */
const batchSize = 500;
const batchesPerSweep = 10;

/**
 * Removes the files nothing keeps any longer: those whose message was deleted (by the sender,
 * an admin, history retention, a removed conversation, a user deleted for good with their
 * messages) or recalled; uploads no message took within `unattachedFileHours`, and at once
 * those of a deleted user. Files follow their messages, so history retention applies to them
 * as it does to the messages. Every node runs it each sweep: the bytes go first, then the
 * row, each batch re-checked, so nodes sweeping at once only repeat each other.
 */
export async function deleteUnusedFiles(now = Date.now()): Promise<number> {
  let removed = 0;
  for (let batch = 0; batch < batchesPerSweep; batch++) {
    const unused = await sqlConnectionOf(db).query<{ id: string; storageKey: string; hasThumbnail: boolean | number }>(
      `SELECT f."id", f."storageKey", f."hasThumbnail" FROM "File" f
       LEFT JOIN "Message" m ON m."id" = f."messageId"
       LEFT JOIN "User" u ON u."appId" = f."appId" AND u."id" = f."uploaderId"
       WHERE (f."messageId" IS NULL AND (f."createdAt" < ? OR u."id" IS NULL OR u."deletedAt" IS NOT NULL))
          OR (f."messageId" IS NOT NULL AND f."attachedAt" < ? AND (m."id" IS NULL OR m."recalledAt" IS NOT NULL))
       LIMIT ${batchSize}`,
      [new Date(now - unattachedFileHours * 3600_000), new Date(now - attachmentGraceMs)],
    );
    if (unused.length === 0) break;
    await getFileStorage().remove(unused.flatMap((file) => (Boolean(file.hasThumbnail) ? [file.storageKey, `${file.storageKey}.thumbnail`] : [file.storageKey])));
    removed += (await db.file.deleteMany({ where: { id: { in: unused.map((file) => file.id) } } })).count;
    if (unused.length < batchSize) break;
  }
  if (removed > 0) log.info("removed unused files", { files: removed });
  return removed;
}
