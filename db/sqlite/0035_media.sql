-- Media stored by the product (the Media module): each file once, under a key of the application's making, in the storage
-- Storage:Provider names (the file system or an S3-compatible bucket). The row holds what the answer shows; the bytes are in storage.
CREATE TABLE media_files (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    content_type TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER NULL,
    height INTEGER NULL,
    storage_key TEXT NOT NULL,
    thumbnail_key TEXT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_media_files_workspace ON media_files (workspace_id, created_at, id);

-- Whose media a file is: set when a creator's draft references it, so their erasure deletes it and their export lists it.
CREATE TABLE media_creator_links (
    media_id TEXT NOT NULL REFERENCES media_files (id),
    creator_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    linked_at TEXT NOT NULL,
    PRIMARY KEY (media_id, creator_id)
);

CREATE INDEX ix_media_creator_links_creator ON media_creator_links (workspace_id, creator_id);

-- Objects whose rows are gone (an erasure), deleted from storage by the media purge once the removal has committed.
CREATE TABLE media_purges (
    storage_key TEXT NOT NULL PRIMARY KEY,
    queued_at TEXT NOT NULL
);

CREATE INDEX ix_media_purges_queued ON media_purges (queued_at);

-- A draft's stored media, as they were when it was submitted (id, content type, bytes, SHA-256, size): a JSON array.
ALTER TABLE campaign_deliverables ADD COLUMN draft_files TEXT NULL;

-- A UGC asset may be a file stored here.
ALTER TABLE ugc_assets ADD COLUMN media_id TEXT NULL;
