package io.timevault.sample;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key-value API. Writes go through Raft and answer once committed and applied; they must be sent to the leader
 * (others answer 421 with the leader's Raft address). Reads answer from this node's state machine, which on a
 * follower may lag the leader by the entries not yet applied.
 */
@RestController
class KvController {

    private final KvRaftNode node;

    private final KvStateMachine stateMachine;

    KvController(KvRaftNode node, KvStateMachine stateMachine) {
        this.node = node;
        this.stateMachine = stateMachine;
    }

    @PutMapping("/kv/{key}")
    CompletableFuture<Map<String, String>> put(@PathVariable String key, @RequestBody String value) {
        return node.apply(KvCommand.put(key, value)).thenApply(applied -> Map.of("key", key, "value", value));
    }

    @GetMapping("/kv/{key}")
    ResponseEntity<Map<String, String>> get(@PathVariable String key) {
        return stateMachine.get(key).map(value -> ResponseEntity.ok(Map.of("key", key, "value", value)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("key", key)));
    }

    @DeleteMapping("/kv/{key}")
    CompletableFuture<ResponseEntity<Void>> delete(@PathVariable String key) {
        return node.apply(KvCommand.delete(key)).thenApply(applied -> ResponseEntity.noContent().build());
    }

    @GetMapping("/cluster")
    KvRaftNode.ClusterView cluster() {
        return node.view();
    }

    @ExceptionHandler(KvRaftNode.NotLeaderException.class)
    ResponseEntity<Map<String, String>> notLeader(KvRaftNode.NotLeaderException e) {
        return ResponseEntity.status(HttpStatus.MISDIRECTED_REQUEST)
                .body(Map.of("error", e.getMessage(), "leader", String.valueOf(e.leader())));
    }
}
