package io.timevault.raft.autoconfigure.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the Spring test context of the annotated test class a store of its own: {@code timevault.raft.root} is set
 * to a new temporary directory, above every other property source (so the application's {@code ./data} is never
 * written), and the directory is deleted when the context closes.
 *
 * <pre>{@code
 * @SpringBootTest
 * @TemporaryTimevaultRoot
 * class OrdersTests { ... }
 * }</pre>
 *
 * <p>Test classes with the same configuration share one cached context, and so one root; a class with a different
 * configuration gets another context with another root, so several contexts can be open in one JVM without
 * fighting over the store's lock.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TemporaryTimevaultRoot {
}
