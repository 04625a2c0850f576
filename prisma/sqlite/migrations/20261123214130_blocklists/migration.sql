-- CreateTable
CREATE TABLE "BlocklistEntry" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "blockedUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("appId", "userId", "blockedUserId"),
    CONSTRAINT "BlocklistEntry_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User" ("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BlocklistEntry_appId_userId_createdAt_idx" ON "BlocklistEntry"("appId", "userId", "createdAt");

