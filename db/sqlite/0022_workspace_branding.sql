-- What the public pages (the release form) show of the workspace: its logo, and where people reach it about their data.
ALTER TABLE platform_workspaces ADD COLUMN logo BLOB NULL;
ALTER TABLE platform_workspaces ADD COLUMN logo_type TEXT NULL;
ALTER TABLE platform_workspaces ADD COLUMN privacy_contact TEXT NULL;
