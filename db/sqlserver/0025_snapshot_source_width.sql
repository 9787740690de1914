-- A snapshot's source names the export it came from (meta_instagram, youtube_studio, sprout_social…), longer than the
-- 10 characters "api" and "csv" needed.
ALTER TABLE dbo.perf_engagement_snapshots ALTER COLUMN source NVARCHAR(40) NOT NULL;
