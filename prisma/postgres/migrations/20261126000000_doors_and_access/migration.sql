-- Doors, access groups with weekly schedules, validity windows and guest passes (decision 0011).
-- An existing install keeps working unchanged: every kiosk stands at "Front door", and every user
-- is in "Everyone", which opens every door at any time.

CREATE TABLE "Door" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "unlockSeconds" INTEGER NOT NULL DEFAULT 5,
    "lockdown" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Door_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AccessGroup" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "schedule" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccessGroup_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "AccessGroup_name_key" ON "AccessGroup"("name");

CREATE TABLE "AccessGroupDoor" (
    "groupId" TEXT NOT NULL,
    "doorId" TEXT NOT NULL,
    CONSTRAINT "AccessGroupDoor_pkey" PRIMARY KEY ("groupId", "doorId")
);
CREATE INDEX "AccessGroupDoor_doorId_idx" ON "AccessGroupDoor"("doorId");

CREATE TABLE "AccessGroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    CONSTRAINT "AccessGroupMember_pkey" PRIMARY KEY ("groupId", "userId")
);
CREATE INDEX "AccessGroupMember_userId_idx" ON "AccessGroupMember"("userId");

CREATE TABLE "GuestPass" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "maxUses" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "GuestPass_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "GuestPass_userId_key" ON "GuestPass"("userId");
CREATE UNIQUE INDEX "GuestPass_tokenHash_key" ON "GuestPass"("tokenHash");

ALTER TABLE "User" ADD COLUMN "accessFrom" TIMESTAMP(3), ADD COLUMN "accessUntil" TIMESTAMP(3);
ALTER TABLE "Kiosk" ADD COLUMN "doorId" TEXT;
ALTER TABLE "AccessEvent" ADD COLUMN "doorId" TEXT;
CREATE INDEX "AccessEvent_doorId_at_idx" ON "AccessEvent"("doorId", "at");

ALTER TABLE "AccessGroupDoor" ADD CONSTRAINT "AccessGroupDoor_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "AccessGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AccessGroupDoor" ADD CONSTRAINT "AccessGroupDoor_doorId_fkey" FOREIGN KEY ("doorId") REFERENCES "Door"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AccessGroupMember" ADD CONSTRAINT "AccessGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "AccessGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AccessGroupMember" ADD CONSTRAINT "AccessGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "GuestPass" ADD CONSTRAINT "GuestPass_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Kiosk" ADD CONSTRAINT "Kiosk_doorId_fkey" FOREIGN KEY ("doorId") REFERENCES "Door"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "AccessEvent" ADD CONSTRAINT "AccessEvent_doorId_fkey" FOREIGN KEY ("doorId") REFERENCES "Door"("id") ON DELETE SET NULL ON UPDATE CASCADE;

INSERT INTO "Door" ("id", "name") VALUES ('front-door', 'Front door');
INSERT INTO "AccessGroup" ("id", "name") VALUES ('everyone', 'Everyone');
INSERT INTO "AccessGroupDoor" ("groupId", "doorId") VALUES ('everyone', 'front-door');
INSERT INTO "AccessGroupMember" ("groupId", "userId") SELECT 'everyone', "id" FROM "User";
UPDATE "Kiosk" SET "doorId" = 'front-door';
