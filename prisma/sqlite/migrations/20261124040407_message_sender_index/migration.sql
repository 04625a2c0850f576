-- CreateIndex
CREATE INDEX "Message_appId_senderId_sentAt_idx" ON "Message"("appId", "senderId", "sentAt");

