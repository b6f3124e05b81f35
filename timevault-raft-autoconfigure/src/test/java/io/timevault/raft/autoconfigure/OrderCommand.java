package io.timevault.raft.autoconfigure;

/** An entry type for tests. */
public record OrderCommand(String orderId, int quantity) {
}
