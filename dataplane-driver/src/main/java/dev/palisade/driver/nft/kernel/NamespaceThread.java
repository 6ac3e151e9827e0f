package dev.palisade.driver.nft.kernel;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A platform thread that lives in one network namespace and does nothing but the work handed to it. A thread
 * that has entered a namespace passes it on to every thread it starts (the virtual-thread carriers and common
 * pool included, created lazily), so work arrives as {@link FutureTask}s that callers block on: no callbacks,
 * pools or dependent stages ever run here.
 */
final class NamespaceThread implements AutoCloseable {

    /** What runs on the thread; may throw the kernel's refusal. */
    interface Work<T> {
        T call() throws NftException;
    }

    private static final FutureTask<Void> STOP = new FutureTask<>(() -> null);

    private final BlockingQueue<FutureTask<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the thread and runs {@code enter} on it first (e.g. setns); fails when {@code enter} fails. */
    NamespaceThread(String name, Work<Void> enter) throws NftException {
        thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::serve);
        thread.start();
        submit(enter);
    }

    <T> T submit(Work<T> work) throws NftException {
        if (closed) {
            throw new NftException(thread.getName() + " is closed");
        }
        Callable<T> callable = work::call;
        FutureTask<T> task = new FutureTask<>(callable);
        queue.add(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NftException("interrupted while waiting for " + thread.getName());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NftException nft) {
                throw nft;
            }
            throw new NftException(thread.getName() + ": " + e.getCause());
        }
    }

    private void serve() {
        while (true) {
            FutureTask<?> task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            task.run();
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
    }
}
