import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step, run on the shaded jar after packaging (app-cli/pom.xml): gives the class files
 * older than Java 6 (picocli and javax.inject ship Java 5 class files, version 49) the stack-map
 * frames of a Java 8 class file (version 52), and nothing else: their bytecode is unchanged.
 *
 * <p>Why: a JDK 25 AOT cache holds only classes it can verify and link when it is made, which a
 * class without frames cannot be ("Unlinked class not supported by AOTClassLinking"); every
 * picocli class, and every class of ours that names one, then loaded from the jar on each start
 * (~75 ms of a ~190 ms {@code info}). With frames the cache holds them all. A JDK 17 class-data
 * archive verifies them with the type-checking verifier instead of the old inference one.
 *
 * <p>Run with the JDK's source launcher: {@code java -cp asm.jar AddStackMapFrames.java JAR}.
 */
public final class AddStackMapFrames {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".frames.tmp");
        int count = 0;
        // The jar itself answers ASM's questions about common superclasses, the JDK the rest.
        try (URLClassLoader classes = new URLClassLoader(
                        new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".class") && majorVersion(bytes) < JAVA_6) {
                    bytes = withFrames(bytes, classes);
                    count++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("peerscout: stack-map frames added to " + count + " class files in " + jar);
    }

    private static int majorVersion(byte[] classFile) {
        return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
    }

    private static byte[] withFrames(byte[] classFile, ClassLoader classes) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return classes;
            }
        };
        new ClassReader(classFile)
                .accept(
                        new ClassVisitor(Opcodes.ASM9, writer) {
                            @Override
                            public void visit(
                                    int version,
                                    int access,
                                    String name,
                                    String signature,
                                    String superName,
                                    String[] interfaces) {
                                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
                            }
                        },
                        ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
