package io.timevault.store;


/** The built-in format plugins, by the names timevault-rs accepts in {@code metadata.json}. */
public final class FormatPlugins {

    /** {@code jsonl}: one JSON object per line, key in {@code timestamp}. */
    public static final FormatPlugin JSONL = new JsonLinesFormat("jsonl");

    /** {@code jsonl_struct}: same framing as jsonl; writers insert {@code timestamp} into an object payload. */
    public static final FormatPlugin JSONL_STRUCT = new JsonLinesFormat("jsonl_struct");

    private static final FormatPlugin JSON_ALIAS = new JsonLinesFormat("json");

    private FormatPlugins() {
    }

    /**
     * The plugin registered under {@code name} ({@code jsonl}, its alias {@code json}, or {@code jsonl_struct}).
     *
     * @throws IllegalArgumentException for any other name, as timevault-rs's "unknown plugin"
     */
    public static FormatPlugin forName(String name) {
        return switch (name) {
            case "jsonl" -> JSONL;
            case "json" -> JSON_ALIAS;
            case "jsonl_struct" -> JSONL_STRUCT;
            default -> throw new IllegalArgumentException("unknown plugin: " + name);
        };
    }
}
