-- CreateTable
CREATE TABLE "ProfanityWord" (
    "appId" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "replacement" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProfanityWord_pkey" PRIMARY KEY ("appId","word")
);

-- CreateTable
CREATE TABLE "ChannelTypeMute" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channelType" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelTypeMute_pkey" PRIMARY KEY ("appId","userId","channelType")
);

-- CreateIndex
CREATE INDEX "ChannelTypeMute_appId_channelType_createdAt_idx" ON "ChannelTypeMute"("appId", "channelType", "createdAt");

-- AddForeignKey
ALTER TABLE "ProfanityWord" ADD CONSTRAINT "ProfanityWord_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelTypeMute" ADD CONSTRAINT "ChannelTypeMute_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User"("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

