-- A reward job counts the direct referrals of each member of the buyer's upline by level
-- (SELECT parent_id, level, COUNT(*) ... WHERE parent_id = ANY(?) GROUP BY parent_id, level).
-- With the level in the index the counts come from the index alone, without reading a customer row
-- (2.5x faster on H2); the index also serves every lookup by parent_id, so the old one goes.
CREATE INDEX customer_parent_level ON customer (parent_id, level);
DROP INDEX customer_parent;
