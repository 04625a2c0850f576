-- CreateTable
CREATE TABLE "SessionWill" (
    "sessionId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionWill_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "NodeLease" (
    "nodeId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NodeLease_pkey" PRIMARY KEY ("nodeId")
);

-- CreateIndex
CREATE INDEX "SessionWill_nodeId_idx" ON "SessionWill"("nodeId");

-- AddForeignKey
ALTER TABLE "SessionWill" ADD CONSTRAINT "SessionWill_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

