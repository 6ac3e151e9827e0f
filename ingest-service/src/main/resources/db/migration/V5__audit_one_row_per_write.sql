-- one row per write: the request and the drain of etcd's audit notes (on any replica) may both try to insert it.
-- Keyed by the note, not the revision: etcd revisions start again if etcd is rebuilt while PostgreSQL keeps its rows.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS note_id text;
CREATE UNIQUE INDEX IF NOT EXISTS audit_log_one_row_per_note ON audit_log (note_id);
