-- An outbox row may stand for a range of access events (AccessEvent ids accessEventId through
-- lastAccessEventId): SQLite's group commit writes one row per batch of scans instead of one per
-- scan (decision 0013, addendum "one row per batch").
ALTER TABLE "OutboxMessage" ADD COLUMN "lastAccessEventId" INTEGER;
