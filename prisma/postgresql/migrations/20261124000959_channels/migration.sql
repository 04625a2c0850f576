-- AlterTable
ALTER TABLE "ChannelTypeMute" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "creatorId" TEXT,
ADD COLUMN     "destroyType" INTEGER,
ADD COLUMN     "frozen" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "isPrivate" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lastActiveAt" TIMESTAMP(3),
ADD COLUMN     "parentId" TEXT,
ADD COLUMN     "ttlMinutes" INTEGER;

-- AlterTable
ALTER TABLE "ChannelMember" ADD COLUMN     "alias" TEXT,
ADD COLUMN     "extra" TEXT,
ADD COLUMN     "nickname" TEXT;

-- CreateTable
CREATE TABLE "ChannelUserRule" (
    "channelId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "extra" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelUserRule_pkey" PRIMARY KEY ("channelId","kind","userId")
);

-- CreateTable
CREATE TABLE "OpenChannelParticipant" (
    "channelId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenChannelParticipant_pkey" PRIMARY KEY ("channelId","userId")
);

-- CreateTable
CREATE TABLE "ChannelMetadata" (
    "channelId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "autoDelete" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelMetadata_pkey" PRIMARY KEY ("channelId","key")
);

-- CreateTable
CREATE TABLE "CommunityUserGroup" (
    "id" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "userGroupId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityUserGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityUserGroupMember" (
    "userGroupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityUserGroupMember_pkey" PRIMARY KEY ("userGroupId","userId")
);

-- CreateTable
CREATE TABLE "CommunityUserGroupBinding" (
    "userGroupId" TEXT NOT NULL,
    "subchannelId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityUserGroupBinding_pkey" PRIMARY KEY ("userGroupId","subchannelId")
);

-- CreateTable
CREATE TABLE "NotificationSetting" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channelType" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "subchannelId" TEXT NOT NULL DEFAULT '',
    "level" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSetting_pkey" PRIMARY KEY ("appId","userId","channelType","channelId","subchannelId")
);

-- CreateTable
CREATE TABLE "UserChannelTag" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserChannelTag_pkey" PRIMARY KEY ("appId","userId","tagId")
);

-- CreateTable
CREATE TABLE "ChannelTag" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,
    "channelType" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelTag_pkey" PRIMARY KEY ("appId","userId","tagId","channelType","channelId")
);

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

-- CreateIndex
CREATE INDEX "Channel_parentId_idx" ON "Channel"("parentId");

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelUserRule" ADD CONSTRAINT "ChannelUserRule_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenChannelParticipant" ADD CONSTRAINT "OpenChannelParticipant_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelMetadata" ADD CONSTRAINT "ChannelMetadata_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityUserGroup" ADD CONSTRAINT "CommunityUserGroup_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityUserGroupMember" ADD CONSTRAINT "CommunityUserGroupMember_userGroupId_fkey" FOREIGN KEY ("userGroupId") REFERENCES "CommunityUserGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityUserGroupBinding" ADD CONSTRAINT "CommunityUserGroupBinding_userGroupId_fkey" FOREIGN KEY ("userGroupId") REFERENCES "CommunityUserGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityUserGroupBinding" ADD CONSTRAINT "CommunityUserGroupBinding_subchannelId_fkey" FOREIGN KEY ("subchannelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelTag" ADD CONSTRAINT "ChannelTag_appId_userId_tagId_fkey" FOREIGN KEY ("appId", "userId", "tagId") REFERENCES "UserChannelTag"("appId", "userId", "tagId") ON DELETE CASCADE ON UPDATE CASCADE;

