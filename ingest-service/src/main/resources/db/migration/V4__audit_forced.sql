-- the protected flows a forced write cut (JSON array of descriptions); null for every other write
ALTER TABLE audit_log ADD COLUMN forced_json text;
