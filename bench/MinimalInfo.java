import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A bound for `peerscout info`, not a tool: the least any info command on this JVM must do. picocli
 * parses `[--json] FILE` (a spec written in code, as peerscout's are), the file is read and its
 * SHA-1 taken (the whole file stands in for the info dictionary, which is most of it), the hex is
 * printed, and the JVM halts. No bencode, no file list, no JSON. bench/info-vs-reference.sh runs it
 * with its own AOT cache and peerscout's flags, picocli from peerscout's jar (its classes with
 * stack-map frames, so the cache holds them).
 */
public final class MinimalInfo implements Callable<Integer> {
    private final CommandSpec spec;

    private MinimalInfo() {
        spec = CommandSpec.wrapWithoutInspection(this).name("minimal-info");
        spec.addOption(OptionSpec.builder("--json").type(boolean.class).initialValue(false).build());
        spec.addPositional(PositionalParamSpec.builder()
                .paramLabel("FILE").type(String.class).arity("1").index("0").build());
    }

    @Override
    public Integer call() throws Exception {
        String file = spec.positionalParameters().get(0).getValue();
        byte[] bytes = Files.readAllBytes(Path.of(file));
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(bytes);
        System.out.println(HexFormat.of().formatHex(sha1.digest()));
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new MinimalInfo().spec).execute(args);
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }
}
