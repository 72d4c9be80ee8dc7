package io.vigil.compiler.sigma;

import io.vigil.compiler.source.SourcePosition;

/** A node of a named detection: a group of nodes, or one field item. */
public sealed interface DetectionNode permits Detection, DetectionItem {
    SourcePosition position();
}
