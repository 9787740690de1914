-- A person's image release has its own scope (channels, territories, period) and can be withdrawn (Code civil, art. 9);
-- a grant's supersession takes effect on a date: the old grant covers until the day before.
ALTER TABLE ugc_people ADD COLUMN release_scope TEXT NULL;
ALTER TABLE ugc_people ADD COLUMN release_withdrawn_on TEXT NULL;
ALTER TABLE ugc_grants ADD COLUMN superseded_from TEXT NULL;
