package io.timevault.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipTest {

    @Test
    void votersMissingFromNodesAreAddedWithAnEmptyAddress() {
        Membership membership = Membership.of(List.of(Set.of(1L, 2L)), Map.of(2L, new Node("b:2")));
        assertThat(membership.nodes()).containsExactly(Map.entry(1L, Node.EMPTY), Map.entry(2L, new Node("b:2")));
    }

    @Test
    void equalityIgnoresTheCollectionTypesPassedIn() {
        Membership fromSets = Membership.of(new HashSet<>(List.of(3L, 1L, 2L)));
        Membership fromExplicitNodes = Membership.of(List.of(Set.of(1L, 2L, 3L)),
                new HashMap<>(Map.of(1L, Node.EMPTY, 2L, Node.EMPTY, 3L, Node.EMPTY)));
        assertThat(fromSets).isEqualTo(fromExplicitNodes).hasSameHashCodeAs(fromExplicitNodes);
    }

    @Test
    void idsAreOrderedAsUnsignedNumbers() {
        Membership membership = Membership.of(Set.of(-1L, 10L, 2L));
        assertThat(membership.configs().get(0)).containsExactly(2L, 10L, -1L);
        assertThat(membership.nodes().keySet()).containsExactly(2L, 10L, -1L);
    }

    @Test
    void jointConfigVotersAndLearnersAreSeparated() {
        Membership membership = Membership.of(List.of(Set.of(1L, 2L, 3L), Set.of(3L, 4L, 5L)),
                Map.of(9L, new Node("127.0.0.1:9")));
        assertThat(membership.voterIds()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(membership.learnerIds()).containsExactly(9L);
        assertThat(membership.configs()).hasSize(2);
    }

    @Test
    void membershipIsImmutable() {
        Membership membership = Membership.of(Set.of(1L));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> membership.configs().get(0).add(2L));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> membership.nodes().put(2L, Node.EMPTY));
    }
}
