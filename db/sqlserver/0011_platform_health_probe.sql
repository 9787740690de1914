-- One row that /health/ready rewrites: a read answers on a full disk or a read-only file, only a committed write
-- tells that the database can take writes.
CREATE TABLE dbo.platform_health_probe (
    id INT NOT NULL CONSTRAINT pk_platform_health_probe PRIMARY KEY,
    probed_at DATETIME2(7) NOT NULL
);

INSERT INTO dbo.platform_health_probe (id, probed_at) VALUES (1, '2000-01-01T00:00:00');
