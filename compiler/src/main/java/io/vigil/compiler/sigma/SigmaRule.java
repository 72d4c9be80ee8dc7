package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.source.SourcePosition;
import java.util.List;
import java.util.Optional;

/** A Sigma detection rule (pySigma {@code SigmaRule}), as read from one YAML file. */
public record SigmaRule(
        Optional<String> id,
        String title,
        Optional<String> status,
        Optional<String> description,
        Optional<String> author,
        Optional<String> level,
        List<String> tags,
        Optional<String> license,
        LogSource logsource,
        Detections detection,
        SourcePosition position) {
    public SigmaRule {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(status, "status is null");
        requireNonNull(description, "description is null");
        requireNonNull(author, "author is null");
        requireNonNull(level, "level is null");
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        requireNonNull(license, "license is null");
        requireNonNull(logsource, "logsource is null");
        requireNonNull(detection, "detection is null");
        requireNonNull(position, "position is null");
    }
}
