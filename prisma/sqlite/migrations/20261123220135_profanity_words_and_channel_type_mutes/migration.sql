-- CreateTable
CREATE TABLE "ProfanityWord" (
    "appId" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "replacement" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("appId", "word"),
    CONSTRAINT "ProfanityWord_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChannelTypeMute" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channelType" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("appId", "userId", "channelType"),
    CONSTRAINT "ChannelTypeMute_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User" ("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ChannelTypeMute_appId_channelType_createdAt_idx" ON "ChannelTypeMute"("appId", "channelType", "createdAt");

