package dev.legacykafka.client.record;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Re-encodes records already encoded in a {@link RecordsBuilder} into fresh builders, reading them
 * back with {@link RecordsBuilder#forEachRecord}: a subset of a batch after a Produce v8+ response
 * blamed some of its records, a batch in the record format of a partition's new leader, or the two
 * halves of a batch the broker refused as too large.
 *
 * <p>The source may be built or not; it is only read. The new builders are unbuilt, non-pooled
 * heap builders, so the caller can still stamp idempotence fields when it builds them. Each
 * {@link Part} tells which source records (by index) a new builder holds, in order, so the caller
 * can move each record's future along with it.
 *
 * <p>A rare path: records are decoded into arrays (see {@link RecordVisitor}) and copied once more
 * into the new buffers.
 */
public final class RecordsRebuilder {

    private RecordsRebuilder() {
    }

    /**
     * Copies the records of {@code source} whose index {@code keep} accepts, in order, into new
     * builders of {@code targetMagic} and {@code compression}, starting another builder whenever
     * the current one refuses a record because of {@code sizeLimit}.
     *
     * <p>Timestamps are kept (see {@link RecordsBuilder#forEachRecord}); a magic-0 target drops
     * them as that format does. Records with headers cannot be written as magic 0 or 1: they are
     * left out and listed in {@link Result#unconvertible()}, for the caller to fail with
     * {@link Result#unconvertibleReason()}. A transactional magic-2 source gives transactional
     * magic-2 builders.
     *
     * @param source      the builder to read, built or not
     * @param keep        which source indexes to copy
     * @param targetMagic 0, 1 or 2
     * @param compression the codec of the new builders; ZSTD needs magic 2
     * @param sizeLimit   the size limit of each new builder, as in {@link RecordsBuilder#create}
     * @return the new builders in order (none if no record was kept) and the indexes that could not
     *         be converted
     * @throws IllegalArgumentException for an unknown magic, a codec the target format cannot carry,
     *                                  or a transactional source with a target magic below 2
     * @throws dev.legacykafka.client.compress.CompressionUnavailableException if the codec's library is missing
     */
    public static Result rebuild(RecordsBuilder source, IntPredicate keep, byte targetMagic,
                                 CompressionType compression, int sizeLimit) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keep, "keep");
        checkFormat(targetMagic, compression);
        boolean transactional = isTransactional(source);
        if (transactional && targetMagic < 2) {
            throw new IllegalArgumentException("A transactional batch needs the RecordBatch format (magic 2);"
                    + " it cannot be rewritten as magic " + targetMagic);
        }
        // Enough for everything in the source plus a little, so a kept subset rarely grows the
        // buffer; converting to magic 0/1 adds about 27 bytes a record, which one growth absorbs.
        long wanted = (long) uncompressedSize(source) + 128;
        int capacity = (int) Math.min(Math.min(wanted, Math.max(sizeLimit, 0) + 128L), 1 << 20);
        Collector collector = new Collector(targetMagic, compression, transactional, sizeLimit, capacity);
        IntList unconvertible = new IntList();
        source.forEachRecord((index, timestamp, key, value, headers) -> {
            if (!keep.test(index)) {
                return;
            }
            if (targetMagic < 2 && headers.length > 0) {
                unconvertible.add(index);
                return;
            }
            collector.append(index, timestamp, key, value, headers);
        });
        return new Result(collector.finish(), unconvertible.toArray(), targetMagic);
    }

    /**
     * Splits a batch of at least two records into two builders of the same format, codec and
     * transactional flag, for a retry after the broker answered MESSAGE_TOO_LARGE: the first takes
     * records from the start while they make up no more than half the encoded size, the second
     * the rest, each at least one record. A batch that is still too large can be split again.
     *
     * @param source the builder to read, built or not
     * @return two parts, holding source indexes {@code [0, k)} and {@code [k, n)}
     * @throws IllegalArgumentException if {@code source} has fewer than two records
     */
    public static Result split(RecordsBuilder source) {
        Objects.requireNonNull(source, "source");
        int count = source.recordCount();
        if (count < 2) {
            throw new IllegalArgumentException("A batch of " + count + " record(s) cannot be split");
        }
        byte magic = source.magic();
        CompressionType compression = source.compression();
        int total = uncompressedSize(source);
        int half = (total - emptySize(magic)) / 2;
        // Each half is about half the source; a larger one (one big record) grows its buffer once.
        int capacity = Math.min(half + emptySize(magic) + 128, 1 << 20);
        // No size limit within a half: it must take all its records in one builder.
        Collector first = new Collector(magic, compression, isTransactional(source), Integer.MAX_VALUE, capacity);
        Collector second = new Collector(magic, compression, isTransactional(source), Integer.MAX_VALUE, capacity);
        int[] firstBytes = {0};
        source.forEachRecord((index, timestamp, key, value, headers) -> {
            int size = RecordsBuilder.sizeOfSingleRecordBatch(magic, CompressionType.NONE, key, value, headers)
                    - emptySize(magic);
            boolean toFirst = second.isEmpty()
                    && (first.isEmpty() || (index < count - 1 && firstBytes[0] + size <= half));
            if (toFirst) {
                firstBytes[0] += size;
                first.append(index, timestamp, key, value, headers);
            } else {
                second.append(index, timestamp, key, value, headers);
            }
        });
        List<Part> parts = new ArrayList<>(2);
        parts.addAll(first.finish());
        parts.addAll(second.finish());
        return new Result(parts, new int[0], magic);
    }

    private static void checkFormat(byte magic, CompressionType compression) {
        Objects.requireNonNull(compression, "compression");
        if (magic < 0 || magic > 2) {
            throw new IllegalArgumentException("Unknown record format magic " + magic);
        }
        if (compression == CompressionType.ZSTD && magic < 2) {
            throw new IllegalArgumentException("zstd compression needs the RecordBatch format (magic 2, Produce v7+);"
                    + " a magic " + magic + " message set cannot carry it");
        }
    }

    private static boolean isTransactional(RecordsBuilder source) {
        return source instanceof RecordBatchBuilder batch && batch.isTransactional();
    }

    /** Size of the source as an uncompressed batch of its format, built or not. */
    private static int uncompressedSize(RecordsBuilder source) {
        if (source instanceof RecordBatchBuilder batch) {
            return batch.uncompressedSizeInBytes();
        }
        if (source instanceof LegacyMessageSetBuilder set) {
            return set.uncompressedSizeInBytes();
        }
        return source.estimatedSizeInBytes();
    }

    /** What {@link RecordsBuilder#sizeOfSingleRecordBatch} counts besides the record itself. */
    private static int emptySize(byte magic) {
        return magic == 2 ? RecordBatchBuilder.RECORD_BATCH_OVERHEAD : 0;
    }

    private static String magicDescription(byte magic) {
        return switch (magic) {
            case 0 -> "magic 0, Produce v0-v1";
            case 1 -> "magic 1, Produce v2";
            default -> "magic " + magic;
        };
    }

    /** Appends records to builders of one format, opening a new one whenever the current is full. */
    private static final class Collector {
        private final byte magic;
        private final CompressionType compression;
        private final boolean transactional;
        private final int sizeLimit;
        private final int capacity;
        private final List<Part> parts = new ArrayList<>();
        private RecordsBuilder current;
        private IntList indexes;

        Collector(byte magic, CompressionType compression, boolean transactional, int sizeLimit, int capacity) {
            this.magic = magic;
            this.compression = compression;
            this.transactional = transactional;
            this.sizeLimit = sizeLimit;
            this.capacity = Math.max(capacity, 128);
        }

        boolean isEmpty() {
            return current == null && parts.isEmpty();
        }

        void append(int index, long timestamp, byte[] key, byte[] value, Header[] headers) {
            if (current != null && !current.tryAppend(timestamp, key, value, headers)) {
                close();
            }
            if (current == null) {
                current = newBuilder();
                indexes = new IntList();
                // An empty builder takes any record, so this cannot be refused.
                current.tryAppend(timestamp, key, value, headers);
            }
            indexes.add(index);
        }

        private RecordsBuilder newBuilder() {
            ByteBuffer buffer = ByteBuffer.allocate(capacity);
            return magic == 2
                    ? new RecordBatchBuilder(compression, transactional, buffer, sizeLimit)
                    : new LegacyMessageSetBuilder(magic, compression, buffer, sizeLimit);
        }

        private void close() {
            parts.add(new Part(current, indexes.toArray()));
            current = null;
            indexes = null;
        }

        List<Part> finish() {
            if (current != null) {
                close();
            }
            return parts;
        }
    }

    /** A growable int array, to avoid boxing the indexes. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** One new builder and the source indexes of its records, in order. */
    public static final class Part {
        private final RecordsBuilder builder;
        private final int[] sourceIndexes;

        Part(RecordsBuilder builder, int[] sourceIndexes) {
            this.builder = builder;
            this.sourceIndexes = sourceIndexes;
        }

        /** The new builder, not yet built. */
        public RecordsBuilder builder() {
            return builder;
        }

        /** Number of records in {@link #builder()}. */
        public int recordCount() {
            return sourceIndexes.length;
        }

        /** The source index of the new builder's record {@code i}. */
        public int sourceIndex(int i) {
            return sourceIndexes[i];
        }

        /** The source indexes of the new builder's records, ascending; a copy. */
        public int[] sourceIndexes() {
            return sourceIndexes.clone();
        }

        @Override
        public String toString() {
            return "Part[" + sourceIndexes.length + " records, magic " + builder.magic() + "]";
        }
    }

    /** The outcome of {@link #rebuild} or {@link #split}. */
    public static final class Result {
        private final List<Part> parts;
        private final int[] unconvertible;
        private final byte targetMagic;

        Result(List<Part> parts, int[] unconvertible, byte targetMagic) {
            this.parts = List.copyOf(parts);
            this.unconvertible = unconvertible;
            this.targetMagic = targetMagic;
        }

        /** The new builders with their records' source indexes, in source order; empty if none was kept. */
        public List<Part> parts() {
            return parts;
        }

        /** Whether no record was copied. */
        public boolean isEmpty() {
            return parts.isEmpty();
        }

        /** The builders of {@link #parts()}, in order. */
        public List<RecordsBuilder> builders() {
            List<RecordsBuilder> builders = new ArrayList<>(parts.size());
            for (Part part : parts) {
                builders.add(part.builder());
            }
            return builders;
        }

        /**
         * Source indexes of kept records the target format cannot carry (records with headers
         * rebuilt as magic 0 or 1), ascending; a copy. These are in no part.
         */
        public int[] unconvertible() {
            return unconvertible.clone();
        }

        /** Whether some kept record could not be converted. */
        public boolean hasUnconvertible() {
            return unconvertible.length > 0;
        }

        /**
         * Why the records of {@link #unconvertible()} were left out, to fail them with; null when
         * there are none.
         */
        public String unconvertibleReason() {
            if (unconvertible.length == 0) {
                return null;
            }
            return "Record headers need the RecordBatch format (magic 2, Produce v3+), but the batch had to be"
                    + " rewritten as " + magicDescription(targetMagic) + " for the partition's leader";
        }

        @Override
        public String toString() {
            return "Result[parts=" + parts + ", unconvertible=" + Arrays.toString(unconvertible) + "]";
        }
    }
}
