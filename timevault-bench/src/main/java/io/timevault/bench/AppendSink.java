package io.timevault.bench;

/**
 * One of the stores compared by the append figures. {@link #prepare} builds a round's input outside the clock;
 * the returned round appends it batch by batch, each batch durable before the next starts.
 */
interface AppendSink extends AutoCloseable {

    /** A round of {@code batches} batches of {@code batchSize} entries, starting at index {@code first}. */
    Runnable prepare(long first, int batches, int batchSize);

    /** Extra facts for the RAW line (e.g. where the time went), or empty. */
    default String detail() {
        return "";
    }

    @Override
    void close();
}
