package dev.palisade.ingest.adapter.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A row of {@code audit_log} (schema in {@code db/migration}); mapped from the core's AuditEntry. */
@Entity
@Table(name = "audit_log")
public class AuditRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long revision;

    @Column(name = "at")
    private OffsetDateTime at;

    private String actor;
    private String operation;
    private String kind;
    private String namespace;
    private String name;

    @Column(name = "before_json")
    private String before;

    @Column(name = "after_json")
    private String after;

    @Column(name = "forced_json")
    private String forced;

    /** The write's audit note ({@code AuditNote.id}): one row per note; null on rows from before notes existed. */
    @Column(name = "note_id")
    private String noteId;

    protected AuditRecord() {
    }

    AuditRecord(long revision, OffsetDateTime at, String actor, String operation, String kind, String namespace,
                String name, String before, String after, String forced, String noteId) {
        this.revision = revision;
        this.at = at;
        this.actor = actor;
        this.operation = operation;
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.before = before;
        this.after = after;
        this.forced = forced;
        this.noteId = noteId;
    }

    public long revision() {
        return revision;
    }

    public OffsetDateTime at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String operation() {
        return operation;
    }

    public String kind() {
        return kind;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public String before() {
        return before;
    }

    public String after() {
        return after;
    }

    /** JSON array of the protected flows a forced write cut, or null. */
    public String forced() {
        return forced;
    }
}
