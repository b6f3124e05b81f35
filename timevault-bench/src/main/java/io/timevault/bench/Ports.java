package io.timevault.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on 127.0.0.1 for the jraft figures. By default ephemeral ports chosen by the kernel; with
 * {@code -Dtimevault.bench.ports=FROM-TO} (scripts/bench.sh passes {@code BENCH_PORTS}) only ports of that range,
 * handed out in turn so that two runs in a row do not reuse a port still in TIME_WAIT. Main thread only.
 */
final class Ports {

    private static final String RANGE = System.getProperty("timevault.bench.ports", "");
    private static int next = -1;

    private Ports() {
    }

    static int[] free(int n) {
        return RANGE.isBlank() ? ephemeral(n) : fromRange(n);
    }

    private static int[] fromRange(int n) {
        String[] bounds = RANGE.split("-");
        int from = Integer.parseInt(bounds[0].trim());
        int to = Integer.parseInt(bounds[1].trim());
        if (next < from || next > to) {
            next = from;
        }
        int[] ports = new int[n];
        int found = 0;
        for (int tried = 0; found < n && tried <= to - from; tried++) {
            int port = next;
            next = next == to ? from : next + 1;
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                ports[found++] = s.getLocalPort();
            } catch (IOException busy) {
                // in use: try the next one
            }
        }
        if (found < n) {
            throw new IllegalStateException("fewer than " + n + " free ports in " + RANGE);
        }
        return ports;
    }

    private static int[] ephemeral(int n) {
        int[] ports = new int[n];
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                open.add(s);
                ports[i] = s.getLocalPort();
            }
            for (ServerSocket s : open) {
                s.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }
}
