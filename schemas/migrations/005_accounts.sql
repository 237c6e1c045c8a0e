-- 005: accounts (SPEC §5). A user has one role; an official belongs to orgs, a reviewer may be
-- limited to plans. Passwords are kept only as Argon2id hashes, tokens only as SHA-256
-- digests. Users are disabled, never deleted: entries name them.

CREATE TABLE users (
  name           TEXT PRIMARY KEY,
  role           TEXT NOT NULL CHECK (role IN ('admin', 'official', 'reviewer', 'leader', 'auditor')),
  password_hash  TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  disabled_at    TEXT
);

CREATE TABLE user_orgs (
  user  TEXT NOT NULL REFERENCES users(name),
  org   TEXT NOT NULL,
  PRIMARY KEY (user, org)
);

CREATE TABLE user_plans (
  user     TEXT NOT NULL REFERENCES users(name),
  plan_id  TEXT NOT NULL,
  PRIMARY KEY (user, plan_id)
);

CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  user        TEXT NOT NULL REFERENCES users(name),
  digest      TEXT NOT NULL UNIQUE CHECK (length(digest) = 64),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  revoked_at  TEXT
);

CREATE TRIGGER users_are_kept BEFORE DELETE ON users
BEGIN
  SELECT RAISE(ABORT, 'users are disabled, never deleted: entries name them');
END;
