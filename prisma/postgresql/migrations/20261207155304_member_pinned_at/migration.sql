-- AlterTable
ALTER TABLE "ChannelMember" ADD COLUMN     "pinnedAt" TIMESTAMP(3);

