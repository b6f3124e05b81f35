/**
 * The {@code timevault} command-line tool (picocli): {@code ls}, {@code dump}, {@code verify} and {@code repair}
 * on a store root, the same directory a Spring application names in {@code timevault.raft.root}. Every command but
 * {@code repair} opens the store read-only: no lock, no write, so it runs beside a live writer. {@code repair}
 * takes the store's lock and refuses a store a writer holds. Exit codes: 0 ok, 1 findings (damage, or something
 * repair would fix), 2 usage or I/O error. Run it through {@code scripts/timevault}.
 */
package io.timevault.cli;
