/**
 * Test support: {@link io.timevault.raft.autoconfigure.test.TemporaryTimevaultRoot} gives each Spring test context
 * a temporary store root. Active only when {@code spring-test} is on the classpath.
 */
package io.timevault.raft.autoconfigure.test;
