-- AlterTable
ALTER TABLE "User" ADD COLUMN "bannedUntil" DATETIME;

-- CreateIndex
CREATE INDEX "User_appId_bannedUntil_idx" ON "User"("appId", "bannedUntil");

