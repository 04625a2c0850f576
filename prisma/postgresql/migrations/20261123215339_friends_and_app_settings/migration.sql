-- AlterTable
ALTER TABLE "App" ADD COLUMN     "settings" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "friendPermission" INTEGER NOT NULL DEFAULT 2;

-- CreateTable
CREATE TABLE "Friendship" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "friendId" TEXT NOT NULL,
    "alias" TEXT,
    "extProfile" TEXT NOT NULL DEFAULT '{}',
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Friendship_pkey" PRIMARY KEY ("appId","userId","friendId")
);

-- CreateTable
CREATE TABLE "FriendRequest" (
    "appId" TEXT NOT NULL,
    "fromUserId" TEXT NOT NULL,
    "toUserId" TEXT NOT NULL,
    "extra" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FriendRequest_pkey" PRIMARY KEY ("appId","fromUserId","toUserId")
);

-- CreateIndex
CREATE INDEX "Friendship_appId_userId_addedAt_idx" ON "Friendship"("appId", "userId", "addedAt");

-- AddForeignKey
ALTER TABLE "Friendship" ADD CONSTRAINT "Friendship_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User"("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

