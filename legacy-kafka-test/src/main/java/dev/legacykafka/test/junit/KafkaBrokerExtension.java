package dev.legacykafka.test.junit;

import dev.legacykafka.test.BrokerSpec;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link KafkaBroker} parameters to shared brokers described by the nearest
 * {@link KafkaBrokerTest}. Registered by that annotation; usable with {@code @ExtendWith} too, as
 * long as some {@code @KafkaBrokerTest} says which version to run.
 */
public class KafkaBrokerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        KafkaBrokerTest annotation = nearestAnnotation(parameterContext, extensionContext)
                .orElseThrow(() -> new ParameterResolutionException("No @KafkaBrokerTest(version = ...) on "
                        + parameterContext.getParameter() + ", its method or its class"));
        BrokerSpec spec = specOf(annotation);
        try {
            return KafkaBrokers.shared(spec);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Cannot start " + spec + ": " + e.getMessage(), e);
        }
    }

    /** The spec an annotation describes. */
    static BrokerSpec specOf(KafkaBrokerTest annotation) {
        return BrokerSpec.of(annotation.version()).withConfigEntries(annotation.config());
    }

    private static Optional<KafkaBrokerTest> nearestAnnotation(ParameterContext parameterContext,
            ExtensionContext extensionContext) {
        Optional<KafkaBrokerTest> found = parameterContext.findAnnotation(KafkaBrokerTest.class);
        if (found.isEmpty()) {
            found = AnnotationSupport.findAnnotation(parameterContext.getDeclaringExecutable(), KafkaBrokerTest.class);
        }
        if (found.isEmpty()) {
            found = extensionContext.getTestMethod()
                    .flatMap(method -> AnnotationSupport.findAnnotation(method, KafkaBrokerTest.class));
        }
        for (Class<?> type = extensionContext.getTestClass().orElse(null); found.isEmpty() && type != null;
                type = type.getEnclosingClass()) {
            found = AnnotationSupport.findAnnotation(type, KafkaBrokerTest.class);
        }
        return found;
    }
}
