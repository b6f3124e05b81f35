package io.timevault.sample;

import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code kvNode}: DOWN once the state machine halted (with the index, the cause and the next step),
 * UP otherwise, with the node's role and indexes; {@code state} is REPLAYING until it applied the log it found at
 * start (see {@link KvReadinessHealthIndicator}, which holds readiness back meanwhile), then SERVING. A halted node
 * stays live (restarting it would halt again at the same entry) but is not ready.
 */
@Component
class KvNodeHealthIndicator implements HealthIndicator {

    static final String NEXT_STEP_HALTED = "restore this node from a healthy peer (see the ERROR line in its log)";

    private final KvRaftNode node;

    private final KvStateMachine stateMachine;

    KvNodeHealthIndicator(KvRaftNode node, KvStateMachine stateMachine) {
        this.node = node;
        this.stateMachine = stateMachine;
    }

    @Override
    public Health health() {
        return halted(Health.down(), stateMachine.halt()).map(down -> down.withDetail("nextStep", NEXT_STEP_HALTED))
                .orElseGet(() -> Health.up().withDetail("state", node.replayed() ? "SERVING" : "REPLAYING")
                        .withDetail("role", node.view().role()).withDetail("startIndex", node.startIndex())
                        .withDetail("appliedIndex", node.lastAppliedIndex()))
                .build();
    }

    /** {@code health} with the halt's details, or empty if the state machine runs. */
    static Optional<Health.Builder> halted(Health.Builder health, Optional<KvStateMachine.Halt> halt) {
        return halt.map(h -> health.withDetail("state", "HALTED").withDetail("index", h.index())
                .withDetail("cause", h.cause()));
    }
}
