-- DropIndex
DROP INDEX "Message_appId_senderId_clientMessageId_key";

-- CreateIndex
CREATE UNIQUE INDEX "Message_appId_clientMessageId_senderId_key" ON "Message"("appId", "clientMessageId", "senderId");

