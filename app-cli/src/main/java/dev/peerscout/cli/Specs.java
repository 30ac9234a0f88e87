package dev.peerscout.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

/**
 * The one way peerscout declares a command: its spec written in code rather than read from
 * annotations. picocli's annotation reflection costs a short command a third of its start-up (a
 * dynamic proxy class is generated for each annotation type), and every command's start-up counts
 * (its help, its mistakes, {@code info}). The help, man page and completion come from the same
 * picocli model either way. An option's value lives in the spec and is read from there
 * ({@link #value}) when the command runs.
 */
final class Specs {
    private Specs() {}

    /** A command whose user object picocli calls, with -h/--help and -V/--version like picocli's standard mixin. */
    static CommandSpec command(String name, Object userObject, String description, Map<String, String> exitCodes) {
        return standardHelp(command(name, userObject, new String[] {description}, exitCodes));
    }

    /** A command without -h and -V yet: {@link #standardHelp} adds them where they belong in its option order. */
    static CommandSpec command(String name, Object userObject, String[] description, Map<String, String> exitCodes) {
        CommandSpec spec =
                CommandSpec.wrapWithoutInspection(userObject).name(name).versionProvider(new VersionProvider());
        spec.usageMessage()
                .description(description)
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes);
        return spec;
    }

    /** -h/--help and -V/--version, as picocli's standard mixin declares them. */
    static CommandSpec standardHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .description("Print version information and exit.")
                .build());
        return spec;
    }

    /** A flag whose value stays in the spec: false unless given. */
    static OptionSpec flag(String[] names, String... description) {
        return OptionSpec.builder(names)
                .type(boolean.class)
                .description(description)
                .initialValue(false)
                .build();
    }

    /** One value of {@code type}, converted (and refused) by picocli; null if not given and no default. */
    static OptionSpec typed(String name, String label, Class<?> type, String defaultValue, String... description) {
        return OptionSpec.builder(name)
                .type(type)
                .paramLabel(label)
                .arity("1")
                .defaultValue(defaultValue)
                .description(description)
                .build();
    }

    /** A repeatable option whose values stay in the spec. */
    static OptionSpec repeatable(String name, String label, String description) {
        return OptionSpec.builder(name)
                .type(List.class)
                .auxiliaryTypes(String.class)
                .paramLabel(label)
                .arity("1")
                .description(description)
                .build();
    }

    /** Any number of positional parameters, values in the spec. */
    static PositionalParamSpec parameters(String label, String description) {
        return PositionalParamSpec.builder()
                .paramLabel(label)
                .description(description)
                .type(List.class)
                .auxiliaryTypes(String.class)
                .arity("0..*")
                .index("0..*")
                .build();
    }

    /** The value an option of the spec was given (or its default). */
    static <T> T value(CommandSpec spec, String option) {
        return spec.findOption(option).getValue();
    }

    /** The values a repeatable option was given, or none. */
    static List<String> values(CommandSpec spec, String option) {
        List<String> values = value(spec, option);
        return values == null ? List.of() : List.copyOf(values);
    }

    /** The values of the positional parameters, or none. */
    static List<String> parameterValues(CommandSpec spec) {
        List<String> values = spec.positionalParameters().get(0).getValue();
        return values == null ? List.of() : List.copyOf(values);
    }

    /** The one required positional parameter, value in the spec. */
    static PositionalParamSpec parameter(String label, String description) {
        return PositionalParamSpec.builder()
                .paramLabel(label)
                .description(description)
                .type(String.class)
                .arity("1")
                .required(true)
                .index("0")
                .build();
    }

    /** {@code "0:success"} entries, in order, as picocli's {@code exitCodeList} annotation takes them. */
    static Map<String, String> exitCodes(String... entries) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            codes.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return codes;
    }

    /**
     * A subcommand's exit codes: its own 0 and 1, the 2, 3 and 4 every subcommand shares, then
     * {@code more} (130 and its kin).
     */
    static Map<String, String> subcommandExitCodes(String found, String nothing, String... more) {
        List<String> entries = new java.util.ArrayList<>(List.of(
                "0:" + found,
                "1:" + nothing,
                "2:bad input or usage (one line on stderr)",
                "3:internal error",
                "4:standard output could not be written"));
        entries.addAll(List.of(more));
        return exitCodes(entries.toArray(String[]::new));
    }

    /** A flag that subcommands inherit. */
    static OptionSpec inheritedFlag(String name, String description) {
        return OptionSpec.builder(name)
                .type(boolean.class)
                .description(description)
                .scopeType(ScopeType.INHERIT)
                .initialValue(false)
                .build();
    }
}
