package dev.legacykafka.spring.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The application a user would write: auto-configuration only, no component scanning of the tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ItApplication {
}
