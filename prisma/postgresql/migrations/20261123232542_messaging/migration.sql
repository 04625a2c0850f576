-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deliveredUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "extProfile" TEXT,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "permissions" TEXT,
ADD COLUMN     "profile" TEXT;

-- AlterTable
ALTER TABLE "ChannelMember" ADD COLUMN     "clearedSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "hiddenSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "joinedSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "mutedUntil" TIMESTAMP(3),
ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "role" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "needReadReceipt" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "recalledAt" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "MessageMetadata" (
    "messageId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageMetadata_pkey" PRIMARY KEY ("messageId","key")
);

-- CreateTable
CREATE TABLE "MessageReadReceipt" (
    "messageId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageReadReceipt_pkey" PRIMARY KEY ("messageId","userId")
);

-- CreateIndex
CREATE INDEX "Message_channelId_updatedAt_idx" ON "Message"("channelId", "updatedAt");

-- AddForeignKey
ALTER TABLE "MessageMetadata" ADD CONSTRAINT "MessageMetadata_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageReadReceipt" ADD CONSTRAINT "MessageReadReceipt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

