-- The creators search's "contains" (a name, e-mail or handle holding the text typed) at a million creators: a LIKE
-- '%…%' reads every creator in name order until a page is found (5 s for "creator 42" with 1M creators, see README,
-- Benchmarks). A trigram index (FTS5) finds the creators that hold the text, then only those are sorted. One row per
-- creator (its name and e-mail keys, rowid = the creator's rowid) and one per social account (its handle key, rowid =
-- minus the account's rowid), each naming its creator's rowid; kept by the triggers below, in the writer's transaction.
-- Case-sensitive trigrams on the keys, which are already lower-case: a phrase of trigrams matches what LIKE matched.
-- SQLite only: SQL Server keeps the LIKE search (its full-text index has no infix search).
CREATE VIRTUAL TABLE creator_search USING fts5(creator_rowid UNINDEXED, name, email, handle, tokenize = 'trigram case_sensitive 1');

INSERT INTO creator_search (rowid, creator_rowid, name, email)
SELECT rowid, rowid, display_name_key, email_key FROM creator_creators;

INSERT INTO creator_search (rowid, creator_rowid, handle)
SELECT -a.rowid, c.rowid, a.handle_key FROM creator_social_accounts a JOIN creator_creators c ON c.id = a.creator_id;

CREATE TRIGGER tr_creator_search_creator_insert AFTER INSERT ON creator_creators
BEGIN
    INSERT INTO creator_search (rowid, creator_rowid, name, email) VALUES (new.rowid, new.rowid, new.display_name_key, new.email_key);
END;

CREATE TRIGGER tr_creator_search_creator_update AFTER UPDATE OF display_name_key, email_key ON creator_creators
BEGIN
    DELETE FROM creator_search WHERE rowid = old.rowid;
    INSERT INTO creator_search (rowid, creator_rowid, name, email) VALUES (new.rowid, new.rowid, new.display_name_key, new.email_key);
END;

CREATE TRIGGER tr_creator_search_creator_delete AFTER DELETE ON creator_creators
BEGIN
    DELETE FROM creator_search WHERE rowid = old.rowid;
END;

CREATE TRIGGER tr_creator_search_account_insert AFTER INSERT ON creator_social_accounts
BEGIN
    INSERT INTO creator_search (rowid, creator_rowid, handle)
    SELECT -new.rowid, c.rowid, new.handle_key FROM creator_creators c WHERE c.id = new.creator_id;
END;

CREATE TRIGGER tr_creator_search_account_update AFTER UPDATE OF handle_key, creator_id ON creator_social_accounts
BEGIN
    DELETE FROM creator_search WHERE rowid = -old.rowid;
    INSERT INTO creator_search (rowid, creator_rowid, handle)
    SELECT -new.rowid, c.rowid, new.handle_key FROM creator_creators c WHERE c.id = new.creator_id;
END;

CREATE TRIGGER tr_creator_search_account_delete AFTER DELETE ON creator_social_accounts
BEGIN
    DELETE FROM creator_search WHERE rowid = -old.rowid;
END;

-- A page of creators reads their tags by workspace and creator: the tag index (workspace, tag) led the plan through every
-- tag of the workspace.
CREATE INDEX ix_creator_tags_creator ON creator_tags (workspace_id, creator_id, tag);
