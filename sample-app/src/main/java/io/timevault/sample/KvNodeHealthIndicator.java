package io.timevault.sample;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code kvNode}, also in the readiness group (application.yml): DOWN once the state machine halted
 * (with the index and cause), OUT_OF_SERVICE until the node applied the log it found at start (reads answer 503
 * then), UP otherwise. A halted node stays live (restarting it would halt again at the same entry) but is not ready.
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
        var halt = stateMachine.halt();
        if (halt.isPresent()) {
            return Health.down().withDetail("state", "HALTED").withDetail("index", halt.get().index())
                    .withDetail("cause", halt.get().cause()).withDetail("nextStep", NEXT_STEP_HALTED).build();
        }
        Health.Builder health = node.replayed() ? Health.up().withDetail("state", "SERVING")
                : Health.outOfService().withDetail("state", "REPLAYING");
        return health.withDetail("role", node.view().role()).withDetail("startIndex", node.startIndex())
                .withDetail("appliedIndex", node.lastAppliedIndex()).build();
    }
}
