package io.timevault.raft.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.timevault.raft.LogStorageMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Micrometer meters of timevault Raft logs, read from each log's {@link LogStorageMetrics} whenever a registry
 * polls; every meter is tagged {@code log=<name>}. Logs come and go while the application runs: a log's meters are
 * registered in every bound registry when it opens ({@link #logOpened}) and removed when it closes
 * ({@link #logClosed}). Thread-safe.
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

    private final Object lock = new Object();

    /** The open logs and what their meters poll; Micrometer references polled objects weakly, this keeps them. */
    private final Map<String, Source> logs = new LinkedHashMap<>();

    /** Every registry bound so far and the meters registered in it, by log name. */
    private final Map<MeterRegistry, Map<String, List<Meter>>> registries = new IdentityHashMap<>();

    /** A binder for logs that are added later with {@link #logOpened}. */
    public TimevaultLogMetrics() {
    }

    /**
     * @param logs each open log's name and a reader of its current counters
     */
    public TimevaultLogMetrics(Map<String, Supplier<LogStorageMetrics>> logs) {
        Objects.requireNonNull(logs, "logs").forEach(this::logOpened);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (lock) {
            Map<String, List<Meter>> meters = registries.computeIfAbsent(registry, r -> new HashMap<>());
            logs.forEach((name, source) -> meters.computeIfAbsent(name, n -> bind(registry, n, source)));
        }
    }

    /** Registers the meters of log {@code name} in every bound registry (and in those bound later). */
    public void logOpened(String name, Supplier<LogStorageMetrics> metrics) {
        Objects.requireNonNull(name, "name");
        Source source = new Source(Objects.requireNonNull(metrics, "metrics"));
        synchronized (lock) {
            removeMeters(name);
            logs.put(name, source);
            registries.forEach((registry, meters) -> meters.put(name, bind(registry, name, source)));
        }
    }

    /** Removes the meters of log {@code name} from every registry. */
    public void logClosed(String name) {
        synchronized (lock) {
            logs.remove(name);
            removeMeters(name);
        }
    }

    private void removeMeters(String name) {
        registries.forEach((registry, meters) -> {
            List<Meter> registered = meters.remove(name);
            if (registered != null) {
                registered.forEach(registry::remove);
            }
        });
    }

    private static List<Meter> bind(MeterRegistry registry, String name, Source source) {
        List<Meter> meters = new ArrayList<>();
        bind(registry, Tags.of(Tag.of("log", name)), source, meters);
        return meters;
    }

    private static void bind(MeterRegistry registry, Tags tags, Source source, List<Meter> meters) {
        counter(registry, "timevault.raft.appends", "Append calls executed", null, tags, source,
                LogStorageMetrics::appendCalls, meters);
        counter(registry, "timevault.raft.appended.entries", "Log entries written", "entries", tags, source,
                LogStorageMetrics::appendedEntries, meters);
        counter(registry, "timevault.raft.appended.bytes", "Record bytes written", BaseUnits.BYTES, tags, source,
                LogStorageMetrics::appendedBytes, meters);
        counter(registry, "timevault.raft.vote.saves", "Votes saved", null, tags, source,
                LogStorageMetrics::voteSaves, meters);
        counter(registry, "timevault.raft.purges", "Purges executed", null, tags, source, LogStorageMetrics::purges,
                meters);
        counter(registry, "timevault.raft.truncates", "Truncations executed", null, tags, source,
                LogStorageMetrics::truncates, meters);
        meters.add(FunctionTimer.builder("timevault.raft.sync", source, s -> s.read().syncs(),
                        s -> s.read().syncNanosTotal(), TimeUnit.NANOSECONDS)
                .description("Group-commit fsyncs of the log's partition").tags(tags).register(registry));
        meters.add(TimeGauge.builder("timevault.raft.sync.max", source, TimeUnit.NANOSECONDS,
                        s -> s.read().syncNanosMax())
                .description("Slowest fsync since the log was opened").tags(tags).register(registry));
        gauge(registry, "timevault.raft.batch.size", "Entries made durable by the latest fsync", "entries", tags,
                source, s -> s.read().lastBatchEntries(), meters);
        gauge(registry, "timevault.raft.queue.depth", "Writes waiting for the log's writer thread", null, tags,
                source, s -> s.read().queueDepth(), meters);
    }

    private static void counter(MeterRegistry registry, String name, String description, String unit, Tags tags,
            Source source, ToLongFunction<LogStorageMetrics> value, List<Meter> meters) {
        meters.add(FunctionCounter.builder(name, source, s -> value.applyAsLong(s.read()))
                .description(description).baseUnit(unit).tags(tags).register(registry));
    }

    private static void gauge(MeterRegistry registry, String name, String description, String unit, Tags tags,
            Source source, ToDoubleFunction<Source> value, List<Meter> meters) {
        meters.add(Gauge.builder(name, source, value).description(description).baseUnit(unit).tags(tags)
                .register(registry));
    }

    /** What the meters poll. */
    private record Source(Supplier<LogStorageMetrics> reader) {
        LogStorageMetrics read() {
            return reader.get();
        }
    }
}
