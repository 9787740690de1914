-- One row that /health/ready rewrites: a read answers on a full disk or a read-only file, only a committed write
-- tells that the database can take writes.
CREATE TABLE platform_health_probe (
    id INTEGER NOT NULL PRIMARY KEY,
    probed_at TEXT NOT NULL
);

INSERT INTO platform_health_probe (id, probed_at) VALUES (1, '2000-01-01T00:00:00.0000000Z');
