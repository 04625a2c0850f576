-- AlterTable
ALTER TABLE "User" ADD COLUMN "deletedAt" DATETIME;

-- CreateIndex
CREATE INDEX "User_appId_deletedAt_idx" ON "User"("appId", "deletedAt");

