-- Door control and events (lib/events): the outbox of MQTT messages and webhooks, written in the
-- transaction of what they tell; webhook endpoints and their deliveries; kiosk presence.
ALTER TABLE "Kiosk" ADD COLUMN "online" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Kiosk" ADD COLUMN "presenceChangedAt" TIMESTAMP(3);

CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "doorId" TEXT,
    "accessEventId" INTEGER,
    "kioskId" TEXT,
    "payload" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedUntil" TIMESTAMP(3) NOT NULL,
    "fannedOutAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT
);

CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "eventTypes" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastAttemptAt" TIMESTAMP(3),
    CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventId_key" ON "WebhookDelivery"("endpointId", "eventId");
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");
CREATE INDEX "WebhookDelivery_createdAt_idx" ON "WebhookDelivery"("createdAt");
