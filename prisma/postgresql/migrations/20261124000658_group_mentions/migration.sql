-- AlterTable
ALTER TABLE "ChannelMember" ADD COLUMN     "mentionedSeq" INTEGER NOT NULL DEFAULT 0;

