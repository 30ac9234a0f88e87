package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The man pages and the completion cannot drift from {@code --help}: every option that a command's
 * help lists is in that command's man page and in the completion script, for the root and every
 * subcommand the full command line has (a new subcommand is picked up without a change here).
 */
class ReleaseFilesTest {
    @TempDir
    static Path dir;

    private static String bash;
    private static String zsh;

    @BeforeAll
    static void write() throws Exception {
        ReleaseFiles.main(new String[] {dir.toString()});
        bash = Files.readString(dir.resolve("share/bash-completion/completions/peerscout"));
        zsh = Files.readString(dir.resolve("share/zsh/site-functions/_peerscout"));
    }

    @Test
    void everyOptionInEveryHelpIsInTheManPageAndTheCompletion() throws Exception {
        List<String> commands = new ArrayList<>(List.of(""));
        commands.addAll(DaggerPeerscoutComponent.create()
                .commandLines()
                .forArguments()
                .getSubcommands()
                .keySet());
        assertTrue(commands.containsAll(List.of("info", "peers", "scrape")), commands.toString());
        for (String command : commands) {
            CliRuns.Run help = command.isEmpty() ? CliRuns.production("--help") : CliRuns.production(command, "--help");
            assertEquals(0, help.exitCode(), help.err());
            Set<String> options = optionsIn(help.out());
            assertTrue(options.containsAll(List.of("--help", "--version")), command + ": " + options);
            String page = Files.readString(
                            dir.resolve("share/man/man1/peerscout" + (command.isEmpty() ? "" : "-" + command) + ".1"))
                    .replace("\\-", "-");
            for (String option : options) {
                assertTrue(
                        page.contains("\\fB" + option + "\\fR"),
                        "peerscout " + command + " " + option + " is not in its man page");
                assertTrue(
                        bash.contains(option),
                        "peerscout " + command + " " + option + " is not in the bash completion");
            }
            if (!command.isEmpty()) {
                assertTrue(bash.contains(command), command + " is not in the bash completion");
            }
        }
    }

    @Test
    void zshRunsTheSameCompletion() {
        assertTrue(zsh.startsWith("#compdef peerscout\n"), zsh);
        assertTrue(zsh.contains(bash), "the zsh file wraps the bash completion");
    }

    /** The option names in the left column of picocli's usage help ("  -q, --quiet   No progress..."). */
    private static Set<String> optionsIn(String help) {
        Set<String> options = new LinkedHashSet<>();
        for (String line : help.lines().toList()) {
            String stripped = line.strip();
            // Names start within the first columns; a wrapped description line is indented further.
            int indent = line.length() - line.stripLeading().length();
            if (indent == 0 || indent > 6 || !stripped.startsWith("-")) {
                continue;
            }
            int column = stripped.indexOf("  ");
            String names = column < 0 ? stripped : stripped.substring(0, column);
            for (String name : names.split(",\\s*")) {
                options.add(name.split("[=\\s\\[]", 2)[0]);
            }
        }
        return options;
    }
}
