package io.vigil.connectors.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.connectors.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The shared .evtx files and libevtx's {@code evtxexport -f xml} of them, made at run time and
 * cached under {@code target/evtxexport/} (the XML is never committed: some sources are GPL).
 * evtxexport (Debian package libevtx-utils) is installed when it is missing and this user may
 * (root, or password-less sudo), as the engine's real-data tests do; otherwise the tests fail
 * with what to install.
 */
final class EvtxExport {
    private static final Path CACHE = Path.of("target", "evtxexport");

    private EvtxExport() {
    }

    /** What evtxexport made of one file: its exit code and the XML it wrote. */
    record Export(Path evtx, Path xml, int exitCode) {
    }

    /** Every .evtx under the shared data folder, sorted by path. */
    static List<Path> sharedFiles() throws IOException {
        Path data = SharedData.root().resolve("data");
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".evtx")).sorted()
                    .toList();
        }
    }

    /** The path of a shared file relative to the data folder, with forward slashes. */
    static String relative(Path evtx) {
        return SharedData.root().resolve("data").relativize(evtx).toString().replace(File.separatorChar, '/');
    }

    /** Runs (or reuses) {@code evtxexport -f xml} on a file. libevtx exits non-zero on files it cannot read. */
    static synchronized Export export(Path evtx) throws IOException, InterruptedException {
        ensureEvtxexport();
        Path xml = CACHE.resolve(relative(evtx) + ".xml");
        Path code = CACHE.resolve(relative(evtx) + ".exit");
        if (!Files.exists(xml) || !Files.exists(code)
                || Files.getLastModifiedTime(xml).compareTo(Files.getLastModifiedTime(evtx)) < 0) {
            Files.createDirectories(xml.getParent());
            Path tmp = xml.resolveSibling(xml.getFileName() + ".tmp");
            Process p = new ProcessBuilder("evtxexport", "-f", "xml", evtx.toString())
                    .redirectOutput(tmp.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("evtxexport on %s finishes", evtx).isTrue();
            Files.move(tmp, xml, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(code, Integer.toString(p.exitValue()));
        }
        return new Export(evtx, xml, Integer.parseInt(Files.readString(code).trim()));
    }

    /**
     * Installs Debian's libevtx-utils when evtxexport is missing and this user may (root, or
     * password-less sudo); otherwise fails with a message saying what to install.
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
        assertThat(onPath("evtxexport")).as("evtxexport (Debian package libevtx-utils) is needed by the EVTX parity"
                + " tests; install it with: apt-get install libevtx-utils").isTrue();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
