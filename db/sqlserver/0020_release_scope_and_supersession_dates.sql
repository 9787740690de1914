-- A person's image release has its own scope (channels, territories, period) and can be withdrawn (Code civil, art. 9);
-- a grant's supersession takes effect on a date: the old grant covers until the day before.
ALTER TABLE dbo.ugc_people ADD release_scope NVARCHAR(MAX) NULL, release_withdrawn_on DATE NULL;
ALTER TABLE dbo.ugc_grants ADD superseded_from DATE NULL;
