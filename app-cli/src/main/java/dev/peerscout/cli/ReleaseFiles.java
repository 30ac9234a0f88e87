package dev.peerscout.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes what the release archive ships beside the jar, all from the full picocli model (every
 * subcommand, each declared in code with {@link Specs}): a man page per command and the bash
 * and zsh completion. Run by the build: {@code ReleaseFiles DIR} fills {@code DIR/share}.
 */
public final class ReleaseFiles {
    private ReleaseFiles() {}

    public static void main(String[] args) throws IOException {
        Path share = Path.of(args[0], "share");
        // No arguments: the command line with every subcommand (see CommandLines).
        CommandLine root = DaggerPeerscoutComponent.create().commandLines().forArguments();
        Path man = Files.createDirectories(share.resolve("man/man1"));
        writeManPages(root, man);
        String bash = AutoComplete.bash("peerscout", root);
        write(
                Files.createDirectories(share.resolve("bash-completion/completions"))
                        .resolve("peerscout"),
                bash);
        write(Files.createDirectories(share.resolve("zsh/site-functions")).resolve("_peerscout"), zsh(bash));
    }

    private static void writeManPages(CommandLine command, Path dir) throws IOException {
        write(
                dir.resolve(ManPage.fileName(command.getCommandSpec())),
                ManPage.render(command.getCommandSpec(), VersionProvider.version()));
        for (CommandLine sub : command.getSubcommands().values()) {
            writeManPages(sub, dir);
        }
    }

    /**
     * zsh runs the bash completion through its bashcompinit (picocli's script loads it under zsh).
     * As an autoloaded completion function, the file's body runs on the first Tab: it defines the
     * bash function, registers it, and then completes that first word with it too.
     */
    static String zsh(String bash) {
        return "#compdef peerscout\n"
                + "# peerscout's completion for zsh: the bash completion generated from its picocli model,\n"
                + "# run through bashcompinit.\n"
                + bash
                + "\n_bash_complete -F _complete_peerscout \"$@\"\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
