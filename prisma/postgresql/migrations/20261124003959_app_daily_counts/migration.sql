-- CreateTable
CREATE TABLE "AppDailyCount" (
    "appId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AppDailyCount_pkey" PRIMARY KEY ("appId","name","day")
);

-- AddForeignKey
ALTER TABLE "AppDailyCount" ADD CONSTRAINT "AppDailyCount_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

