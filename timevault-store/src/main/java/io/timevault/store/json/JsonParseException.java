package io.timevault.store.json;

/** Malformed JSON, with the byte offset (relative to the parsed region) of the first bad byte. */
public final class JsonParseException extends Exception {

    private final int offset;

    public JsonParseException(String reason, int offset) {
        super(reason + " at byte " + offset);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
