/**
 * The chaos test ({@code mvn -Pchaos verify}, {@code scripts/chaos.sh}): three sample nodes in their own JVMs on
 * 127.0.0.1, concurrent writers, repeated {@code kill -9} of leaders and followers with restarts, then checks of
 * every acknowledged write, of the three on-disk logs and of every restart.
 */
package io.timevault.sample.chaos;
