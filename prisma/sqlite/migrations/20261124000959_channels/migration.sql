-- AlterTable
ALTER TABLE "ChannelTypeMute" ADD COLUMN "expiresAt" DATETIME;

-- AlterTable
ALTER TABLE "ChannelMember" ADD COLUMN "alias" TEXT;
ALTER TABLE "ChannelMember" ADD COLUMN "extra" TEXT;
ALTER TABLE "ChannelMember" ADD COLUMN "nickname" TEXT;

-- CreateTable
CREATE TABLE "ChannelUserRule" (
    "channelId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "extra" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("channelId", "kind", "userId"),
    CONSTRAINT "ChannelUserRule_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OpenChannelParticipant" (
    "channelId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("channelId", "userId"),
    CONSTRAINT "OpenChannelParticipant_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChannelMetadata" (
    "channelId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "autoDelete" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("channelId", "key"),
    CONSTRAINT "ChannelMetadata_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityUserGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "userGroupId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityUserGroup_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityUserGroupMember" (
    "userGroupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userGroupId", "userId"),
    CONSTRAINT "CommunityUserGroupMember_userGroupId_fkey" FOREIGN KEY ("userGroupId") REFERENCES "CommunityUserGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunityUserGroupBinding" (
    "userGroupId" TEXT NOT NULL,
    "subchannelId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userGroupId", "subchannelId"),
    CONSTRAINT "CommunityUserGroupBinding_userGroupId_fkey" FOREIGN KEY ("userGroupId") REFERENCES "CommunityUserGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunityUserGroupBinding_subchannelId_fkey" FOREIGN KEY ("subchannelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationSetting" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channelType" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "subchannelId" TEXT NOT NULL DEFAULT '',
    "level" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("appId", "userId", "channelType", "channelId", "subchannelId")
);

-- CreateTable
CREATE TABLE "UserChannelTag" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("appId", "userId", "tagId")
);

-- CreateTable
CREATE TABLE "ChannelTag" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,
    "channelType" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("appId", "userId", "tagId", "channelType", "channelId"),
    CONSTRAINT "ChannelTag_appId_userId_tagId_fkey" FOREIGN KEY ("appId", "userId", "tagId") REFERENCES "UserChannelTag" ("appId", "userId", "tagId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Channel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "type" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT,
    "ownerId" TEXT,
    "creatorId" TEXT,
    "profile" TEXT,
    "extProfile" TEXT,
    "permissions" TEXT,
    "frozen" BOOLEAN NOT NULL DEFAULT false,
    "parentId" TEXT,
    "isPrivate" BOOLEAN NOT NULL DEFAULT false,
    "destroyType" INTEGER,
    "ttlMinutes" INTEGER,
    "lastActiveAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Channel_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Channel_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Channel" ("appId", "channelId", "createdAt", "extProfile", "id", "lastSeq", "name", "ownerId", "permissions", "profile", "type", "updatedAt") SELECT "appId", "channelId", "createdAt", "extProfile", "id", "lastSeq", "name", "ownerId", "permissions", "profile", "type", "updatedAt" FROM "Channel";
DROP TABLE "Channel";
ALTER TABLE "new_Channel" RENAME TO "Channel";
CREATE INDEX "Channel_parentId_idx" ON "Channel"("parentId");
CREATE UNIQUE INDEX "Channel_appId_type_channelId_key" ON "Channel"("appId", "type", "channelId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ChannelUserRule_channelId_userId_idx" ON "ChannelUserRule"("channelId", "userId");

-- CreateIndex
CREATE INDEX "OpenChannelParticipant_appId_userId_idx" ON "OpenChannelParticipant"("appId", "userId");

-- CreateIndex
CREATE INDEX "OpenChannelParticipant_lastSeenAt_idx" ON "OpenChannelParticipant"("lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommunityUserGroup_channelId_userGroupId_key" ON "CommunityUserGroup"("channelId", "userGroupId");

-- CreateIndex
CREATE INDEX "CommunityUserGroupMember_userId_idx" ON "CommunityUserGroupMember"("userId");

-- CreateIndex
CREATE INDEX "CommunityUserGroupBinding_subchannelId_idx" ON "CommunityUserGroupBinding"("subchannelId");

-- CreateIndex
CREATE INDEX "ChannelTag_appId_userId_channelType_channelId_idx" ON "ChannelTag"("appId", "userId", "channelType", "channelId");

