package io.timevault.raft;

import java.util.Objects;

/**
 * A storage operation failed (OpenRaft's {@code StorageError}). Carries what it was about ({@link #subject()}) and
 * what was being done ({@link #verb()}) as fields; the message reads like OpenRaft's
 * {@code when <Verb> <Subject>: <detail>}. {@link #defensive()} marks a rejected call (a contract violation by the
 * caller or an inconsistency found in the data) as opposed to an I/O failure.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorSubject subject;
    private final ErrorVerb verb;
    private final boolean defensive;

    /** An I/O failure. */
    public StorageException(ErrorSubject subject, ErrorVerb verb, String detail, Throwable cause) {
        this(subject, verb, detail, cause, false);
    }

    protected StorageException(ErrorSubject subject, ErrorVerb verb, String detail, Throwable cause, boolean defensive) {
        super("when " + verb + " " + subject + ": " + detail, cause);
        this.subject = Objects.requireNonNull(subject, "subject");
        this.verb = Objects.requireNonNull(verb, "verb");
        this.defensive = defensive;
    }

    /** A call that violates the storage contract or data that violates its invariants; nothing was written. */
    public static StorageException defensive(ErrorSubject subject, ErrorVerb verb, String detail) {
        return new StorageException(subject, verb, detail, null, true);
    }

    /** As {@link #defensive(ErrorSubject, ErrorVerb, String)}, with the finding that revealed it. */
    public static StorageException defensive(ErrorSubject subject, ErrorVerb verb, String detail, Throwable cause) {
        return new StorageException(subject, verb, detail, cause, true);
    }

    /** What the failed operation was about. */
    public ErrorSubject subject() {
        return subject;
    }

    /** What the failed operation was doing. */
    public ErrorVerb verb() {
        return verb;
    }

    /** Whether this is a rejected call or a detected inconsistency rather than an I/O failure. */
    public boolean defensive() {
        return defensive;
    }
}
