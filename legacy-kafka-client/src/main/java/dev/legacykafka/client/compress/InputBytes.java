package dev.legacykafka.client.compress;

import java.nio.ByteBuffer;

/**
 * The readable bytes of a buffer as an array slice, which the block compressors take.
 *
 * <p>Heap buffers are used in place; a direct buffer is copied once, since the array-based
 * library calls are the ones every codec library offers.
 */
record InputBytes(byte[] array, int offset, int length) {

    static InputBytes of(ByteBuffer input) {
        int length = input.remaining();
        if (input.hasArray()) {
            return new InputBytes(input.array(), input.arrayOffset() + input.position(), length);
        }
        byte[] copy = new byte[length];
        input.duplicate().get(copy);
        return new InputBytes(copy, 0, length);
    }
}
