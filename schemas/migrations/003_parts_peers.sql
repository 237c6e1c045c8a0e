-- 003: the second edition's kinds (SPEC §1). A ratio target's entry may log one of its parts
-- (PLAN/TARGET:numerator, :denominator) and a rank target's entry a peer's value (--peer).
-- Other entries keep part NULL and peer ''.

ALTER TABLE entries ADD COLUMN part TEXT CHECK (part IS NULL OR part IN ('numerator', 'denominator'));
ALTER TABLE entries ADD COLUMN peer TEXT NOT NULL DEFAULT '';
