-- The workspace's time zone (an IANA id such as Europe/Paris): the console shows times and reads its datetime-local
-- inputs in it. NULL: not chosen, Europe/Paris.
ALTER TABLE platform_workspaces ADD COLUMN time_zone TEXT NULL;
