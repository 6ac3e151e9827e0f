package dev.palisade.bench;

/** When a process watching some log first saw each revision ({@link System#nanoTime()}). */
interface RevisionTimes {

    /** Null while the revision has not been seen. */
    Long seen(long revision);
}
