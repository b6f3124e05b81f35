package io.timevault.store;

/**
 * Root of every error the store raises. Unchecked: callers that can act on a specific failure catch the
 * subclass that names it; everyone else lets it propagate. Each subclass carries what went wrong and where
 * as fields, so a log line or a health report never has to parse a message.
 */
public class TimevaultException extends RuntimeException {

    public TimevaultException(String message) {
        super(message);
    }

    public TimevaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
