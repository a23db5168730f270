package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.spring.serializer.JsonRecordSerializer;
import org.springframework.beans.factory.BeanFactory;
import tools.jackson.databind.json.JsonMapper;

/** The JSON serializer, kept apart so that Jackson classes load only when JSON is chosen. */
final class JsonSerializers {

    private JsonSerializers() {
    }

    /** Writes with the application's JsonMapper bean, or Jackson's shared default when it has none. */
    static JsonRecordSerializer create(BeanFactory beanFactory) {
        return new JsonRecordSerializer(beanFactory.getBeanProvider(JsonMapper.class).getIfAvailable(JsonMapper::shared));
    }
}
