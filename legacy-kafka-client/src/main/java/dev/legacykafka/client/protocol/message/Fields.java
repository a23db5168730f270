package dev.legacykafka.client.protocol.message;

import dev.legacykafka.client.protocol.types.ProtocolReader;
import dev.legacykafka.client.protocol.types.ProtocolWriter;

/**
 * The field types whose encoding changes at an API's first flexible version (KIP-482): strings,
 * bytes and arrays become compact, and structs gain a tagged-field section. Codecs call these with
 * the flexible flag of the version they encode, so each field is one line.
 */
final class Fields {

    private Fields() {
    }

    static void writeString(ProtocolWriter out, String value, boolean flexible) {
        if (flexible) {
            out.writeCompactString(value);
        } else {
            out.writeString(value);
        }
    }

    static void writeNullableString(ProtocolWriter out, String value, boolean flexible) {
        if (flexible) {
            out.writeCompactNullableString(value);
        } else {
            out.writeNullableString(value);
        }
    }

    static void writeBytes(ProtocolWriter out, byte[] value, boolean flexible) {
        if (flexible) {
            out.writeCompactBytes(value);
        } else {
            out.writeBytes(value);
        }
    }

    static void writeArrayLength(ProtocolWriter out, int count, boolean flexible) {
        if (flexible) {
            out.writeCompactArrayLength(count);
        } else {
            out.writeArrayLength(count);
        }
    }

    static void writeNullableArrayLength(ProtocolWriter out, int countOrMinusOne, boolean flexible) {
        if (flexible) {
            out.writeCompactNullableArrayLength(countOrMinusOne);
        } else {
            out.writeNullableArrayLength(countOrMinusOne);
        }
    }

    /** The empty tagged-field section that ends every struct of a flexible version. */
    static void writeTags(ProtocolWriter out, boolean flexible) {
        if (flexible) {
            out.writeEmptyTaggedFields();
        }
    }

    static String readString(ProtocolReader in, String what, boolean flexible) {
        return flexible ? in.readCompactString(what) : in.readString(what);
    }

    static String readNullableString(ProtocolReader in, String what, boolean flexible) {
        return flexible ? in.readCompactNullableString(what) : in.readNullableString(what);
    }

    static byte[] readBytes(ProtocolReader in, String what, boolean flexible) {
        return flexible ? in.readCompactBytes(what) : in.readBytes(what);
    }

    static int readArrayLength(ProtocolReader in, String what, boolean flexible) {
        return flexible ? in.readCompactArrayLength(what) : in.readArrayLength(what);
    }

    /** Reads the tagged-field section of a struct in a flexible version; every tag is unknown and skipped. */
    static void skipTags(ProtocolReader in, String what, boolean flexible) {
        if (flexible) {
            in.skipTaggedFields(what);
        }
    }
}
