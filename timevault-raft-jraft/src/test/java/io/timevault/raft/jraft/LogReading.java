package io.timevault.raft.jraft;

import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import io.timevault.store.StoredRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads jraft entries back from raw partition records, for tests in other packages. */
public final class LogReading {

    private LogReading() {
    }

    /** The jraft entry a record holds. */
    public static LogEntry entry(StoredRecord record) {
        byte[] bytes = record.bytes();
        return new LogEntryMapping(false).toLogEntry(GroupLogs.CODEC.decode(bytes, 0, bytes.length));
    }

    /** The 8-byte commands of the data entries among {@code records}, in log order. */
    public static List<Long> commands(List<StoredRecord> records) {
        List<Long> commands = new ArrayList<>();
        for (StoredRecord record : records) {
            LogEntry entry = entry(record);
            if (entry.getType() == EntryType.ENTRY_TYPE_DATA) {
                ByteBuffer data = entry.getData();
                commands.add(data.getLong(data.position()));
            }
        }
        return commands;
    }
}
