package io.timevault.raft;

import io.timevault.store.Partition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RaftLogStorage} on one timevault partition — the seed's adapter, without timevault-rs's bugs.
 *
 * <h2>On disk</h2>
 * Each entry is one record of the partition, keyed by its index and encoded by a {@link RaftRecordCodec} (for
 * {@link JacksonFormatPlugin}, timevault-rs's raft {@code jsonl} line). Beside the chunks, in
 * {@link #directory()}: {@code raft_vote.json} (the vote) and {@code raft_purge.json} (the last purged log id,
 * which the partition does not know: it stores only the index). Both are replaced atomically and durably.
 *
 * <h2>Operations</h2>
 * <ul>
 *   <li>append: encodes on the caller's thread, writes each record with {@code partition.append}, returns once they
 *       are readable; the callback follows the batch's {@code partition.sync()}.
 *   <li>purge: writes {@code raft_purge.json}, then {@code partition.purge(index)}. Past the last entry, the log
 *       becomes empty and its last log id is the purged id.
 *   <li>truncate: {@code partition.truncate(index)}, then the last log id is decoded from the new last record.
 *   <li>vote: {@code raft_vote.json}, durable before {@link #saveVote} returns.
 * </ul>
 *
 * <h2>Recovery when opened</h2>
 * If {@code raft_purge.json} is ahead of the partition's purge point (a crash between its two steps), the purge is
 * run again with the persisted id. The last log id is decoded from {@code partition.lastRecord()}; with no record it
 * is the last purged id. What was found is in {@link #status()}; an unrecoverable state is a
 * {@link LogRecoveryException}.
 *
 * <h2>Threads</h2>
 * Every write (vote and log) is executed by the storage's writer, in call order, on a thread of a pool every storage
 * of the JVM shares (at most eight threads, however many logs are open); appends queued together
 * share one fsync (group commit), and vote, purge and truncate first make pending appends durable. The first
 * failed write makes the storage refuse every later write with the original cause ({@link WriterState#FAILED});
 * reopen it to recover. Reads go straight to the partition and never wait for an fsync. {@link #getLogState()} and
 * {@link #readVote()} report the durable state: memory changes only after the write succeeded. All methods are
 * thread-safe; writes (to any storage) must not be called from inside a {@link LogFlushed} callback.
 *
 * <p>The storage does not own the partition: {@link #close()} stops the writer and leaves the partition open.
 *
 * @param <D> the application data type
 */
public final class TimevaultLogStorage<D> implements RaftLogStorage<D> {

    private final Partition partition;
    private final RaftRecordCodec<D> codec;
    private final LogStorageOptions options;
    private final RecoveryOutcome recovery;
    private final LogWriter writer;
    private final PartitionLogReader<D> reader;

    private TimevaultLogStorage(Partition partition, RaftRecordCodec<D> codec, LogStorageOptions options,
                                RecordDecoder<D> decoder, LogRecovery.Recovered recovered) {
        this.partition = partition;
        this.codec = codec;
        this.options = options;
        this.recovery = recovered.outcome();
        this.writer = new LogWriter(partition, decoder, options, recovered.state());
        this.reader = new PartitionLogReader<>(partition, decoder, writer);
        writer.start();
    }

    /** Opens the log stored in {@code partition} with {@link LogStorageOptions#DEFAULTS}. */
    public static <D> TimevaultLogStorage<D> open(Partition partition, RaftRecordCodec<D> codec) {
        return open(partition, codec, LogStorageOptions.DEFAULTS);
    }

    /**
     * Opens the log stored in {@code partition}, recovers it (see the class documentation) and starts its writer
     * thread. The partition must be open and writable, and its format must be one the codec writes (for
     * {@link JacksonFormatPlugin}: {@code jsonl}).
     *
     * @throws IllegalArgumentException if the codec does not fit the partition's format
     * @throws LogRecoveryException     if the stored state is inconsistent beyond repair or does not decode
     */
    public static <D> TimevaultLogStorage<D> open(Partition partition, RaftRecordCodec<D> codec,
                                                  LogStorageOptions options) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(options, "options");
        String format = partition.config().formatPlugin();
        if (!codec.supportsFormat(format)) {
            throw new IllegalArgumentException("partition " + partition.id() + " has format '" + format
                    + "', which " + codec + " does not write");
        }
        RecordDecoder<D> decoder = new RecordDecoder<>(partition, codec);
        return new TimevaultLogStorage<>(partition, codec, options, decoder, LogRecovery.recover(partition, decoder));
    }

    @Override
    public LogState getLogState() {
        PartitionLogReader.checkOpen(writer, partition, ErrorSubject.LOGS);
        return writer.state().logState();
    }

    @Override
    public RaftLogReader<D> getLogReader() {
        return reader;
    }

    @Override
    public List<Entry<D>> tryGetLogEntries(long startInclusive, long endExclusive) {
        return reader.tryGetLogEntries(startInclusive, endExclusive);
    }

    @Override
    public void saveVote(Vote vote) {
        Objects.requireNonNull(vote, "vote");
        writer.execute(new WriteCommand.SaveVote(vote, new CompletableFuture<>()));
    }

    @Override
    public Optional<Vote> readVote() {
        PartitionLogReader.checkOpen(writer, partition, ErrorSubject.VOTE);
        return Optional.ofNullable(writer.state().vote());
    }

    @Override
    public void append(List<Entry<D>> entries, LogFlushed callback) {
        writer.append(encode(entries, callback));
    }

    /** Waits for the callback only: durable implies readable, and one wake-up per batch is cheaper than two. */
    @Override
    public void blockingAppend(List<Entry<D>> entries) {
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        writer.appendDurably(encode(entries, LogFlushed.completing(flushed)), flushed);
    }

    private WriteCommand.Append encode(List<Entry<D>> entries, LogFlushed callback) {
        Objects.requireNonNull(callback, "callback");
        List<LogId> ids = new ArrayList<>(entries.size());
        List<byte[]> records = new ArrayList<>(entries.size());
        for (Entry<D> entry : entries) {
            byte[] record;
            try {
                record = codec.encode(entry);
            } catch (RaftRecordException e) {
                StorageException error = StorageException.defensive(new ErrorSubject.Log(entry.logId()), ErrorVerb.WRITE,
                        "partition " + partition.id() + ": " + e.getMessage(), e);
                WriteCommand.report(callback, error);
                throw error;
            }
            ids.add(entry.logId());
            records.add(record);
        }
        return new WriteCommand.Append(ids, records, callback, new CompletableFuture<>());
    }

    @Override
    public void truncate(LogId since) {
        Objects.requireNonNull(since, "since");
        writer.execute(new WriteCommand.Truncate(since, new CompletableFuture<>()));
    }

    @Override
    public void purge(LogId upTo) {
        Objects.requireNonNull(upTo, "upTo");
        writer.execute(new WriteCommand.Purge(upTo, new CompletableFuture<>()));
    }

    /**
     * What a health indicator shows: the recovery outcome, the durable log ids and vote, the writer's state and
     * its failure. Cheap; callable from any thread, also after close.
     */
    public LogStorageStatus status() {
        DurableState state = writer.state();
        return new LogStorageStatus(partition.id(), partition.directory(), recovery, state.lastLogId(),
                state.lastPurged(), state.vote(), writer.writerState(), writer.failureCause());
    }

    /** Counters for a metrics binder: appends, bytes, fsyncs and their latency, batch size, queue depth. */
    public LogStorageMetrics metrics() {
        return writer.metrics();
    }

    /** What opening this storage found and repaired. */
    public RecoveryOutcome recovery() {
        return recovery;
    }

    /** The partition holding the log. Do not write to it directly. */
    public Partition partition() {
        return partition;
    }

    /**
     * The partition directory, where bridges may keep their own small side files (e.g. a peer table) — use names
     * that do not start with {@code raft_} and write them with {@code DurableFiles.writeAtomically}.
     */
    public Path directory() {
        return partition.directory();
    }

    /** The codec that encodes and decodes the entries. */
    public RaftRecordCodec<D> codec() {
        return codec;
    }

    public LogStorageOptions options() {
        return options;
    }

    /** Finishes the queued writes, stops the writer thread, and leaves the partition open. Idempotent. */
    @Override
    public void close() {
        writer.close();
    }

    @Override
    public String toString() {
        return "TimevaultLogStorage[partition=" + partition.id() + ", " + writer.writerState() + "]";
    }
}
