package org.perceptrix.cli;

import java.io.PrintWriter;

import org.perceptrix.compile.CompileException;
import org.perceptrix.data.DataException;
import org.perceptrix.export.ModelFileException;
import org.perceptrix.project.ProjectFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Runs the headless commands; turns every error into one line on stderr and an exit code, never a stack trace. */
public final class Cli {
    /** Exit code for a command that worked but found the input invalid (e.g. {@code validate} on a bad graph). */
    public static final int INVALID = 2;
    /** Exit code for an error: bad file, bad arguments, failed training. */
    public static final int ERROR = 1;
    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs with the given streams (tests capture them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new PerceptrixCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + userMessage(e));
            return ERROR;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ERROR;
        });
        return cl.execute(args);
    }

    /** What the user reads for an exception: ours carry a ready message; others are logged in full. */
    static String userMessage(Exception e) {
        if (e instanceof ProjectFileException || e instanceof DataException || e instanceof ModelFileException
                || e instanceof CompileException || e instanceof UserError) {
            return e.getMessage();
        }
        LOG.error("Unexpected failure", e);
        return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + " (details in the log)";
    }

    /** A problem with what the user asked for, explained in the message. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }
    }
}
