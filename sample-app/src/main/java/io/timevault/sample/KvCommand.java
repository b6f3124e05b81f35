package io.timevault.sample;

import java.util.Objects;

/**
 * One write to the key-value map, replicated through the Raft log as JSON: {@code {"op":"PUT","key":"a","value":"1"}}.
 *
 * @param op    what to do
 * @param key   the key
 * @param value the value for PUT, {@code null} for DELETE
 */
public record KvCommand(Op op, String key, String value) {

    public KvCommand {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(key, "key");
        if (op == Op.PUT) {
            Objects.requireNonNull(value, "value");
        }
    }

    public static KvCommand put(String key, String value) {
        return new KvCommand(Op.PUT, key, value);
    }

    public static KvCommand delete(String key) {
        return new KvCommand(Op.DELETE, key, null);
    }

    /** The operations. */
    public enum Op {
        PUT, DELETE
    }
}
