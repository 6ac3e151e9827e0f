package dev.palisade.hepcontroller.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FIFO of keys that holds each key at most once: a key added while it is still waiting is dropped, since
 * the loop reads the current state anyway when it gets to it. Safe for many producers and one consumer.
 */
public final class WorkQueue<K> {

    private final LinkedHashSet<K> waiting = new LinkedHashSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();

    /** False when the key was already waiting. */
    public boolean add(K key) {
        lock.lock();
        try {
            boolean added = waiting.add(key);
            notEmpty.signal();
            return added;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest key, waiting up to {@code timeout} for one; null if none came. */
    public K poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (waiting.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Iterator<K> first = waiting.iterator();
            K key = first.next();
            first.remove();
            return key;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every waiting key (when leadership is lost, the next leader starts from a full sync). */
    public void clear() {
        lock.lock();
        try {
            waiting.clear();
        } finally {
            lock.unlock();
        }
    }
}
