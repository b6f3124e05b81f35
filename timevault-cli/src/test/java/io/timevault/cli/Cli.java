package io.timevault.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the tool in this JVM and captures what it prints. */
record Cli(int code, String out, String err) {

    static Cli run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = String.valueOf(args[i]);
        }
        int code = TimevaultCli.execute(new PrintWriter(out), new PrintWriter(err), strings);
        return new Cli(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
