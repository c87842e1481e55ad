package com.saascrm.portability;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One stage of a pipeline on a thread of its own: it takes what the stage before hands over, in order, through a
 * queue of at most {@code queued} items, so that memory stays flat however much passes through. A failure on either
 * side stops the other: the stage ends when the caller gives up ({@link #close} before {@link #finish}), and a
 * stage that failed makes the caller's next hand-over fail with its cause.
 */
final class PipelineStage<T> implements AutoCloseable {

    /** What the stage does with each item, and once at the end. */
    interface Work<T> {
        void accept(T item) throws IOException;

        void end() throws IOException;
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> items;
    private final Work<T> work;
    private final Thread thread;
    private volatile Throwable failure;
    private boolean finished;

    PipelineStage(String name, int queued, Work<T> work) {
        this.items = new ArrayBlockingQueue<>(queued);
        this.work = work;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void put(T item) throws IOException {
        hand(item);
    }

    /** Hands the end over and waits until the stage has done everything, {@link Work#end} included. */
    void finish() throws IOException {
        hand(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for " + thread.getName());
        }
        finished = true;
        failIfStageFailed();
    }

    /** Without {@link #finish} first (the caller failed), the stage stops where it is. */
    @Override
    public void close() {
        if (!finished) {
            thread.interrupt();
        }
    }

    @SuppressWarnings("unchecked") // only put(T) and END go into the queue
    private void run() {
        try {
            for (Object item = items.take(); item != END; item = items.take()) {
                work.accept((T) item);
            }
            work.end();
        } catch (InterruptedException e) {
            // The caller gave up.
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void hand(Object item) throws IOException {
        try {
            while (!items.offer(item, 100, TimeUnit.MILLISECONDS)) {
                failIfStageFailed();
                if (!thread.isAlive()) {
                    throw new IOException(thread.getName() + " stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while handing over to " + thread.getName());
        }
        failIfStageFailed();
    }

    private void failIfStageFailed() throws IOException {
        if (failure != null) {
            throw new IOException(thread.getName() + " failed", failure);
        }
    }
}
