package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.LogId;
import com.alipay.sofa.jraft.entity.PeerId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builders of jraft log entries for the unit tests. */
final class LogEntries {

    private LogEntries() {
    }

    static LogEntry data(long index, long term, String data) {
        LogEntry entry = new LogEntry(EntryType.ENTRY_TYPE_DATA);
        entry.setId(new LogId(index, term));
        entry.setData(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)));
        return entry;
    }

    static LogEntry noOp(long index, long term) {
        LogEntry entry = new LogEntry(EntryType.ENTRY_TYPE_NO_OP);
        entry.setId(new LogId(index, term));
        return entry;
    }

    static LogEntry configuration(long index, long term, String peers) {
        LogEntry entry = new LogEntry(EntryType.ENTRY_TYPE_CONFIGURATION);
        entry.setId(new LogId(index, term));
        entry.setPeers(peers(peers));
        return entry;
    }

    /** {@code "a,b"} as peers; {@code ""} as an empty list. */
    static List<PeerId> peers(String peers) {
        List<PeerId> list = new ArrayList<>();
        for (String peer : peers.split(",")) {
            if (!peer.isBlank()) {
                list.add(PeerIds.parse(peer.trim()));
            }
        }
        return list;
    }
}
