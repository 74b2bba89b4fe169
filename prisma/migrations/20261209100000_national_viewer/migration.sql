-- The national pages (issue 20): a national viewer role, and a user of a national instance bound to one province (its
-- identity, the federated rows' `province`): units are keyed (province, id) there, so a user cannot be bound by unit id.
ALTER TYPE "user_role" ADD VALUE IF NOT EXISTS 'national';

-- On a national instance: the province whose pages the user may see (null: every province, for the national roles).
ALTER TABLE "users" ADD COLUMN "province" TEXT;
