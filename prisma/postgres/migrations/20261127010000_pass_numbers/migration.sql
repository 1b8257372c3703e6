-- Pass numbers (lib/door/short-code.ts): 6 random characters of Crockford's base32 naming a user's
-- pass in the short code people type at a kiosk. Every existing user gets one here; new users get
-- theirs with their pass (lib/door/assign-pass-number.ts). Numbers drawn twice are drawn again
-- before the unique index is built (32^6 numbers: a second redraw is already most unlikely).
ALTER TABLE "User" ADD COLUMN "passNumber" TEXT;

UPDATE "User" SET "passNumber" =
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1);

UPDATE "User" SET "passNumber" =
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1)
WHERE "passNumber" IN (SELECT "passNumber" FROM "User" GROUP BY "passNumber" HAVING COUNT(*) > 1);

UPDATE "User" SET "passNumber" =
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1)
WHERE "passNumber" IN (SELECT "passNumber" FROM "User" GROUP BY "passNumber" HAVING COUNT(*) > 1);

CREATE UNIQUE INDEX "User_passNumber_key" ON "User"("passNumber");
