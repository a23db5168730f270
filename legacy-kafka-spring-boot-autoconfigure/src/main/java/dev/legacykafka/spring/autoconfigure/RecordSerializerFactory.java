package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.spring.autoconfigure.LegacyKafkaProperties.SerializerType;
import dev.legacykafka.spring.serializer.ByteArrayRecordSerializer;
import dev.legacykafka.spring.serializer.RecordSerializer;
import dev.legacykafka.spring.serializer.StringRecordSerializer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/** Creates the built-in serializer a {@code legacykafka.producer.*-serializer} property names. */
final class RecordSerializerFactory {

    private static final String JSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

    private RecordSerializerFactory() {
    }

    static RecordSerializer<?> create(String property, SerializerType type, BeanFactory beanFactory) {
        return switch (type) {
            case STRING -> new StringRecordSerializer();
            case BYTE_ARRAY -> new ByteArrayRecordSerializer();
            case JSON -> {
                if (!ClassUtils.isPresent(JSON_MAPPER, RecordSerializerFactory.class.getClassLoader())) {
                    throw new InvalidLegacyKafkaPropertyException(property, "json", "JSON needs Jackson 3 "
                            + "(tools.jackson.core:jackson-databind) on the classpath; add it, or use string or byte-array");
                }
                // Only touched when Jackson 3 is present, so this class loads without it.
                yield JsonSerializers.create(beanFactory);
            }
        };
    }
}
