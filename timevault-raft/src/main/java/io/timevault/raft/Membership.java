package io.timevault.raft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A cluster membership (OpenRaft's {@code Membership<u64, BasicNode>}): one or more voter configurations (one set
 * is a uniform config, two or more a joint config) and the nodes, keyed by id. Nodes in no config are learners.
 *
 * <p>As OpenRaft's {@code Membership::new}, every voter missing from {@code nodes} is added with
 * {@link Node#EMPTY}. Id sets and the node map are immutable and sorted by unsigned id; equality is field-wise
 * and independent of the collection types passed in.
 *
 * @param configs the voter configurations, in order
 * @param nodes   every member, voters and learners, by id
 */
public record Membership(List<SortedSet<Long>> configs, SortedMap<Long, Node> nodes) {

    public Membership {
        List<SortedSet<Long>> copiedConfigs = new ArrayList<>(configs.size());
        SortedMap<Long, Node> allNodes = new TreeMap<>(Long::compareUnsigned);
        allNodes.putAll(nodes);
        for (Set<Long> config : configs) {
            SortedSet<Long> ids = new TreeSet<>(Long::compareUnsigned);
            ids.addAll(config);
            for (Long id : ids) {
                allNodes.putIfAbsent(id, Node.EMPTY);
            }
            copiedConfigs.add(Collections.unmodifiableSortedSet(ids));
        }
        configs = List.copyOf(copiedConfigs);
        nodes = Collections.unmodifiableSortedMap(allNodes);
    }

    /** A membership of the given voter configurations, with no learners and empty addresses. */
    @SafeVarargs
    public static Membership of(Set<Long>... configs) {
        return of(Arrays.asList(configs), Map.of());
    }

    /**
     * A membership of the given voter configurations and nodes; nodes in no config become learners.
     *
     * @param configs voter configurations
     * @param nodes   known nodes by id (voters missing here are added with an empty address)
     */
    public static Membership of(List<? extends Set<Long>> configs, Map<Long, Node> nodes) {
        List<SortedSet<Long>> sorted = new ArrayList<>(configs.size());
        for (Set<Long> config : configs) {
            SortedSet<Long> ids = new TreeSet<>(Long::compareUnsigned);
            ids.addAll(config);
            sorted.add(ids);
        }
        SortedMap<Long, Node> members = new TreeMap<>(Long::compareUnsigned);
        members.putAll(nodes);
        return new Membership(sorted, members);
    }

    /** Every voter id across all configs, ascending (unsigned). */
    public SortedSet<Long> voterIds() {
        SortedSet<Long> voters = new TreeSet<>(Long::compareUnsigned);
        configs.forEach(voters::addAll);
        return Collections.unmodifiableSortedSet(voters);
    }

    /** Ids of nodes that are in no config, ascending (unsigned). */
    public SortedSet<Long> learnerIds() {
        SortedSet<Long> learners = new TreeSet<>(Long::compareUnsigned);
        learners.addAll(nodes.keySet());
        learners.removeAll(voterIds());
        return Collections.unmodifiableSortedSet(learners);
    }
}
