package io.timevault.sample;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code kvReadiness}, in the readiness group (application.yml): OUT_OF_SERVICE while the node
 * replays the log it found at start (reads answer 503 then) and once its state machine halted; UP when it serves
 * reads. {@code kvNode} says DOWN for a halt; this one keeps readiness at OUT_OF_SERVICE, as Kubernetes expects.
 */
@Component
class KvReadinessHealthIndicator implements HealthIndicator {

    private final KvRaftNode node;

    private final KvStateMachine stateMachine;

    KvReadinessHealthIndicator(KvRaftNode node, KvStateMachine stateMachine) {
        this.node = node;
        this.stateMachine = stateMachine;
    }

    @Override
    public Health health() {
        return KvNodeHealthIndicator.halted(Health.outOfService(), stateMachine.halt())
                .orElseGet(() -> node.replayed() ? Health.up().withDetail("state", "SERVING")
                        : Health.outOfService().withDetail("state", "REPLAYING")
                                .withDetail("startIndex", node.startIndex())
                                .withDetail("appliedIndex", node.lastAppliedIndex()))
                .build();
    }
}
