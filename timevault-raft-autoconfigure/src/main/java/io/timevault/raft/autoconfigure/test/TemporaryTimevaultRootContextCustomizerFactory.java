package io.timevault.raft.autoconfigure.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Applies {@link TemporaryTimevaultRoot}: registered in {@code META-INF/spring.factories}, so Spring's test
 * framework finds it whenever it is on the test classpath; it does nothing for classes without the annotation.
 */
class TemporaryTimevaultRootContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, TemporaryTimevaultRoot.class)
                ? new TemporaryRoot() : null;
    }

    /** Equal to every other instance: it adds no configuration of its own to a context's cache key. */
    static final class TemporaryRoot implements ContextCustomizer {

        static final String PROPERTY_SOURCE = "timevaultRaftTemporaryRoot";

        private static final Log logger = LogFactory.getLog(TemporaryRoot.class);

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Path root;
            try {
                root = Files.createTempDirectory("timevault-raft-test-");
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot create a temporary timevault root", ex);
            }
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource(PROPERTY_SOURCE, Map.of("timevault.raft.root", root.toString())));
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    delete(root);
                }
            });
        }

        private static void delete(Path root) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException ex) {
                logger.warn("Could not delete the temporary timevault root " + root + ": " + ex);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return TemporaryRoot.class.hashCode();
        }
    }
}
