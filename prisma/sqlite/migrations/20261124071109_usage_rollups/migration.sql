-- CreateTable
CREATE TABLE "UsageCount" (
    "appId" TEXT NOT NULL,
    "span" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "name" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("appId", "span", "start", "name"),
    CONSTRAINT "UsageCount_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActiveUser" (
    "appId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("appId", "period", "userId"),
    CONSTRAINT "ActiveUser_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConnectionCount" (
    "appId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "nodeId" TEXT NOT NULL,
    "peak" INTEGER NOT NULL,
    "current" INTEGER NOT NULL,
    "reportedAt" DATETIME NOT NULL,

    PRIMARY KEY ("appId", "hour", "nodeId"),
    CONSTRAINT "ConnectionCount_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UsageCount_span_start_idx" ON "UsageCount"("span", "start");

-- CreateIndex
CREATE INDEX "ActiveUser_period_idx" ON "ActiveUser"("period");

-- CreateIndex
CREATE INDEX "ConnectionCount_hour_idx" ON "ConnectionCount"("hour");


-- Daily counts carry over as day buckets (dates stored as Prisma stores them).
INSERT INTO "UsageCount" ("appId", "span", "start", "name", "count")
SELECT "appId", 'day', "day" || 'T00:00:00.000+00:00', "name", "count" FROM "AppDailyCount";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "AppDailyCount";
PRAGMA foreign_keys=on;
