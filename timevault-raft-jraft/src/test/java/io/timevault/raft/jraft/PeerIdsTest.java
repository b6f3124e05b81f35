package io.timevault.raft.jraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.alipay.sofa.jraft.entity.PeerId;
import org.junit.jupiter.api.Test;

class PeerIdsTest {

    @Test
    void anIpv4PeerPacksAddressPortAndIdx() {
        assertThat(PeerIds.nodeId(PeerIds.parse("127.0.0.1:8081"))).isEqualTo(0x7F000001_1F91_0000L)
                .isEqualTo(9151314447641411584L);
        assertThat(PeerIds.nodeId(PeerIds.parse("10.0.0.2:80:3"))).isEqualTo(0x0A000002_0050_0003L);
    }

    @Test
    void theEmptyPeerIsNodeZero() {
        assertThat(PeerIds.nodeId(PeerId.emptyPeer())).isZero().isEqualTo(PeerIds.NO_PEER);
    }

    @Test
    void thePriorityIsNotPartOfTheId() {
        assertThat(PeerIds.nodeId(PeerIds.parse("127.0.0.1:8081::100")))
                .isEqualTo(PeerIds.nodeId(PeerIds.parse("127.0.0.1:8081")));
    }

    @Test
    void idsOfIpv4PeersSortLikeThePeersUnsigned() {
        long low = PeerIds.nodeId(PeerIds.parse("127.0.0.1:9000"));
        long high = PeerIds.nodeId(PeerIds.parse("192.168.0.1:80"));

        assertThat(high).isNegative();
        assertThat(Long.compareUnsigned(low, high)).isNegative();
        assertThat(Long.compareUnsigned(PeerIds.nodeId(PeerIds.parse("127.0.0.1:8081")), low)).isNegative();
    }

    @Test
    void otherPeersGetAStableNonZeroHash() {
        long id = PeerIds.nodeId(PeerIds.parse("raft-1.example:8081"));

        assertThat(id).isNotZero().isEqualTo(PeerIds.nodeId(PeerIds.parse("raft-1.example:8081")))
                .isNotEqualTo(PeerIds.nodeId(PeerIds.parse("raft-2.example:8081")));
        assertThat(PeerIds.nodeId(PeerIds.parse("10.0.0.1:8081:70000"))).isNotZero();
    }

    @Test
    void aStringThatIsNotAPeerIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> PeerIds.parse("no port"));
    }
}
