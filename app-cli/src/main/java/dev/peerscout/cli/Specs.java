package dev.peerscout.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

/**
 * Command specs written in code rather than read from annotations. picocli's annotation reflection
 * costs a short command a third of its start-up (a dynamic proxy class is generated for each
 * annotation type), so the root and {@code info}, whose runs are mostly start-up, are built here;
 * {@code peers} and {@code scrape} run for seconds and keep their annotations. The help output is
 * the same either way.
 */
final class Specs {
    private Specs() {}

    /** A command whose user object picocli calls, with -h/--help and -V/--version like picocli's standard mixin. */
    static CommandSpec command(String name, Object userObject, String description, Map<String, String> exitCodes) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name).versionProvider(new VersionProvider());
        spec.usageMessage().description(description).exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
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

    /** An option without a value; {@code target} hears false before parsing and true when it is given. */
    static OptionSpec flag(String name, String description, Consumer<Boolean> target) {
        return flag(name, description, ScopeType.LOCAL, target);
    }

    /** A flag that subcommands inherit. */
    static OptionSpec inheritedFlag(String name, String description, Consumer<Boolean> target) {
        return flag(name, description, ScopeType.INHERIT, target);
    }

    private static OptionSpec flag(String name, String description, ScopeType scope, Consumer<Boolean> target) {
        Binding<Boolean> binding = new Binding<>(false, target);
        return OptionSpec.builder(name).type(boolean.class).description(description).scopeType(scope)
                .initialValue(false).getter(binding).setter(binding).build();
    }

    /** An option with one value; given twice, the last wins. */
    static OptionSpec option(String name, String label, String description, Consumer<String> target) {
        Binding<String> binding = new Binding<>(null, target);
        return OptionSpec.builder(name).type(String.class).paramLabel(label).arity("1").description(description)
                .getter(binding).setter(binding).build();
    }

    /**
     * A repeatable option. picocli fills the list it hands to {@code target} after handing it over,
     * so the command keeps the list and reads it when it runs.
     */
    static OptionSpec repeatable(String name, String label, String description, Consumer<java.util.List<String>> target) {
        Binding<java.util.List<String>> binding = new Binding<>(null, target);
        return OptionSpec.builder(name).type(java.util.List.class).auxiliaryTypes(String.class).paramLabel(label).arity("1")
                .description(description).getter(binding).setter(binding).build();
    }

    /** The one required positional parameter. */
    static PositionalParamSpec parameter(String label, String description, Consumer<String> target) {
        Binding<String> binding = new Binding<>(null, target);
        return PositionalParamSpec.builder().paramLabel(label).description(description).type(String.class)
                .arity("1").required(true).index("0").getter(binding).setter(binding).build();
    }

    /** Where picocli reads and writes one option's value: handed on to the command as it is set. */
    private static final class Binding<V> implements IGetter, ISetter {
        private final Consumer<V> target;
        private V value;

        Binding(V initial, Consumer<V> target) {
            this.target = target;
            this.value = initial;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T newValue) {
            T old = (T) value;
            value = (V) newValue;
            target.accept(value);
            return old;
        }
    }
}
