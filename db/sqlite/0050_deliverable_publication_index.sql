-- The calendar reads a month's deliverables: those due in it (workspace, due date: ix_campaign_deliverables_overdue, 0049) and
-- those published in it, which no index led — the statement read every deliverable of the workspace from the earliest
-- due date on. With this index both ranges are seeks, and only the month's rows are sorted.
CREATE INDEX ix_campaign_deliverables_published ON campaign_deliverables (workspace_id, published_at);
