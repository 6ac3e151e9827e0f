package dev.palisade.driver.nft.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The few calls of {@code libnftables.so.1} the driver needs, through the Foreign Function & Memory API.
 *
 * <p>Every call holds one process-wide lock: libnftables 1.0.x keeps its interface cache in globals and frees it
 * after each command, and {@code nft_ctx_new} has an unguarded one-time init, so two contexts used at once crash
 * the JVM (see shared/recipes/libnftables-ffm.md). In-process commands take 0.5–2 ms, so one lock still serves
 * hundreds of nodes. A context must be created and used on the thread that entered the node's namespace
 * ({@link NamespaceThread}).
 */
public final class LibNftables {

    /** {@code NFT_CTX_OUTPUT_JSON} from libnftables.h. */
    static final int OUTPUT_JSON = 1 << 4;
    /** {@code NFT_CTX_DEFAULT} from libnftables.h. */
    private static final int CTX_DEFAULT = 0;
    /** {@code CLONE_NEWNET}, for setns(2). */
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Optional<LibNftables> INSTANCE = load();

    private final MethodHandle ctxNew;
    private final MethodHandle ctxFree;
    private final MethodHandle setOutputFlags;
    private final MethodHandle setDryRun;
    private final MethodHandle bufferOutput;
    private final MethodHandle bufferError;
    private final MethodHandle getOutput;
    private final MethodHandle getError;
    private final MethodHandle runFromBuffer;
    private final MethodHandle open;
    private final MethodHandle setns;
    private final MethodHandle close;

    private LibNftables(SymbolLookup nft, SymbolLookup libc) {
        Linker linker = Linker.nativeLinker();
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        ValueLayout ptr = ValueLayout.ADDRESS;
        ctxNew = handle(linker, nft, "nft_ctx_new", FunctionDescriptor.of(ptr, i));
        ctxFree = handle(linker, nft, "nft_ctx_free", FunctionDescriptor.ofVoid(ptr));
        setOutputFlags = handle(linker, nft, "nft_ctx_output_set_flags", FunctionDescriptor.ofVoid(ptr, i));
        setDryRun = handle(linker, nft, "nft_ctx_set_dry_run", FunctionDescriptor.ofVoid(ptr, ValueLayout.JAVA_BOOLEAN));
        bufferOutput = handle(linker, nft, "nft_ctx_buffer_output", FunctionDescriptor.of(i, ptr));
        bufferError = handle(linker, nft, "nft_ctx_buffer_error", FunctionDescriptor.of(i, ptr));
        getOutput = handle(linker, nft, "nft_ctx_get_output_buffer", FunctionDescriptor.of(ptr, ptr));
        getError = handle(linker, nft, "nft_ctx_get_error_buffer", FunctionDescriptor.of(ptr, ptr));
        runFromBuffer = handle(linker, nft, "nft_run_cmd_from_buffer", FunctionDescriptor.of(i, ptr, ptr));
        open = handle(linker, libc, "open", FunctionDescriptor.of(i, ptr, i));
        setns = handle(linker, libc, "setns", FunctionDescriptor.of(i, i, i));
        close = handle(linker, libc, "close", FunctionDescriptor.of(i, i));
    }

    /** The library, when {@code libnftables.so.1} can be loaded here; empty otherwise (use the {@code nft} CLI). */
    public static Optional<LibNftables> instance() {
        return INSTANCE;
    }

    private static Optional<LibNftables> load() {
        try {
            SymbolLookup nft = SymbolLookup.libraryLookup("libnftables.so.1", Arena.global());
            return Optional.of(new LibNftables(nft, Linker.nativeLinker().defaultLookup()));
        } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new IllegalArgumentException("symbol " + name + " not found"));
        return linker.downcallHandle(symbol, descriptor);
    }

    /** Moves the calling thread into the network namespace at {@code path} (e.g. /run/netns/node1). */
    void enterNamespace(String path) throws NftException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) open.invokeExact(arena.allocateFrom(path), O_RDONLY);
            if (fd < 0) {
                throw new NftException("cannot open network namespace " + path);
            }
            try {
                if ((int) setns.invokeExact(fd, CLONE_NEWNET) != 0) {
                    throw new NftException("setns into " + path + " failed (the driver needs CAP_SYS_ADMIN)");
                }
            } finally {
                int ignored = (int) close.invokeExact(fd);
            }
        } catch (NftException e) {
            throw e;
        } catch (Throwable t) {
            throw new NftException("setns into " + path + ": " + t);
        }
    }

    /** A new context with buffered output and error, bound to the calling thread's namespace. */
    MemorySegment newContext(int outputFlags) throws NftException {
        LOCK.lock();
        try {
            MemorySegment ctx = (MemorySegment) ctxNew.invokeExact(CTX_DEFAULT);
            if (ctx.equals(MemorySegment.NULL)) {
                throw new NftException("nft_ctx_new failed");
            }
            setOutputFlags.invokeExact(ctx, outputFlags);
            int out = (int) bufferOutput.invokeExact(ctx);
            int err = (int) bufferError.invokeExact(ctx);
            if (out != 0 || err != 0) {
                ctxFree.invokeExact(ctx);
                throw new NftException("cannot buffer libnftables output");
            }
            return ctx;
        } catch (NftException e) {
            throw e;
        } catch (Throwable t) {
            throw new NftException("nft_ctx_new: " + t);
        } finally {
            LOCK.unlock();
        }
    }

    void freeContext(MemorySegment ctx) {
        LOCK.lock();
        try {
            ctxFree.invokeExact(ctx);
        } catch (Throwable t) {
            throw new IllegalStateException("nft_ctx_free: " + t, t);
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Runs {@code commands} as one netlink batch (all or nothing); {@code dryRun} checks without committing. The
     * output and error buffers are copied before the lock is released: the next command reuses them.
     */
    NftCommandPort.Outcome run(MemorySegment ctx, String commands, boolean dryRun) throws NftException {
        LOCK.lock();
        try (Arena arena = Arena.ofConfined()) {
            setDryRun.invokeExact(ctx, dryRun);
            int rc = (int) runFromBuffer.invokeExact(ctx, arena.allocateFrom(commands));
            String output = text((MemorySegment) getOutput.invokeExact(ctx));
            String error = text((MemorySegment) getError.invokeExact(ctx));
            return new NftCommandPort.Outcome(rc, output, error);
        } catch (Throwable t) {
            throw new NftException("nft_run_cmd_from_buffer: " + t);
        } finally {
            LOCK.unlock();
        }
    }

    private static String text(MemorySegment cString) {
        return cString.equals(MemorySegment.NULL) ? "" : cString.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
