-- Doors, access groups with weekly schedules, validity windows and guest passes (decision 0011).
-- An existing install keeps working unchanged: every kiosk stands at "Front door", and every user
-- is in "Everyone", which opens every door at any time.

CREATE TABLE "Door" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "unlockSeconds" INTEGER NOT NULL DEFAULT 5,
    "lockdown" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "AccessGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "schedule" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "AccessGroup_name_key" ON "AccessGroup"("name");

CREATE TABLE "AccessGroupDoor" (
    "groupId" TEXT NOT NULL,
    "doorId" TEXT NOT NULL,
    PRIMARY KEY ("groupId", "doorId"),
    CONSTRAINT "AccessGroupDoor_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "AccessGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccessGroupDoor_doorId_fkey" FOREIGN KEY ("doorId") REFERENCES "Door" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "AccessGroupDoor_doorId_idx" ON "AccessGroupDoor"("doorId");

CREATE TABLE "AccessGroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    PRIMARY KEY ("groupId", "userId"),
    CONSTRAINT "AccessGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "AccessGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccessGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "AccessGroupMember_userId_idx" ON "AccessGroupMember"("userId");

CREATE TABLE "GuestPass" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "maxUses" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "GuestPass_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "GuestPass_userId_key" ON "GuestPass"("userId");
CREATE UNIQUE INDEX "GuestPass_tokenHash_key" ON "GuestPass"("tokenHash");

ALTER TABLE "User" ADD COLUMN "accessFrom" DATETIME;
ALTER TABLE "User" ADD COLUMN "accessUntil" DATETIME;
ALTER TABLE "Kiosk" ADD COLUMN "doorId" TEXT REFERENCES "Door" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "AccessEvent" ADD COLUMN "doorId" TEXT REFERENCES "Door" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "AccessEvent_doorId_at_idx" ON "AccessEvent"("doorId", "at");

INSERT INTO "Door" ("id", "name") VALUES ('front-door', 'Front door');
INSERT INTO "AccessGroup" ("id", "name") VALUES ('everyone', 'Everyone');
INSERT INTO "AccessGroupDoor" ("groupId", "doorId") VALUES ('everyone', 'front-door');
INSERT INTO "AccessGroupMember" ("groupId", "userId") SELECT 'everyone', "id" FROM "User";
UPDATE "Kiosk" SET "doorId" = 'front-door';
