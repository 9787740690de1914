-- What the public pages (the release form) show of the workspace: its logo, and where people reach it about their data.
ALTER TABLE dbo.platform_workspaces ADD logo VARBINARY(MAX) NULL, logo_type NVARCHAR(50) NULL, privacy_contact NVARCHAR(320) NULL;
