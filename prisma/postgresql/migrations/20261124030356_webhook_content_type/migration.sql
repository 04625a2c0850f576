-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "contentType" TEXT NOT NULL DEFAULT 'application/json';

