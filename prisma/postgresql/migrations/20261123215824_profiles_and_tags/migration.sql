-- CreateTable
CREATE TABLE "UserProfile" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "profile" TEXT NOT NULL DEFAULT '{}',
    "extProfile" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserProfile_pkey" PRIMARY KEY ("appId","userId")
);

-- CreateTable
CREATE TABLE "UserTag" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "UserTag_pkey" PRIMARY KEY ("appId","userId","tag")
);

-- CreateIndex
CREATE INDEX "UserProfile_appId_updatedAt_idx" ON "UserProfile"("appId", "updatedAt");

-- AddForeignKey
ALTER TABLE "UserProfile" ADD CONSTRAINT "UserProfile_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User"("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserTag" ADD CONSTRAINT "UserTag_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User"("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

