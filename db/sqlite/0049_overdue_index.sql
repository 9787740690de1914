-- Today counts the overdue deliverables on every visit (a COUNT of those past due and not published, in open campaigns):
-- workspace, due date, id, status and campaign in one index answer it from the index alone, one campaign lookup per
-- row (it loaded the whole overdue list, up to 2,001 rows, and their creators' names: 942 ms with 1M creators). It
-- starts with the columns of ix_campaign_deliverables_due, so it serves that index's reads (the calendar in due-date
-- order) and replaces it: one index to keep up, not two.
CREATE INDEX ix_campaign_deliverables_overdue ON campaign_deliverables (workspace_id, due_on, id, status, campaign_id);
DROP INDEX ix_campaign_deliverables_due;
