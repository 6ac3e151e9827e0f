-- the drivers' per-rule hit counters (docs/dataplane-driver.md), as the last report carried them
ALTER TABLE node_status
    ADD COLUMN rule_counters    jsonb       NOT NULL DEFAULT '[]',
    ADD COLUMN counters_read_at timestamptz;
