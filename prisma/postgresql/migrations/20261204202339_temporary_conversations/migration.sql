-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Channel_type_expiresAt_idx" ON "Channel"("type", "expiresAt");

