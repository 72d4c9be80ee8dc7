package io.vigil.compiler.predicate;

/** Numeric comparison operators. */
public enum Comparison {
    EQ("eq"),
    GT("gt"),
    GTE("gte"),
    LT("lt"),
    LTE("lte");

    private final String keyword;

    Comparison(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public boolean test(int compareResult) {
        return switch (this) {
            case EQ -> compareResult == 0;
            case GT -> compareResult > 0;
            case GTE -> compareResult >= 0;
            case LT -> compareResult < 0;
            case LTE -> compareResult <= 0;
        };
    }
}
