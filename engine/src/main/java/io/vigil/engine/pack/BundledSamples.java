package io.vigil.engine.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The real sample logs bundled with the rule pack (see samples/SOURCES.md for their origin). */
public final class BundledSamples {
    public static final String FOLDER = "samples";

    private BundledSamples() {
    }

    /** The samples folder, inside the jar or on disk. */
    public static List<Path> paths() {
        URL url = BundledSamples.class.getClassLoader().getResource(FOLDER);
        if (url == null) {
            throw new IllegalStateException("bundled samples not found on the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened before
                }
            }
            return List.of(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad class-path URL: " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
