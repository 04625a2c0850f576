-- CreateTable
CREATE TABLE "UserProfile" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "profile" TEXT NOT NULL DEFAULT '{}',
    "extProfile" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("appId", "userId"),
    CONSTRAINT "UserProfile_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User" ("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserTag" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("appId", "userId", "tag"),
    CONSTRAINT "UserTag_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User" ("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UserProfile_appId_updatedAt_idx" ON "UserProfile"("appId", "updatedAt");

