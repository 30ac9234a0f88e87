package dev.peerscout.cli;

import dev.peerscout.domain.model.TrackerUrl;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs a wired command line with peerscout's error policy: bad input is one line on stderr and
 * exit code 2; a bug is one line and exit code 3, with the stack trace only under {@code --verbose};
 * standard output that cannot be written is one line and exit code 4.
 */
public final class Peerscout {
    private Peerscout() {}

    public static int run(CommandLine commandLine, String... args) {
        commandLine.setParameterExceptionHandler(new UsageErrors());
        commandLine.setExecutionExceptionHandler(new Failures());
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler above; an Error would print a stack trace.
            commandLine.getErr().println("peerscout: out of memory (raise the heap with PEERSCOUT_JAVA_OPTS=-Xmx...)");
            commandLine.getErr().flush();
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    // Named classes, not lambdas: a lambda of one of picocli's (Java 5) interfaces keeps that
    // interface, and so these handlers, out of the class-data archive the launcher starts with.

    /** Bad usage: one line naming the problem and where help is, exit code 2. */
    private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException error, String[] arguments) {
            CommandLine command = error.getCommandLine();
            command.getErr()
                    .println("peerscout: " + masked(firstLine(error.getMessage()), arguments) + suggestion(error)
                            + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
            command.getErr().flush();
            return ExitCodes.BAD_INPUT;
        }
    }

    /** A command failed: bad input is one line and exit code 2; a bug one line (a stack trace with --verbose) and 3. */
    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
            PrintWriter err = command.getErr();
            boolean verbose = parsed.hasMatchedOption("--verbose") || hasVerbose(parsed);
            if (error instanceof UserError) {
                err.println("peerscout: " + error.getMessage());
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            if (error instanceof OutputWriter.OutputError) {
                err.println("peerscout: " + error.getMessage());
                err.flush();
                return ExitCodes.OUTPUT_ERROR;
            }
            // A bug's own message names Java types (an NPE's does); the stack trace is for --verbose.
            err.println("peerscout: internal error, a bug in peerscout"
                    + (verbose ? ":" : " (run with --verbose for details)"));
            if (verbose) {
                error.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    /** picocli's guess at a mistyped subcommand or option, on the same line. */
    private static String suggestion(CommandLine.ParameterException error) {
        if (error instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            return "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        return "";
    }

    /**
     * picocli quotes what it could not place; a tracker URL among the arguments is masked there as
     * everywhere else, unless {@code --show-secrets} was given.
     */
    private static String masked(String message, String[] arguments) {
        if (java.util.Arrays.asList(arguments).contains("--show-secrets")) {
            return message;
        }
        String out = message;
        for (String argument : arguments) {
            if (argument.contains("://") && !argument.isBlank()) {
                out = out.replace(argument, TrackerUrl.of(argument).redacted());
            }
        }
        return out;
    }

    private static boolean hasVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult sub = parsed; sub != null; sub = sub.subcommand()) {
            if (sub.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid arguments";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
