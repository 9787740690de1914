-- A person shown in an asset may be recorded with a birth date: whether they are a minor is decided on the day of each use.
ALTER TABLE dbo.ugc_people ADD birth_date DATE NULL;
