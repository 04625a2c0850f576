-- AlterTable
ALTER TABLE "PushDevice" ADD COLUMN "packageName" TEXT;

-- CreateTable
CREATE TABLE "MessageStream" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "channelType" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MessageStream_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MessageStream_updatedAt_idx" ON "MessageStream"("updatedAt");

-- CreateIndex
CREATE INDEX "PushDevice_appId_packageName_idx" ON "PushDevice"("appId", "packageName");

