package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.source.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * One {@code field|modifier|...: values} entry, or a keyword list (no field), with its modifiers
 * already applied to its values (pySigma {@code SigmaDetectionItem}). Values are OR-ed, or AND-ed
 * under {@code all}.
 */
public record DetectionItem(Optional<String> field, List<Modifier> modifiers, List<SigmaValue> values, Linking linking,
        SourcePosition position) implements DetectionNode {
    public DetectionItem {
        requireNonNull(field, "field is null");
        modifiers = List.copyOf(requireNonNull(modifiers, "modifiers is null"));
        values = List.copyOf(requireNonNull(values, "values is null"));
        requireNonNull(linking, "linking is null");
        requireNonNull(position, "position is null");
    }

    public boolean isKeyword() {
        return field.isEmpty();
    }
}
