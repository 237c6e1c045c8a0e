-- 003 in PostgreSQL's dialect (../003_parts_peers.sql): a ratio's part, a rank's peer.

ALTER TABLE entries ADD COLUMN part TEXT CHECK (part IS NULL OR part IN ('numerator', 'denominator'));
ALTER TABLE entries ADD COLUMN peer TEXT NOT NULL DEFAULT '';
