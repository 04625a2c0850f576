-- CreateTable
CREATE TABLE "UsageCount" (
    "appId" TEXT NOT NULL,
    "span" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "name" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageCount_pkey" PRIMARY KEY ("appId","span","start","name")
);

-- CreateTable
CREATE TABLE "ActiveUser" (
    "appId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ActiveUser_pkey" PRIMARY KEY ("appId","period","userId")
);

-- CreateTable
CREATE TABLE "ConnectionCount" (
    "appId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "nodeId" TEXT NOT NULL,
    "peak" INTEGER NOT NULL,
    "current" INTEGER NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectionCount_pkey" PRIMARY KEY ("appId","hour","nodeId")
);

-- CreateIndex
CREATE INDEX "UsageCount_span_start_idx" ON "UsageCount"("span", "start");

-- CreateIndex
CREATE INDEX "ActiveUser_period_idx" ON "ActiveUser"("period");

-- CreateIndex
CREATE INDEX "ConnectionCount_hour_idx" ON "ConnectionCount"("hour");

-- AddForeignKey
ALTER TABLE "UsageCount" ADD CONSTRAINT "UsageCount_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActiveUser" ADD CONSTRAINT "ActiveUser_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionCount" ADD CONSTRAINT "ConnectionCount_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Daily counts carry over as day buckets.
INSERT INTO "UsageCount" ("appId", "span", "start", "name", "count")
SELECT "appId", 'day', CAST("day" AS TIMESTAMP(3)), "name", "count" FROM "AppDailyCount";

-- DropTable
DROP TABLE "AppDailyCount";
