-- Security hardening (issue 15).

-- Sessions that end on the server: a session cookie carries the user's session version at sign-in, and the
-- gate accepts it only while the version is unchanged. Signing out, disabling the user and changing the password bump
-- it, which ends every session of that user at once.
ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;

-- Every rejected row of an import is written to a file as it is found (the history keeps the first 10,000): its name
-- under <data dir>/imports, random so that another database's import of the same id never serves it.
ALTER TABLE "import_batches" ADD COLUMN "rejected_file" TEXT;
