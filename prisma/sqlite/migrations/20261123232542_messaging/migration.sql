-- AlterTable
ALTER TABLE "User" ADD COLUMN "deliveredUntil" DATETIME;

-- AlterTable
ALTER TABLE "Channel" ADD COLUMN "extProfile" TEXT;
ALTER TABLE "Channel" ADD COLUMN "name" TEXT;
ALTER TABLE "Channel" ADD COLUMN "ownerId" TEXT;
ALTER TABLE "Channel" ADD COLUMN "permissions" TEXT;
ALTER TABLE "Channel" ADD COLUMN "profile" TEXT;

-- CreateTable
CREATE TABLE "MessageMetadata" (
    "messageId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("messageId", "key"),
    CONSTRAINT "MessageMetadata_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MessageReadReceipt" (
    "messageId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("messageId", "userId"),
    CONSTRAINT "MessageReadReceipt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "hiddenSeq" INTEGER NOT NULL DEFAULT 0,
    "clearedSeq" INTEGER NOT NULL DEFAULT 0,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("channelId", "userId"),
    CONSTRAINT "ChannelMember_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChannelMember" ("appId", "channelId", "joinedAt", "readSeq", "userId") SELECT "appId", "channelId", "joinedAt", "readSeq", "userId" FROM "ChannelMember";
DROP TABLE "ChannelMember";
ALTER TABLE "new_ChannelMember" RENAME TO "ChannelMember";
CREATE INDEX "ChannelMember_appId_userId_idx" ON "ChannelMember"("appId", "userId");
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "senderId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "clientMessageId" TEXT,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "recalledAt" DATETIME,
    "needReadReceipt" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Message_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Message" ("appId", "channelId", "clientMessageId", "content", "id", "senderId", "sentAt", "seq", "type") SELECT "appId", "channelId", "clientMessageId", "content", "id", "senderId", "sentAt", "seq", "type" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE INDEX "Message_channelId_updatedAt_idx" ON "Message"("channelId", "updatedAt");
CREATE INDEX "Message_appId_sentAt_idx" ON "Message"("appId", "sentAt");
CREATE UNIQUE INDEX "Message_channelId_seq_key" ON "Message"("channelId", "seq");
CREATE UNIQUE INDEX "Message_appId_clientMessageId_senderId_key" ON "Message"("appId", "clientMessageId", "senderId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

