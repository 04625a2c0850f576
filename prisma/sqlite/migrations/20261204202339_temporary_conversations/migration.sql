-- AlterTable
ALTER TABLE "Channel" ADD COLUMN "expiresAt" DATETIME;

-- CreateIndex
CREATE INDEX "Channel_type_expiresAt_idx" ON "Channel"("type", "expiresAt");

