package io.timevault.raft;

import java.util.Objects;

/**
 * What a membership knows about a node: OpenRaft's {@code BasicNode}, its address.
 *
 * @param addr the node's address; {@code ""} when unknown (the default OpenRaft gives voters it adds itself)
 */
public record Node(String addr) {

    /** A node with an empty address, OpenRaft's {@code BasicNode::default()}. */
    public static final Node EMPTY = new Node("");

    public Node {
        Objects.requireNonNull(addr, "addr");
    }
}
