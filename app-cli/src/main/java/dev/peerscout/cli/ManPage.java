package dev.peerscout.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A roff man page (section 1) for one command, written from its picocli model: the same names,
 * descriptions and exit codes as its {@code --help}, so the two cannot drift. picocli's own man
 * page generator writes AsciiDoc, which needs asciidoctor to become roff; the page is simple
 * enough to write as roff directly.
 */
final class ManPage {
    private final CommandSpec command;
    private final String version;
    private final StringBuilder roff = new StringBuilder();

    private ManPage(CommandSpec command, String version) {
        this.command = command;
        this.version = version;
    }

    /** The file name of the page of {@code command}: {@code peerscout.1}, {@code peerscout-info.1}. */
    static String fileName(CommandSpec command) {
        return pageName(command) + ".1";
    }

    static String render(CommandSpec command, String version) {
        return new ManPage(command, version).write();
    }

    private static String pageName(CommandSpec command) {
        return command.qualifiedName("-");
    }

    private String write() {
        String name = pageName(command);
        line(".TH \"" + name.toUpperCase(Locale.ROOT) + "\" \"1\" \"\" \"peerscout " + escape(version)
                + "\" \"peerscout manual\"");
        section("NAME");
        line(escape(name) + " \\- "
                + escape(firstSentence(command.usageMessage().description())));
        section("SYNOPSIS");
        synopsis();
        section("DESCRIPTION");
        for (String paragraph : command.usageMessage().description()) {
            line(".PP");
            text(paragraph);
        }
        List<PositionalParamSpec> parameters = command.positionalParameters();
        if (!parameters.isEmpty()) {
            section("ARGUMENTS");
            for (PositionalParamSpec parameter : parameters) {
                line(".TP");
                line("\\fI" + escape(parameter.paramLabel()) + "\\fR");
                text(description(parameter.description(), parameter.defaultValueString()));
            }
        }
        section("OPTIONS");
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                continue;
            }
            line(".TP");
            List<String> names = new ArrayList<>();
            for (String optionName : option.names()) {
                names.add("\\fB" + escape(optionName) + "\\fR");
            }
            String label = option.typeInfo().isBoolean() ? "" : " \\fI" + escape(option.paramLabel()) + "\\fR";
            line(String.join(", ", names) + label);
            text(description(option.description(), option.defaultValueString()));
        }
        Map<String, CommandLine> subcommands = command.subcommands();
        if (!subcommands.isEmpty()) {
            section("COMMANDS");
            for (Map.Entry<String, CommandLine> sub : subcommands.entrySet()) {
                line(".TP");
                line("\\fB" + escape(sub.getKey()) + "\\fR");
                text(firstSentence(
                                sub.getValue().getCommandSpec().usageMessage().description()) + ". See "
                        + pageName(sub.getValue().getCommandSpec()) + "(1).");
            }
        }
        Map<String, String> exitCodes = command.usageMessage().exitCodeList();
        if (!exitCodes.isEmpty()) {
            section("EXIT STATUS");
            for (Map.Entry<String, String> code : exitCodes.entrySet()) {
                line(".TP");
                line("\\fB" + escape(code.getKey().strip()) + "\\fR");
                text(code.getValue());
            }
        }
        if (command.parent() == null) {
            environment();
        }
        section("SEE ALSO");
        List<String> related = new ArrayList<>();
        CommandSpec root = command.root();
        if (root != command) {
            related.add("\\fB" + escape(pageName(root)) + "\\fR(1)");
        }
        for (CommandLine sub : root.subcommands().values()) {
            if (sub.getCommandSpec() != command) {
                related.add("\\fB" + escape(pageName(sub.getCommandSpec())) + "\\fR(1)");
            }
        }
        line(String.join(", ", related));
        return roff.toString();
    }

    /** What the launcher (bin/peerscout) reads; it is the same for every command. */
    private void environment() {
        section("ENVIRONMENT");
        for (String[] variable : new String[][] {
            {
                "PEERSCOUT_JAVA",
                "The java binary to run; otherwise $JAVA_HOME/bin/java, otherwise java on the PATH (JDK 17 or newer)."
            },
            {"PEERSCOUT_JAVA_OPTS", "More options for the JVM."},
            {
                "PEERSCOUT_START_CACHE",
                "off: never make a start-up cache on first use (peerscout --make-start-cache makes one at once)."
            },
            {
                "XDG_CACHE_HOME",
                "Start-up caches are made in $XDG_CACHE_HOME/peerscout (default ~/.cache/peerscout), one per JVM."
            }
        }) {
            line(".TP");
            line("\\fB" + variable[0] + "\\fR");
            text(variable[1]);
        }
    }

    private void synopsis() {
        StringBuilder synopsis = new StringBuilder("\\fB" + escape(command.qualifiedName()) + "\\fR");
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                continue;
            }
            synopsis.append(" [\\fB").append(escape(option.longestName())).append("\\fR");
            if (!option.typeInfo().isBoolean()) {
                synopsis.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
            }
            synopsis.append("]");
        }
        for (PositionalParamSpec parameter : command.positionalParameters()) {
            String label = "\\fI" + escape(parameter.paramLabel()) + "\\fR"
                    + (parameter.arity().max() > 1 ? "..." : "");
            synopsis.append(' ').append(parameter.arity().min() == 0 ? "[" + label + "]" : label);
        }
        if (!command.subcommands().isEmpty()) {
            synopsis.append(" \\fICOMMAND\\fR [\\fIOPTIONS\\fR]");
        }
        line(synopsis.toString());
    }

    /** picocli's description lines, with the default value put in and %n as picocli reads it. */
    private static String description(String[] lines, String defaultValue) {
        String text = String.join(" ", lines);
        return text.replace("${DEFAULT-VALUE}", String.valueOf(defaultValue)).replace("%n", " ");
    }

    private static String firstSentence(String[] description) {
        if (description.length == 0) {
            return "";
        }
        String first = description[0].strip();
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    private void section(String title) {
        line(".SH " + title);
    }

    /** Running text: a line that would start with a control character is protected. */
    private void text(String text) {
        line("\\&" + escape(text));
    }

    private void line(String line) {
        roff.append(line).append('\n');
    }

    /** Backslashes and hyphens as roff wants them (an unescaped '-' may become a hyphen glyph). */
    private static String escape(String text) {
        return text.replace("\\", "\\e").replace("-", "\\-");
    }
}
