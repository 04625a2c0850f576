-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "endpointUrl" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "contentType" TEXT NOT NULL DEFAULT 'application/json',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "WebhookDelivery_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WebhookDelivery" ("appId", "attempts", "body", "createdAt", "deliveredAt", "endpointUrl", "eventType", "id", "leasedUntil", "nextAttemptAt", "orderKey", "status") SELECT "appId", "attempts", "body", "createdAt", "deliveredAt", "endpointUrl", "eventType", "id", "leasedUntil", "nextAttemptAt", "orderKey", "status" FROM "WebhookDelivery";
DROP TABLE "WebhookDelivery";
ALTER TABLE "new_WebhookDelivery" RENAME TO "WebhookDelivery";
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");
CREATE INDEX "WebhookDelivery_endpointUrl_orderKey_status_createdAt_idx" ON "WebhookDelivery"("endpointUrl", "orderKey", "status", "createdAt");
CREATE INDEX "WebhookDelivery_appId_createdAt_idx" ON "WebhookDelivery"("appId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

