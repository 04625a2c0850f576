-- CreateTable
CREATE TABLE "Friendship" (
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "friendId" TEXT NOT NULL,
    "alias" TEXT,
    "extProfile" TEXT NOT NULL DEFAULT '{}',
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("appId", "userId", "friendId"),
    CONSTRAINT "Friendship_appId_userId_fkey" FOREIGN KEY ("appId", "userId") REFERENCES "User" ("appId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FriendRequest" (
    "appId" TEXT NOT NULL,
    "fromUserId" TEXT NOT NULL,
    "toUserId" TEXT NOT NULL,
    "extra" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("appId", "fromUserId", "toUserId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_App" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'development',
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretExpiresAt" DATETIME,
    "tokenKey" TEXT NOT NULL,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_App" ("createdAt", "environment", "id", "key", "name", "previousSecret", "previousSecretExpiresAt", "secret", "tokenKey", "updatedAt") SELECT "createdAt", "environment", "id", "key", "name", "previousSecret", "previousSecretExpiresAt", "secret", "tokenKey", "updatedAt" FROM "App";
DROP TABLE "App";
ALTER TABLE "new_App" RENAME TO "App";
CREATE UNIQUE INDEX "App_key_key" ON "App"("key");
CREATE TABLE "new_User" (
    "appId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "avatarUrl" TEXT NOT NULL DEFAULT '',
    "tokensValidAfter" DATETIME,
    "bannedUntil" DATETIME,
    "deletedAt" DATETIME,
    "friendPermission" INTEGER NOT NULL DEFAULT 2,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("appId", "id"),
    CONSTRAINT "User_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_User" ("appId", "avatarUrl", "bannedUntil", "createdAt", "deletedAt", "id", "name", "tokensValidAfter", "updatedAt") SELECT "appId", "avatarUrl", "bannedUntil", "createdAt", "deletedAt", "id", "name", "tokensValidAfter", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE INDEX "User_appId_bannedUntil_idx" ON "User"("appId", "bannedUntil");
CREATE INDEX "User_appId_deletedAt_idx" ON "User"("appId", "deletedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Friendship_appId_userId_addedAt_idx" ON "Friendship"("appId", "userId", "addedAt");

