-- Ad-disclosure verdicts of deliverables: every check is kept with the rules version it used and a hash of the texts it read,
-- so a changed caption is seen and re-checked, and an old verdict can still be explained by its own rules.
CREATE TABLE campaign_disclosure_verdicts (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaign_campaigns (id),
    deliverable_id TEXT NOT NULL REFERENCES campaign_deliverables (id),
    market TEXT NOT NULL,
    verdict TEXT NOT NULL,
    findings TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    texts_sha256 TEXT NOT NULL,
    facts TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    checked_by TEXT NOT NULL
);

CREATE INDEX ix_campaign_disclosure_verdicts_deliverable ON campaign_disclosure_verdicts (deliverable_id, checked_at);
CREATE INDEX ix_campaign_disclosure_verdicts_campaign ON campaign_disclosure_verdicts (workspace_id, campaign_id);
