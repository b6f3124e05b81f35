package io.timevault.raft.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.timevault.raft.LogStorageMetrics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Micrometer meters of timevault Raft logs, read from each log's {@link LogStorageMetrics} whenever a registry
 * polls; every meter is tagged {@code log=<name>}.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>what</th></tr>
 * <tr><td>timevault.raft.appends</td><td>function counter</td><td>append calls executed</td></tr>
 * <tr><td>timevault.raft.appended.entries</td><td>function counter</td><td>entries written</td></tr>
 * <tr><td>timevault.raft.appended.bytes</td><td>function counter (bytes)</td><td>record bytes written</td></tr>
 * <tr><td>timevault.raft.sync</td><td>function timer</td><td>group-commit fsyncs: count and total time</td></tr>
 * <tr><td>timevault.raft.sync.max</td><td>time gauge</td><td>slowest fsync since the log was opened</td></tr>
 * <tr><td>timevault.raft.batch.size</td><td>gauge (entries)</td><td>entries made durable by the latest fsync</td></tr>
 * <tr><td>timevault.raft.queue.depth</td><td>gauge</td><td>writes waiting for the writer thread</td></tr>
 * <tr><td>timevault.raft.vote.saves, .purges, .truncates</td><td>function counter</td><td>other writes</td></tr>
 * </table>
 */
public class TimevaultLogMetrics implements MeterBinder {

    private final Map<String, Supplier<LogStorageMetrics>> logs;

    /** Micrometer references polled objects weakly: the binder keeps them alive as long as it lives. */
    private final List<Source> sources = new CopyOnWriteArrayList<>();

    /**
     * @param logs each log's name and a reader of its current counters
     */
    public TimevaultLogMetrics(Map<String, Supplier<LogStorageMetrics>> logs) {
        this.logs = Map.copyOf(Objects.requireNonNull(logs, "logs"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        logs.forEach((name, metrics) -> {
            Source source = new Source(metrics);
            sources.add(source);
            bind(registry, Tags.of(Tag.of("log", name)), source);
        });
    }

    private static void bind(MeterRegistry registry, Tags tags, Source source) {
        counter(registry, "timevault.raft.appends", "Append calls executed", null, tags, source,
                LogStorageMetrics::appendCalls);
        counter(registry, "timevault.raft.appended.entries", "Log entries written", "entries", tags, source,
                LogStorageMetrics::appendedEntries);
        counter(registry, "timevault.raft.appended.bytes", "Record bytes written", BaseUnits.BYTES, tags, source,
                LogStorageMetrics::appendedBytes);
        counter(registry, "timevault.raft.vote.saves", "Votes saved", null, tags, source,
                LogStorageMetrics::voteSaves);
        counter(registry, "timevault.raft.purges", "Purges executed", null, tags, source, LogStorageMetrics::purges);
        counter(registry, "timevault.raft.truncates", "Truncations executed", null, tags, source,
                LogStorageMetrics::truncates);
        FunctionTimer.builder("timevault.raft.sync", source, s -> s.read().syncs(),
                        s -> s.read().syncNanosTotal(), TimeUnit.NANOSECONDS)
                .description("Group-commit fsyncs of the log's partition").tags(tags).register(registry);
        TimeGauge.builder("timevault.raft.sync.max", source, TimeUnit.NANOSECONDS, s -> s.read().syncNanosMax())
                .description("Slowest fsync since the log was opened").tags(tags).register(registry);
        gauge(registry, "timevault.raft.batch.size", "Entries made durable by the latest fsync", "entries", tags,
                source, s -> s.read().lastBatchEntries());
        gauge(registry, "timevault.raft.queue.depth", "Writes waiting for the log's writer thread", null, tags,
                source, s -> s.read().queueDepth());
    }

    private static void counter(MeterRegistry registry, String name, String description, String unit, Tags tags,
            Source source, ToLongFunction<LogStorageMetrics> value) {
        FunctionCounter.builder(name, source, s -> value.applyAsLong(s.read()))
                .description(description).baseUnit(unit).tags(tags).register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, String unit, Tags tags,
            Source source, ToDoubleFunction<Source> value) {
        Gauge.builder(name, source, value).description(description).baseUnit(unit).tags(tags).register(registry);
    }

    /** What the meters poll. */
    private record Source(Supplier<LogStorageMetrics> reader) {
        LogStorageMetrics read() {
            return reader.get();
        }
    }
}
