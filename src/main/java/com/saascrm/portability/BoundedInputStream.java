package com.saascrm.portability;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most a given number of bytes of a stream of unknown length, and says so when there are more. */
final class BoundedInputStream extends FilterInputStream {

    static final class TooLarge extends IOException {
    }

    private final long limit;
    private long read;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
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

    private void count(long bytes) throws TooLarge {
        read += bytes;
        if (read > limit) {
            throw new TooLarge();
        }
    }
}
