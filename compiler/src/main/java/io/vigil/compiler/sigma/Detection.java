package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.source.SourcePosition;
import java.util.List;

/**
 * One named detection, or a group inside it (pySigma {@code SigmaDetection}). A YAML mapping is
 * its items AND-ed; a list of mappings is its groups OR-ed.
 */
public record Detection(List<DetectionNode> items, Linking linking, SourcePosition position) implements DetectionNode {
    public Detection {
        items = List.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(linking, "linking is null");
        requireNonNull(position, "position is null");
    }
}
