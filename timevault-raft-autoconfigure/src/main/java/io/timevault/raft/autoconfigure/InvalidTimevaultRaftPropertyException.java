package io.timevault.raft.autoconfigure;

import java.util.Objects;

/**
 * A {@code timevault.raft.*} property has a value the application cannot start with. Thrown while the context is
 * refreshed; {@link TimevaultRaftFailureAnalyzer} turns it into a startup report naming the property.
 */
public class InvalidTimevaultRaftPropertyException extends RuntimeException {

    private final String property;
    private final Object value;
    private final String reason;
    private final String action;

    /**
     * @param property the property, as the user writes it (for example {@code timevault.raft.logs.orders.entry-type})
     * @param value    its value
     * @param reason   why the value does not work
     * @param action   what to change
     * @param cause    the underlying error, or {@code null}
     */
    public InvalidTimevaultRaftPropertyException(String property, Object value, String reason, String action,
            Throwable cause) {
        super("Invalid value '" + value + "' for property '" + property + "': " + reason, cause);
        this.property = Objects.requireNonNull(property, "property");
        this.value = value;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.action = Objects.requireNonNull(action, "action");
    }

    /** The property, as the user writes it. */
    public String property() {
        return property;
    }

    /** The offending value. */
    public Object value() {
        return value;
    }

    /** Why the value does not work. */
    public String reason() {
        return reason;
    }

    /** What to change. */
    public String action() {
        return action;
    }
}
