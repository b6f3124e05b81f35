package io.timevault.sample.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stopped node's Raft log as it is on disk: the records of the chunk files of its one timevault partition
 * ({@code <root>/partitions/../chunks/*.chunk}, JSON lines keyed by {@code timestamp} = log index), read without the
 * project's code so that a bug there cannot hide itself.
 *
 * @param records every record's line by log index
 */
record DiskLog(NavigableMap<Long, String> records) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static DiskLog read(Path timevaultRoot) throws IOException {
        List<Path> chunks;
        try (Stream<Path> files = Files.walk(timevaultRoot.resolve("partitions"))) {
            chunks = files.filter(f -> f.getFileName().toString().endsWith(".chunk")).sorted().toList();
        }
        long partitions = chunks.stream().map(chunk -> chunk.getParent().getParent()).distinct().count();
        if (partitions > 1) {
            throw new IllegalStateException(timevaultRoot + " holds " + partitions + " partitions; expected one");
        }
        NavigableMap<Long, String> records = new TreeMap<>();
        for (Path chunk : chunks) {
            for (String line : Files.readAllLines(chunk, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    records.put(JSON.readTree(line).get("timestamp").asLong(), line);
                }
            }
        }
        return new DiskLog(records);
    }

    /**
     * The sample command a record holds ({@code {"op":"PUT","key":..,"value":..}}), or {@code null} for a record that
     * is no command (configuration, no-op). Reads the forms the bridge may write: the command's JSON as is (as the
     * payload or in one of its fields), or its base64 in a field such as {@code payload.data}.
     *
     * @throws IllegalStateException for a DATA record whose command is missing or unreadable (the issue-14 bug)
     */
    static JsonNode command(String record) {
        JsonNode line = JSON.readTree(record);
        if (!"Normal".equals(line.path("kind").asString())) {
            return null;
        }
        JsonNode payload = line.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new IllegalStateException("a Normal record without a payload object: " + record);
        }
        if (payload.has("op") && payload.has("key")) {
            return payload;
        }
        if (payload.has("type") && !"DATA".equals(payload.get("type").asString())) {
            return null;
        }
        // The command's JSON as is, or its base64, under whichever field the bridge uses for the data.
        for (var field : payload.properties()) {
            JsonNode found = asCommand(field.getValue());
            if (found != null) {
                return found;
            }
        }
        throw new IllegalStateException("a DATA record without its command: " + record);
    }

    private static JsonNode asCommand(JsonNode value) {
        if (value.isObject()) {
            return value.has("op") && value.has("key") ? value : null;
        }
        if (!value.isString()) {
            return null;
        }
        for (String text : new String[] {value.asString(), decodeBase64(value.asString())}) {
            try {
                JsonNode parsed = text == null ? null : JSON.readTree(text);
                if (parsed != null && parsed.isObject() && parsed.has("op") && parsed.has("key")) {
                    return parsed;
                }
            } catch (RuntimeException notJson) {
                // try the next reading
            }
        }
        return null;
    }

    private static String decodeBase64(String text) {
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
