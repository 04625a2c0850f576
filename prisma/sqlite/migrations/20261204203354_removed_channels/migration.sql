-- CreateTable
CREATE TABLE "RemovedChannel" (
    "appId" TEXT NOT NULL,
    "type" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "removedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("appId", "type", "channelId"),
    CONSTRAINT "RemovedChannel_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

