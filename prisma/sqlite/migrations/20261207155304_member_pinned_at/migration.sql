-- AlterTable
ALTER TABLE "ChannelMember" ADD COLUMN "pinnedAt" DATETIME;

