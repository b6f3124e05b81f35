package io.timevault.sample;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key-value API. Values are UTF-8 text ({@code Content-Type: text/*}), at most {@code sample.api.max-value-size}.
 * Writes go through Raft and answer once committed and applied; they must be sent to the leader (others answer 421
 * with the leader's HTTP URL). Reads answer from this node's state machine, which on a follower may lag the leader by
 * the entries not yet applied, but never by what this node held before a restart (503 until it replayed its log).
 * Errors are problem documents (RFC 9457) with a reason in {@code detail}.
 */
@RestController
class KvController {

    private final KvRaftNode node;

    private final KvStateMachine stateMachine;

    private final KvApiProperties api;

    KvController(KvRaftNode node, KvStateMachine stateMachine, KvApiProperties api) {
        this.node = node;
        this.stateMachine = stateMachine;
        this.api = api;
    }

    @PutMapping("/kv/{key}")
    CompletableFuture<Map<String, String>> put(@PathVariable String key, HttpServletRequest request)
            throws IOException {
        checkKey(key);
        String value = readValue(request);
        return node.apply(KvCommand.put(key, value)).thenApply(applied -> Map.of("key", key, "value", value));
    }

    @GetMapping("/kv/{key}")
    ResponseEntity<Map<String, String>> get(@PathVariable String key) {
        checkServing();
        return stateMachine.get(key).map(value -> ResponseEntity.ok(Map.of("key", key, "value", value)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("key", key)));
    }

    @DeleteMapping("/kv/{key}")
    CompletableFuture<ResponseEntity<Void>> delete(@PathVariable String key) {
        checkKey(key);
        return node.apply(KvCommand.delete(key)).thenApply(applied -> ResponseEntity.noContent().build());
    }

    @GetMapping("/cluster")
    KvRaftNode.ClusterView cluster() {
        return node.view();
    }

    /** Reads answer only from a state machine that is at least as new as what this node acknowledged. */
    private void checkServing() {
        stateMachine.halt().ifPresent(halt -> {
            throw new KvApiException(HttpStatus.SERVICE_UNAVAILABLE, "this node's state machine halted at log index "
                    + halt.index() + " (" + halt.cause() + "); ask another node; " + KvNodeHealthIndicator.NEXT_STEP_HALTED);
        });
        if (!node.replayed()) {
            throw KvApiException.unavailable("this node is still applying the log it found at start (applied "
                    + node.lastAppliedIndex() + " of " + node.startIndex() + "); retry, or ask another node");
        }
    }

    private void checkKey(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > api.maxKeySize().toBytes()) {
            throw new KvApiException(HttpStatus.BAD_REQUEST,
                    "the key is longer than " + api.maxKeySize().toBytes() + " bytes (sample.api.max-key-size)");
        }
    }

    /** The body as text: a {@code text/*} type, UTF-8 (the default and the only charset taken), within the limit. */
    private String readValue(HttpServletRequest request) throws IOException {
        MediaType type = parseContentType(request.getContentType());
        Charset charset = type.getCharset();
        if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
            throw new KvApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "values are UTF-8 text; the request declares charset " + charset.name());
        }
        long limit = api.maxValueSize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes;
        try (InputStream body = request.getInputStream()) {
            bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new KvApiException(HttpStatus.BAD_REQUEST, "the value is not valid UTF-8: " + e.getMessage());
        }
    }

    private static MediaType parseContentType(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !"text".equals(type.getType())) {
            throw new KvApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "values are text: send Content-Type "
                    + "text/plain (UTF-8); got " + (contentType == null ? "no Content-Type" : contentType));
        }
        return type;
    }

    private static KvApiException tooLarge(long limit) {
        return new KvApiException(HttpStatus.CONTENT_TOO_LARGE,
                "the value is larger than " + limit + " bytes (sample.api.max-value-size)");
    }

    @ExceptionHandler(KvApiException.class)
    ResponseEntity<ProblemDetail> apiError(KvApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        }
        return response.body(e.problem());
    }

    @ExceptionHandler(KvRaftNode.NotLeaderException.class)
    ResponseEntity<ProblemDetail> notLeader(KvRaftNode.NotLeaderException e, HttpServletRequest request) {
        if (e.leader() == null) {
            return apiError(KvApiException.unavailable("no leader is elected yet; retry",
                    KvApiException.WriteOutcome.NOT_APPLIED));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.MISDIRECTED_REQUEST, e.getMessage());
        problem.setProperty("leader", e.leader());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.MISDIRECTED_REQUEST);
        if (e.leaderUrl() != null) {
            problem.setProperty("leaderUrl", e.leaderUrl());
            // Where to send this same request.
            response.header(HttpHeaders.LOCATION, e.leaderUrl() + request.getRequestURI());
        }
        return response.body(problem);
    }

    @ExceptionHandler(KvRaftNode.WriteNotConfirmedException.class)
    ResponseEntity<ProblemDetail> notConfirmed(KvRaftNode.WriteNotConfirmedException e) {
        return apiError(KvApiException.unavailable(e.getMessage() + "; retry the same write (a PUT is idempotent)",
                KvApiException.WriteOutcome.UNKNOWN));
    }

    @ExceptionHandler(CompletionException.class)
    ResponseEntity<ProblemDetail> completion(CompletionException e) throws Throwable {
        Throwable cause = e.getCause();
        if (cause instanceof KvRaftNode.WriteNotConfirmedException notConfirmed) {
            return notConfirmed(notConfirmed);
        }
        if (cause instanceof KvApiException api) {
            return apiError(api);
        }
        throw cause != null ? cause : e;
    }
}
