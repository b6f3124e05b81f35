/**
 * OpenRaft 0.9's log-storage API in Java, and its implementation on a timevault partition.
 *
 * <h2>The API (a faithful rendition of OpenRaft 0.9.21 storage v2)</h2>
 * <ul>
 *   <li>Values: {@link io.timevault.raft.LeaderId}, {@link io.timevault.raft.LogId}, {@link io.timevault.raft.Vote},
 *       {@link io.timevault.raft.Entry} with its sealed {@link io.timevault.raft.EntryPayload} (blank, normal data,
 *       membership), {@link io.timevault.raft.Membership}, {@link io.timevault.raft.Node},
 *       {@link io.timevault.raft.LogState}. All numbers are unsigned 64-bit held in {@code long}; orderings are
 *       OpenRaft's (a log id compares by leader id, then index).
 *   <li>Contracts: {@link io.timevault.raft.RaftLogReader} (half-open index ranges) and
 *       {@link io.timevault.raft.RaftLogStorage} (vote, append with a {@link io.timevault.raft.LogFlushed} callback,
 *       truncate, purge; writes in call order). Failures are {@link io.timevault.raft.StorageException}s carrying
 *       OpenRaft's subject and verb.
 * </ul>
 *
 * <h2>The adapter</h2>
 * {@link io.timevault.raft.TimevaultLogStorage} keeps one Raft log in one partition: each entry is one record keyed
 * by its index, encoded by a {@link io.timevault.raft.RaftRecordCodec} — {@link io.timevault.raft.JacksonFormatPlugin}
 * writes timevault-rs's raft line:
 * <pre>{@code {"timestamp":7,"log_id":{"leader_id":{"term":3,"node_id":176},"index":7},"kind":"Normal","payload":{"value":42}}}</pre>
 * Beside the chunks it keeps {@code raft_vote.json} and {@code raft_purge.json}. Life cycle: open (recover: re-purge
 * if {@code raft_purge.json} is ahead of the partition, decode the last log id from the last record) → writes
 * through the storage's writer, on a thread pool shared by every log (group commit) → close. {@link io.timevault.raft.TimevaultLogStorage#status()} and
 * {@link io.timevault.raft.TimevaultLogStorage#metrics()} feed health and metrics.
 */
package io.timevault.raft;
