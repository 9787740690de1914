-- Ad-disclosure verdicts of deliverables: every check is kept with the rules version it used and a hash of the texts it read,
-- so a changed caption is seen and re-checked, and an old verdict can still be explained by its own rules.
CREATE TABLE dbo.campaign_disclosure_verdicts (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_campaign_disclosure_verdicts PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    campaign_id NVARCHAR(40) NOT NULL CONSTRAINT fk_campaign_disclosure_verdicts_campaign REFERENCES dbo.campaign_campaigns (id),
    deliverable_id NVARCHAR(40) NOT NULL CONSTRAINT fk_campaign_disclosure_verdicts_deliverable REFERENCES dbo.campaign_deliverables (id),
    market NCHAR(2) NOT NULL,
    verdict NVARCHAR(10) NOT NULL,
    findings NVARCHAR(MAX) NOT NULL,
    rules_version NVARCHAR(20) NOT NULL,
    texts_sha256 NCHAR(64) NOT NULL,
    facts NVARCHAR(MAX) NOT NULL,
    checked_at DATETIME2(7) NOT NULL,
    checked_by NVARCHAR(40) NOT NULL
);

CREATE INDEX ix_campaign_disclosure_verdicts_deliverable ON dbo.campaign_disclosure_verdicts (deliverable_id, checked_at);
CREATE INDEX ix_campaign_disclosure_verdicts_campaign ON dbo.campaign_disclosure_verdicts (workspace_id, campaign_id);
