package io.timevault.store;

/** Unsigned 64-bit key arithmetic with timevault-rs's saturating rules (spec §0.1). */
final class Keys {

    private static final long MILLIS_PER_HOUR = 3_600_000L;

    private Keys() {
    }

    /** {@code a - b}, or 0 when {@code b > a} (unsigned). */
    static long saturatingSub(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? 0 : a - b;
    }

    /** {@code hours × 3 600 000}, saturating at 2^64-1 (unsigned). */
    static long hoursToMillis(long hours) {
        if (hours != 0 && Long.compareUnsigned(hours, Long.divideUnsigned(-1L, MILLIS_PER_HOUR)) > 0) {
            return -1L;
        }
        return hours * MILLIS_PER_HOUR;
    }

    static boolean above(long a, long b) {
        return Long.compareUnsigned(a, b) > 0;
    }

    static boolean atMost(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }
}
