-- CreateTable
CREATE TABLE "RemovedChannel" (
    "appId" TEXT NOT NULL,
    "type" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemovedChannel_pkey" PRIMARY KEY ("appId","type","channelId")
);

-- AddForeignKey
ALTER TABLE "RemovedChannel" ADD CONSTRAINT "RemovedChannel_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

