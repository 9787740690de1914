-- A membership's role is changed with If-Match like any other update (PATCH /api/v1/members/{personId}): its version is the ETag.
ALTER TABLE dbo.platform_memberships ADD version BIGINT NOT NULL CONSTRAINT df_platform_memberships_version DEFAULT 1;
