package dev.palisade.ingest.core.publish;

/** The last revision known to be published, kept where it survives a crash. */
public interface Checkpoint {

    /** 0 when nothing was ever published. */
    long load();

    void save(long revision);
}
