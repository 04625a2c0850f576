-- AlterTable
ALTER TABLE "User" ADD COLUMN     "bannedUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "User_appId_bannedUntil_idx" ON "User"("appId", "bannedUntil");

