-- Media stored by the product (the Media module): each file once, under a key of the application's making, in the storage
-- Storage:Provider names (the file system or an S3-compatible bucket). The row holds what the answer shows; the bytes are in storage.
CREATE TABLE dbo.media_files (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_media_files PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_media_files_workspace REFERENCES dbo.platform_workspaces (id),
    content_type NVARCHAR(100) NOT NULL,
    bytes BIGINT NOT NULL,
    sha256 NCHAR(64) NOT NULL,
    width INT NULL,
    height INT NULL,
    storage_key NVARCHAR(200) NOT NULL,
    thumbnail_key NVARCHAR(200) NULL,
    created_by NVARCHAR(40) NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_media_files_workspace ON dbo.media_files (workspace_id, created_at, id);

-- Whose media a file is: set when a creator's draft references it, so their erasure deletes it and their export lists it.
CREATE TABLE dbo.media_creator_links (
    media_id NVARCHAR(40) NOT NULL CONSTRAINT fk_media_creator_links_media REFERENCES dbo.media_files (id),
    creator_id NVARCHAR(40) NOT NULL,
    workspace_id NVARCHAR(40) NOT NULL,
    linked_at DATETIME2(7) NOT NULL,
    CONSTRAINT pk_media_creator_links PRIMARY KEY (media_id, creator_id)
);

CREATE INDEX ix_media_creator_links_creator ON dbo.media_creator_links (workspace_id, creator_id);

-- Objects whose rows are gone (an erasure), deleted from storage by the media purge once the removal has committed.
CREATE TABLE dbo.media_purges (
    storage_key NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_media_purges PRIMARY KEY,
    queued_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_media_purges_queued ON dbo.media_purges (queued_at);

-- A draft's stored media, as they were when it was submitted (id, content type, bytes, SHA-256, size): a JSON array.
ALTER TABLE dbo.campaign_deliverables ADD draft_files NVARCHAR(MAX) NULL;

-- A UGC asset may be a file stored here.
ALTER TABLE dbo.ugc_assets ADD media_id NVARCHAR(40) NULL;
