-- what the dataplane drivers report on palisade.status beyond the revision (docs/dataplane-format.md)
ALTER TABLE node_status
    ADD COLUMN attempted_revision bigint NOT NULL DEFAULT -1,
    ADD COLUMN apply_millis       bigint NOT NULL DEFAULT 0,
    ADD COLUMN rules              int    NOT NULL DEFAULT 0,
    ADD COLUMN sets               int    NOT NULL DEFAULT 0,
    ADD COLUMN set_elements       int    NOT NULL DEFAULT 0;
