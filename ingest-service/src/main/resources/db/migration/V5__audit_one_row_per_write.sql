-- one row per write: the audit log's request and its drain of etcd's notes may both try to insert it
CREATE UNIQUE INDEX IF NOT EXISTS audit_log_one_row_per_write ON audit_log (revision, kind, name, (coalesce(namespace, '')));
