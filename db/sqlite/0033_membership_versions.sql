-- A membership's role is changed with If-Match like any other update (PATCH /api/v1/members/{personId}): its version is the ETag.
ALTER TABLE platform_memberships ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
