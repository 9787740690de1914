-- A person shown in an asset may be recorded with a birth date: whether they are a minor is decided on the day of each use.
ALTER TABLE ugc_people ADD COLUMN birth_date TEXT NULL;
