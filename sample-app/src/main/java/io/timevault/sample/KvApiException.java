package io.timevault.sample;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request the API answers with an error status and a reason (an RFC 9457 problem body), optionally asking the
 * client to retry after a while.
 */
class KvApiException extends RuntimeException {

    private final HttpStatus status;

    private final Duration retryAfter;

    private final WriteOutcome outcome;

    KvApiException(HttpStatus status, String reason) {
        this(status, reason, null, null);
    }

    private KvApiException(HttpStatus status, String reason, Duration retryAfter, WriteOutcome outcome) {
        super(reason);
        this.status = status;
        this.retryAfter = retryAfter;
        this.outcome = outcome;
    }

    /** 503 with {@code Retry-After: 1}: the node cannot answer now, another try (or another node) can. */
    static KvApiException unavailable(String reason) {
        return unavailable(reason, null);
    }

    /** {@link #unavailable(String)} for a write, saying whether it may have been applied. */
    static KvApiException unavailable(String reason, WriteOutcome outcome) {
        return new KvApiException(HttpStatus.SERVICE_UNAVAILABLE, reason, Duration.ofSeconds(1), outcome);
    }

    HttpStatus status() {
        return status;
    }

    /** How long the client should wait before retrying, or {@code null}. */
    Duration retryAfter() {
        return retryAfter;
    }

    ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        if (outcome != null) {
            problem.setProperty("outcome", outcome.json());
        }
        return problem;
    }

    /** What a failed write did, in the problem's {@code outcome} property, so a client knows whether to worry. */
    enum WriteOutcome {
        /** It never reached the Raft log: retrying cannot duplicate it. */
        NOT_APPLIED,
        /** It reached the Raft log and may still be committed: retry the same write, or read it back later. */
        UNKNOWN;

        String json() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
