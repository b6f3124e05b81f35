package io.timevault.cli;

import io.timevault.store.CorruptFileException;
import io.timevault.store.MissingFileException;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code timevault} command: dispatches to its subcommands. */
@Command(name = "timevault", mixinStandardHelpOptions = true, version = "timevault 0.1.0",
        description = "List, dump, verify and repair a timevault store (the directory of timevault.raft.root).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:findings (damage, or work for repair)", "2:usage or I/O error"},
        subcommands = {LsCommand.class, DumpCommand.class, VerifyCommand.class, RepairCommand.class,
            AutoComplete.GenerateCompletion.class})
public final class TimevaultCli implements Runnable {

    /** Exit code: everything is fine. */
    public static final int OK = 0;
    /** Exit code: the store has findings. */
    public static final int FINDINGS = 1;
    /** Exit code: bad usage, or an I/O error. */
    public static final int ERROR = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the tool with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new TimevaultCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("timevault: " + e.getMessage());
            cmd.getErr().flush();
            // damaged or lost data met while reading is a finding about the store, not a failure of the tool
            return e instanceof CorruptFileException || e instanceof MissingFileException ? FINDINGS : ERROR;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
