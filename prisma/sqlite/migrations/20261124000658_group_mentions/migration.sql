-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChannelMember" (
    "channelId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readSeq" INTEGER NOT NULL DEFAULT 0,
    "joinedSeq" INTEGER NOT NULL DEFAULT 0,
    "role" INTEGER NOT NULL DEFAULT 1,
    "mutedUntil" DATETIME,
    "mentionedSeq" INTEGER NOT NULL DEFAULT 0,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "hiddenSeq" INTEGER NOT NULL DEFAULT 0,
    "clearedSeq" INTEGER NOT NULL DEFAULT 0,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("channelId", "userId"),
    CONSTRAINT "ChannelMember_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChannelMember" ("appId", "channelId", "clearedSeq", "hiddenSeq", "joinedAt", "joinedSeq", "mutedUntil", "pinned", "readSeq", "role", "userId") SELECT "appId", "channelId", "clearedSeq", "hiddenSeq", "joinedAt", "joinedSeq", "mutedUntil", "pinned", "readSeq", "role", "userId" FROM "ChannelMember";
DROP TABLE "ChannelMember";
ALTER TABLE "new_ChannelMember" RENAME TO "ChannelMember";
CREATE INDEX "ChannelMember_appId_userId_idx" ON "ChannelMember"("appId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

