package dev.palisade.driver.nft.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * The kernel port in-process through libnftables: a transaction is one netlink batch, committed all or nothing
 * like {@code nft -f}, without the 10–30 ms of starting a process. The context lives on a {@link NamespaceThread}
 * that has entered the node's namespace, because the context's netlink socket and its interface lookups both
 * belong to the namespace of the thread that uses them.
 */
public final class LibNft extends NftCommandPort {

    private final LibNftables lib;
    private final NamespaceThread thread;
    private final MemorySegment ctx;

    private LibNft(LibNftables lib, String netns) throws NftException {
        this.lib = lib;
        thread = new NamespaceThread("palisade-nft-" + (netns == null ? "host" : netns), () -> {
            if (netns != null) {
                lib.enterNamespace("/run/netns/" + netns);
            }
            return null;
        });
        try {
            ctx = thread.submit(() -> lib.newContext(LibNftables.OUTPUT_JSON));
        } catch (NftException e) {
            thread.close();
            throw e;
        }
    }

    /**
     * The in-process port for {@code netns} (null = the driver's own namespace), or empty when libnftables cannot
     * be loaded here; fails when the namespace cannot be entered.
     */
    public static Optional<NftPort> open(String netns) throws NftException {
        Optional<LibNftables> lib = LibNftables.instance();
        return lib.isEmpty() ? Optional.empty() : Optional.of(new LibNft(lib.get(), netns));
    }

    @Override
    protected Outcome execute(String script, boolean dryRun) throws NftException {
        return thread.submit(() -> lib.run(ctx, script, dryRun));
    }

    @Override
    protected Outcome listJson() throws NftException {
        return thread.submit(() -> lib.run(ctx, listCommand(), false));
    }

    @Override
    public void close() {
        try {
            thread.submit(() -> {
                lib.freeContext(ctx);
                return null;
            });
        } catch (NftException e) {
            // the thread is gone, and the context cannot be used any more either way
        }
        thread.close();
    }
}
