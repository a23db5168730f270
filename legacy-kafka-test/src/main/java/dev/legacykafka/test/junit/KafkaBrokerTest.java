package dev.legacykafka.test.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a running, shared {@link dev.legacykafka.test.KafkaBroker} into test methods,
 * lifecycle methods and constructors that declare a parameter of that type. The broker is
 * started on first use and shared by every test of the JVM asking for the same version and config.
 *
 * <p>The nearest annotation wins: on the parameter, then the method, then the class (and its
 * enclosing classes, for {@code @Nested} tests).
 *
 * <pre>{@code
 * @KafkaBrokerTest(version = "0.10.2.2", config = "auto.create.topics.enable=false")
 * class OrdersTest {
 *     @Test
 *     void sends(KafkaBroker broker) {
 *         broker.createTopic("orders", 3);
 *         // ... produce to broker.bootstrapServers()
 *     }
 *
 *     @Test
 *     void alsoOnTheNewest(@KafkaBrokerTest(version = "4.4.0") KafkaBroker broker) { }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaBrokerExtension.class)
public @interface KafkaBrokerTest {

    /** The broker release, e.g. {@code "0.8.2.2"} or {@code "4.4.0"}. */
    String version();

    /** Broker settings as {@code key=value}, overriding the fixture's defaults. */
    String[] config() default {};
}
