package io.timevault.raft.autoconfigure;

/** A second entry type for tests. */
public record AuditEvent(String message) {
}
