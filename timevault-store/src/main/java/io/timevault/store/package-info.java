/**
 * The timevault partition engine, byte-compatible with timevault-rs (see docs/compatibility.md for every
 * deliberate difference). Read this first.
 *
 * <h2>Files</h2>
 * <pre>
 * &lt;root&gt;/.timevault.write.lock                      flock(2)-held by the writing store; "pid=&lt;pid&gt;\n"
 * &lt;root&gt;/partitions/fa/87/13f98d87-...-bcb965a9fa87/   shards: UUID bytes 14 and 15
 *     metadata.json        {@link io.timevault.store.PartitionConfig} + last_purge_id; one line, no LF
 *     manifest.jsonl       one line per chunk: {"chunk_id":1,"min_order_key":1,"max_order_key":5}; last line open
 *     chunks/0000000000000001.chunk   records, one JSON object + LF each, keys non-decreasing
 *     chunks/0000000000000001.index   sparse index: one line per block of records, with the block's CRC-32C
 *     chunks/0000000000000001.chunk.broken-84   bytes a recovery cut as a torn tail (kept for the operator)
 * </pre>
 * A chunk is named by the key of its first record (16 lowercase hex digits). A record's key is the top-level
 * {@code timestamp} of its JSON line. The index lists blocks of {@code index.max_records} records (or
 * {@code index.max_hours} of key span); the records after the last index line are the unindexed tail.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li><b>open</b> ({@link io.timevault.store.TimevaultStore#open}): take the store lock.</li>
 *   <li><b>recover</b> ({@link io.timevault.store.TimevaultStore#openPartition}): read metadata and manifest, cut a
 *       torn tail of the last chunk, rebuild an index that does not line up, finish an interrupted purge, remove
 *       temp and orphan files; the {@link io.timevault.store.RecoveryReport} says what was done. Only the last
 *       chunk is scanned, so recovery costs O(chunks + tail).</li>
 *   <li><b>append</b> ({@link io.timevault.store.Partition#append}) makes a record readable;
 *       <b>sync</b> ({@link io.timevault.store.Partition#sync}) makes it durable: chunk data first, then the index
 *       lines that cover it, each with the CRC-32C of its block; reads check the CRC of every block they touch. A roll to a new chunk is one atomic manifest rewrite.</li>
 *   <li><b>purge</b> removes a prefix (durable metadata first, whole chunks only: the chunk straddling the cutoff is
 *       never rewritten); <b>truncate</b> removes a suffix.</li>
 * </ol>
 */
package io.timevault.store;
