package io.vigil.engine.pack;

import io.vigil.compiler.source.RuleText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds rule files: the bundled pack on the class path, or files and folders named by the user. */
public final class RulePacks {
    /** The class-path folder of the bundled pack. */
    public static final String BUNDLED_FOLDER = "rules";
    public static final String RULE_SUFFIX = ".rule";

    private RulePacks() {
    }

    /** The bundled pack, in file-name order; source names read {@code bundled:rules/S1.rule}. */
    public static List<RuleText> bundled() {
        return readClassPathFolder(BUNDLED_FOLDER, RULE_SUFFIX, "bundled:");
    }

    /** Rule files named by the user: each path is a file or a folder searched recursively. */
    public static List<RuleText> load(List<Path> paths) throws IOException {
        List<RuleText> out = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString(), null, "no such rule file or folder");
            }
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().endsWith(RULE_SUFFIX))
                            .sorted()
                            .toList();
                }
                for (Path f : files) {
                    out.add(read(f));
                }
            } else {
                out.add(read(path));
            }
        }
        return out;
    }

    private static RuleText read(Path file) throws IOException {
        return new RuleText(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads every file with a suffix under a class-path folder, from a directory or a jar. */
    public static List<RuleText> readClassPathFolder(String folder, String suffix, String namePrefix) {
        URL url = RulePacks.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("class-path folder not found: " + folder);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return readFolder(fs.getPath(folder), suffix, namePrefix, folder);
            }
            return readFolder(Path.of(uri), suffix, namePrefix, folder);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad class-path URL: " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RuleText> readFolder(Path root, String suffix, String namePrefix, String folder)
            throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted((a, b) -> a.toString().compareTo(b.toString()))
                    .toList();
        }
        List<RuleText> out = new ArrayList<>();
        for (Path f : files) {
            String relative = root.relativize(f).toString().replace('\\', '/');
            out.add(new RuleText(namePrefix + folder + "/" + relative, Files.readString(f, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
