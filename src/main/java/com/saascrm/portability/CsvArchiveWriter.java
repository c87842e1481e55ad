package com.saascrm.portability;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the CSV files and the manifest of an archive behind the caller, on two threads of its own: one formats the
 * rows the caller hands over as CSV, the other deflates. Reading, formatting and deflating each took a good part of
 * an export on one thread; side by side they use every core. What waits between the stages is bounded (a few
 * batches of rows, a few chunks of bytes), so memory stays flat however big the account.
 */
final class CsvArchiveWriter implements AutoCloseable {

    private static final int ROWS_PER_BATCH = 1_000;
    private static final int CHUNK_BYTES = 128 * 1024;
    private static final int QUEUED = 4;

    /** Handed to the formatting stage: a new file with its header, rows of the current file, or a file as bytes. */
    private record Batch(String file, List<String> header, List<Object[]> rows, byte[] bytes) {}

    /** Handed to the deflating stage: the start of an entry, or bytes of the current one. */
    private record Part(String entry, byte[] bytes, int length) {}

    private final PipelineStage<Part> deflating;
    private final PipelineStage<Batch> formatting;
    private List<Object[]> rows = new ArrayList<>(ROWS_PER_BATCH);

    CsvArchiveWriter(OutputStream out, String name) {
        // The deflater hands out 512 bytes at a time; the response gets them in larger writes.
        BufferedOutputStream buffered = new BufferedOutputStream(out, CHUNK_BYTES);
        ZipOutputStream zip = new ZipOutputStream(buffered, StandardCharsets.UTF_8);
        // The export shares the machine's cores with the database reading it: deflating at the default level took a
        // quarter of a core for an archive 5 % smaller than this level gives (BENCHMARKS.md, B5).
        zip.setLevel(Deflater.BEST_SPEED);
        this.deflating = new PipelineStage<>(name + "-deflate", QUEUED, new PipelineStage.Work<>() {
            @Override
            public void accept(Part part) throws IOException {
                if (part.entry() != null) {
                    zip.putNextEntry(new ZipEntry(part.entry()));
                } else {
                    zip.write(part.bytes(), 0, part.length());
                }
            }

            @Override
            public void end() throws IOException {
                zip.finish();
                buffered.flush();
            }
        });
        this.formatting = new PipelineStage<>(name + "-csv", QUEUED, new Formatting());
    }

    /** Starts the next CSV file; the rows that follow are its rows. */
    void startFile(String file, List<String> header) throws IOException {
        handOverRows();
        formatting.put(new Batch(file, header, null, null));
    }

    void row(Object[] cells) throws IOException {
        rows.add(cells);
        if (rows.size() == ROWS_PER_BATCH) {
            handOverRows();
        }
    }

    /** Adds the last file, as it is, and waits until the whole archive is written out. */
    void finish(String file, byte[] bytes) throws IOException {
        handOverRows();
        formatting.put(new Batch(file, null, null, bytes));
        formatting.finish();
    }

    /** Without {@link #finish} first (the caller failed), the archive stays unfinished. */
    @Override
    public void close() {
        formatting.close();
        deflating.close();
    }

    private void handOverRows() throws IOException {
        if (!rows.isEmpty()) {
            formatting.put(new Batch(null, null, rows, null));
            rows = new ArrayList<>(ROWS_PER_BATCH);
        }
    }

    /** The formatting stage: prints rows as CSV into chunks of bytes, which it hands to the deflating stage. */
    private final class Formatting implements PipelineStage.Work<Batch> {
        private final Chunks chunks = new Chunks();
        // A batch is printed into text, then encoded at once: a Writer takes a lock for every cell it is handed.
        private final StringBuilder text = new StringBuilder(64 * 1024);
        private CSVPrinter csv;

        @Override
        public void accept(Batch batch) throws IOException {
            if (batch.rows() != null) {
                for (Object[] row : batch.rows()) {
                    // Cell by cell: printRecord goes through a stream for every row.
                    for (Object cell : row) {
                        csv.print(cell);
                    }
                    csv.println();
                }
                handOverText();
                return;
            }
            chunks.handOver();
            deflating.put(new Part(batch.file(), null, 0));
            if (batch.header() != null) {
                csv = new CSVPrinter(text, CrmArchiveFormat.CSV);
                csv.printRecord(batch.header());
                handOverText();
            } else {
                chunks.write(batch.bytes());
            }
        }

        @Override
        public void end() throws IOException {
            chunks.handOver();
            deflating.finish();
        }

        private void handOverText() throws IOException {
            chunks.write(text.toString().getBytes(StandardCharsets.UTF_8));
            text.setLength(0);
        }
    }

    /** Collects bytes into chunks and hands each full one to the deflating stage. */
    private final class Chunks extends OutputStream {
        private byte[] chunk = new byte[CHUNK_BYTES];
        private int length;

        @Override
        public void write(int b) throws IOException {
            if (length == chunk.length) {
                handOver();
            }
            chunk[length++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            while (count > 0) {
                if (length == chunk.length) {
                    handOver();
                }
                int n = Math.min(count, chunk.length - length);
                System.arraycopy(bytes, offset, chunk, length, n);
                length += n;
                offset += n;
                count -= n;
            }
        }

        void handOver() throws IOException {
            if (length > 0) {
                deflating.put(new Part(null, chunk, length));
                chunk = new byte[CHUNK_BYTES];
                length = 0;
            }
        }
    }
}
