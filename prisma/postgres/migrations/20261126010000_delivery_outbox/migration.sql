-- The outbox: sign-in codes are written to Delivery with the code (encrypted) and sent after the
-- answer, with retries (lib/delivery/outbox.ts).
ALTER TABLE "Delivery" ADD COLUMN "payload" TEXT;
ALTER TABLE "Delivery" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Delivery" ADD COLUMN "nextAttemptAt" TIMESTAMP(3);
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");
