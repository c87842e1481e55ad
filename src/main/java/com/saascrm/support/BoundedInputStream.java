package com.saascrm.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Reads at most a given number of bytes of a stream of unknown length, and fails with the caller's own exception
 * at the first byte beyond it (an API body, an import archive): the caller's answer, not a truncated read.
 */
public final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private final Supplier<? extends RuntimeException> tooLarge;
    private long read;

    public BoundedInputStream(InputStream in, long limit, Supplier<? extends RuntimeException> tooLarge) {
        super(in);
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        int next = super.read();
        if (next >= 0) {
            count(1);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count > 0) {
            count(count);
        }
        return count;
    }

    private void count(long bytes) {
        read += bytes;
        if (read > limit) {
            throw tooLarge.get();
        }
    }
}
