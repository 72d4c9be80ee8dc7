package io.vigil.engine.pack;

import io.vigil.compiler.RuleCompiler;
import io.vigil.compiler.mapping.MappingReader;
import io.vigil.compiler.mapping.PlaceholderSet;
import io.vigil.compiler.mapping.SigmaConfig;
import io.vigil.compiler.source.RuleCompileException;
import io.vigil.compiler.source.RuleText;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * Finds rule files: the bundled pack on the class path, or files and folders named by the user
 * (native {@code .rule} files and Sigma {@code .yml}/{@code .yaml} files), and the Sigma mapping
 * data the compiler needs for the latter.
 */
public final class RulePacks {
    /** The class-path folder of the bundled pack. */
    public static final String BUNDLED_FOLDER = "rules";
    public static final String RULE_SUFFIX = ".rule";
    /** The Sigma logsource and field mapping on the class path (rules module). */
    public static final String SIGMA_MAPPING = "mappings/windows.yml";
    /** The default values of Sigma {@code expand} placeholders on the class path (rules module). */
    public static final String SIGMA_PLACEHOLDERS = "mappings/placeholders.yml";

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
                            .filter(p -> isRuleFile(p.getFileName().toString()))
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

    /** A native rule file ({@code .rule}) or a Sigma rule file ({@code .yml}, {@code .yaml}). */
    public static boolean isRuleFile(String fileName) {
        return fileName.endsWith(RULE_SUFFIX) || RuleCompiler.isSigma(fileName);
    }

    /** The bundled Sigma mapping and placeholder values. */
    public static SigmaConfig sigmaConfig() {
        try {
            return new SigmaConfig(MappingReader.readMappings(classPathText(SIGMA_MAPPING)),
                    MappingReader.readPlaceholders(classPathText(SIGMA_PLACEHOLDERS)));
        } catch (RuleCompileException e) {
            throw new IllegalStateException("the bundled Sigma mapping is invalid:\n" + e.getMessage(), e);
        }
    }

    /**
     * The bundled Sigma mapping, with the placeholder values of the user's files over the bundled
     * ones; a mistake in a user's file is reported as rule diagnostics.
     */
    public static SigmaConfig sigmaConfig(List<Path> placeholderFiles) throws IOException, RuleCompileException {
        SigmaConfig bundled = sigmaConfig();
        PlaceholderSet placeholders = bundled.placeholders();
        for (Path file : placeholderFiles) {
            placeholders = placeholders.with(MappingReader.readPlaceholders(read(file)));
        }
        return new SigmaConfig(bundled.mappings(), placeholders);
    }

    private static RuleText classPathText(String resource) {
        try (InputStream in = RulePacks.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource not found: " + resource);
            }
            return new RuleText("bundled:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
