package dev.legacykafka.client.record;

import dev.legacykafka.client.Header;

/**
 * Receives the records of a builder one at a time, decoded back from the bytes encoded so far
 * (see {@link RecordsBuilder#forEachRecord}).
 *
 * <p>The arrays are fresh copies the visitor may keep or change, except that zero-length arrays
 * (an empty key or value, no headers) may be shared instances.
 */
@FunctionalInterface
public interface RecordVisitor {

    /**
     * Called once per record, in append order.
     *
     * @param index     the record's position in the builder, from 0 (its offset delta)
     * @param timestamp the record's create time in epoch milliseconds, as given to
     *                  {@link RecordsBuilder#tryAppend}, even for magic 0 whose wire format drops it
     * @param key       key bytes, or null if the record was appended with a null key
     * @param value     value bytes, or null if the record was appended with a null value
     * @param headers   the headers in append order; never null, empty when the record has none
     */
    void visit(int index, long timestamp, byte[] key, byte[] value, Header[] headers);
}
