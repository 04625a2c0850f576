-- CreateTable
CREATE TABLE "BlocklistEntry" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "blockedUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlocklistEntry_pkey" PRIMARY KEY ("appId","userId","blockedUserId")
);

-- CreateIndex
CREATE INDEX "BlocklistEntry_appId_userId_createdAt_idx" ON "BlocklistEntry"("appId", "userId", "createdAt");

-- AddForeignKey
ALTER TABLE "BlocklistEntry" ADD CONSTRAINT "BlocklistEntry_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User"("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

