package dev.palisade.driver.nft.kernel;

/**
 * Tells, cheaply, whether the driver's table may have changed since the watch was last cleared, so that the
 * drift check need not list the whole table every interval. A watch that cannot tell ({@link #ALWAYS}) answers
 * true. Thread-safe.
 */
public interface TableWatch extends AutoCloseable {

    TableWatch ALWAYS = new TableWatch() {
        @Override
        public boolean changed() {
            return true;
        }

        @Override
        public void clear() {
        }
    };

    boolean changed();

    /** Called just before the table is listed: changes from now on are reported again. */
    void clear();

    @Override
    default void close() {
    }
}
