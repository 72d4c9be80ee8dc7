package io.vigil.engine.realdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The shared test material beside the repository ({@code ../shared}), and XML made from its
 * .evtx files with libevtx's {@code evtxexport -f xml}, cached under {@code target/}.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("vigil.shared.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        assertThat(dir.resolve("data")).as("shared test data at %s", dir.toAbsolutePath()).isDirectory();
        return dir.toAbsolutePath().normalize();
    }

    public static Path data() {
        return root().resolve("data");
    }

    /** Every file under data/ with the given suffix, sorted. */
    public static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(data())) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
                    .toList();
        }
    }

    /**
     * Converts every .evtx under data/ to XML with {@code evtxexport -f xml} into {@code outDir},
     * keeping relative paths ({@code a/b.evtx} becomes {@code a/b.evtx.xml}). Fails when
     * evtxexport is missing: {@code .ci/run} installs it (Debian package libevtx-utils).
     */
    public static List<Path> evtxAsXml(Path outDir) throws IOException, InterruptedException {
        ensureEvtxexport();
        List<Path> out = new ArrayList<>();
        for (Path evtx : files(".evtx")) {
            Path rel = data().relativize(evtx);
            Path xml = outDir.resolve(rel.toString() + ".xml");
            if (!Files.exists(xml) || Files.getLastModifiedTime(xml).compareTo(Files.getLastModifiedTime(evtx)) < 0) {
                Files.createDirectories(xml.getParent());
                Path tmp = xml.resolveSibling(xml.getFileName() + ".tmp");
                Process p;
                try {
                    p = new ProcessBuilder("evtxexport", "-f", "xml", evtx.toString())
                            .redirectOutput(tmp.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
                } catch (IOException e) {
                    throw new AssertionError("evtxexport is needed for the real-data tests: apt-get install"
                            + " libevtx-utils (.ci/run does it)", e);
                }
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("evtxexport on %s finishes", evtx).isTrue();
                // libevtx exits non-zero on the files it cannot read; what it wrote is still used
                Files.move(tmp, xml, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(xml);
        }
        return out;
    }

    /**
     * Installs Debian's libevtx-utils when evtxexport is missing and this user may (root, or
     * password-less sudo); otherwise the conversion fails with a message saying what to install.
     */
    static synchronized void ensureEvtxexport() throws IOException, InterruptedException {
        if (onPath("evtxexport")) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> install = new ArrayList<>();
        if (!root) {
            install.addAll(List.of("sudo", "-n"));
        }
        install.addAll(List.of("apt-get", "install", "-y", "--no-install-recommends", "libevtx-utils"));
        try {
            Process p = new ProcessBuilder(install).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(600, TimeUnit.SECONDS);
        } catch (IOException e) {
            // reported below
        }
        assertThat(onPath("evtxexport")).as("evtxexport (Debian package libevtx-utils) is needed by the real-data"
                + " tests; install it with: apt-get install libevtx-utils").isTrue();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** The data/-relative name of a source: XML made from a.evtx maps back to a.evtx. */
    public static String relativeName(String source, Path xmlDir) {
        Path p = Path.of(source).toAbsolutePath().normalize();
        if (p.startsWith(xmlDir.toAbsolutePath().normalize())) {
            String rel = xmlDir.toAbsolutePath().normalize().relativize(p).toString();
            return rel.endsWith(".xml") ? rel.substring(0, rel.length() - 4) : rel;
        }
        return data().relativize(p).toString();
    }
}
