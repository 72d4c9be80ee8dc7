package io.vigil.compiler.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.vigil.compiler.lower.Windash;
import io.vigil.compiler.predicate.Comparison;
import io.vigil.compiler.predicate.ValueMatcherSpec.FieldRefCompare.Relation;
import io.vigil.compiler.source.DiagnosticCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Sigma value modifiers (pySigma {@code sigma/modifiers.py}). Each has its YAML id, a kind
 * (applied to each value, or to the value list as a whole) and a pure transform from an immutable
 * value to a new one. Modifiers apply left to right; an {@link SigmaExpansion} is transformed
 * alternative by alternative.
 */
public enum Modifier {
    CONTAINS("contains", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (v instanceof SigmaString s) {
                return wrap(s, true, true);
            }
            if (v instanceof SigmaRegex r) {
                return r;
            }
            if (v instanceof SigmaFieldRef f) {
                return f.with(true, true);
            }
            throw incompatible(v);
        }
    },
    STARTSWITH("startswith", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (v instanceof SigmaString s) {
                return wrap(s, false, true);
            }
            if (v instanceof SigmaRegex r) {
                return r.pattern().startsWith("^") ? r : r.withPattern("^(?:" + r.pattern() + ")");
            }
            if (v instanceof SigmaFieldRef f) {
                return f.with(true, false);
            }
            throw incompatible(v);
        }
    },
    ENDSWITH("endswith", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (v instanceof SigmaString s) {
                return wrap(s, true, false);
            }
            if (v instanceof SigmaRegex r) {
                return endsWithUnescaped(r.pattern(), "$") ? r : r.withPattern("(?:" + r.pattern() + ")$");
            }
            if (v instanceof SigmaFieldRef f) {
                return f.with(false, true);
            }
            throw incompatible(v);
        }
    },
    /** Values are AND-ed instead of OR-ed. */
    ALL("all", Kind.LIST) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) {
            return v;
        }
    },
    WINDASH("windash", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (!(v instanceof SigmaString s)) {
                throw incompatible(v);
            }
            return windash(s);
        }
    },
    RE("re", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (!(v instanceof SigmaString s)) {
                throw incompatible(v);
            }
            if (!ctx.applied().isEmpty()) {
                throw new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER,
                        "'re' must be the first modifier (it reads the value as written)");
            }
            return new SigmaRegex(s.original(), List.of(), false);
        }
    },
    IGNORECASE("i", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return flag(v, SigmaRegex.Flag.IGNORECASE);
        }
    },
    MULTILINE("m", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return flag(v, SigmaRegex.Flag.MULTILINE);
        }
    },
    DOTALL("s", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return flag(v, SigmaRegex.Flag.DOTALL);
        }
    },
    CIDR("cidr", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (!(v instanceof SigmaString s)) {
                throw incompatible(v);
            }
            if (!ctx.applied().isEmpty()) {
                throw new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER, "'cidr' must be the first modifier");
            }
            try {
                return new SigmaCidr(s.original());
            } catch (IllegalArgumentException e) {
                throw new ModifierException(DiagnosticCode.INVALID_VALUE, "invalid network: " + e.getMessage());
            }
        }
    },
    BASE64("base64", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            byte[] data = base64Input(v, ctx);
            return SigmaString.literal(Base64.getEncoder().encodeToString(data));
        }
    },
    BASE64OFFSET("base64offset", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            byte[] data = base64Input(v, ctx);
            int[] starts = {0, 2, 3};
            int[] endCuts = {0, 3, 2};
            List<SigmaValue> alternatives = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                byte[] shifted = new byte[data.length + i];
                for (int j = 0; j < i; j++) {
                    shifted[j] = ' ';
                }
                System.arraycopy(data, 0, shifted, i, data.length);
                String encoded = Base64.getEncoder().encodeToString(shifted);
                int cut = endCuts[(data.length + i) % 3];
                int end = encoded.length() - cut;
                alternatives.add(SigmaString.literal(starts[i] < end ? encoded.substring(starts[i], end) : ""));
            }
            return new SigmaExpansion(alternatives);
        }
    },
    WIDE("wide", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return utf16(v, false, false, id());
        }
    },
    UTF16LE("utf16le", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return utf16(v, false, false, id());
        }
    },
    UTF16BE("utf16be", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return utf16(v, true, false, id());
        }
    },
    UTF16("utf16", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return utf16(v, false, true, id());
        }
    },
    EXISTS("exists", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (!ctx.hasField()) {
                throw new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER, "'exists' needs a field");
            }
            if (!ctx.applied().isEmpty()) {
                throw new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER, "'exists' must be the only modifier");
            }
            if (!(v instanceof SigmaBool b)) {
                throw new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER,
                        "'exists' takes true or false, not " + v.kind());
            }
            return new SigmaExists(b.value());
        }
    },
    CASED("cased", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (!(v instanceof SigmaString s)) {
                throw incompatible(v);
            }
            return s.withCased(true);
        }
    },
    GT("gt", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return compare(v, Comparison.GT);
        }
    },
    GTE("gte", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return compare(v, Comparison.GTE);
        }
    },
    LT("lt", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return compare(v, Comparison.LT);
        }
    },
    LTE("lte", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            return compare(v, Comparison.LTE);
        }
    },
    FIELDREF("fieldref", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (!(v instanceof SigmaString s)) {
                throw incompatible(v);
            }
            if (s.containsSpecial()) {
                throw new ModifierException(DiagnosticCode.INVALID_VALUE, "a field reference has no wildcards: "
                        + s);
            }
            String name = s.plainText();
            if (name.isEmpty()) {
                throw new ModifierException(DiagnosticCode.INVALID_VALUE, "a field reference names a field");
            }
            return new SigmaFieldRef(name, Relation.EQUALS);
        }
    },
    EXPAND("expand", Kind.VALUE) {
        @Override
        SigmaValue modify(SigmaValue v, Context ctx) throws ModifierException {
            if (v instanceof SigmaString s) {
                return insertPlaceholders(s);
            }
            if (v instanceof SigmaRegex r) {
                return new SigmaRegex(r.pattern(), r.flags(), true);
            }
            throw incompatible(v);
        }
    };

    /** Whether a modifier transforms each value, or the value list as a whole. */
    public enum Kind {
        VALUE,
        LIST
    }

    /** What a transform may look at besides the value: the modifiers already applied, and the field. */
    public record Context(List<Modifier> applied, boolean hasField) {
        public Context {
            applied = List.copyOf(applied);
        }
    }

    /** Modifier ids pySigma knows that Vigil does not run, with the reason. */
    private static final List<String[]> UNSUPPORTED = List.of(
            new String[] {"neq", "negation modifier 'neq'"},
            new String[] {"minute", "timestamp-part modifier 'minute'"},
            new String[] {"hour", "timestamp-part modifier 'hour'"},
            new String[] {"day", "timestamp-part modifier 'day'"},
            new String[] {"week", "timestamp-part modifier 'week'"},
            new String[] {"month", "timestamp-part modifier 'month'"},
            new String[] {"year", "timestamp-part modifier 'year'"});

    private final String id;
    private final Kind kind;

    Modifier(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The modifier with this YAML id; the long flag names of pySigma are accepted too. */
    public static Optional<Modifier> fromId(String id) {
        for (Modifier m : values()) {
            if (m.id.equals(id)) {
                return Optional.of(m);
            }
        }
        return switch (id) {
            case "ignorecase" -> Optional.of(IGNORECASE);
            case "multiline" -> Optional.of(MULTILINE);
            case "dotall" -> Optional.of(DOTALL);
            default -> Optional.empty();
        };
    }

    /** Why a known pySigma modifier is not supported, or empty when the id is not one. */
    public static Optional<String> unsupportedReason(String id) {
        for (String[] u : UNSUPPORTED) {
            if (u[0].equals(id)) {
                return Optional.of(u[1]);
            }
        }
        return Optional.empty();
    }

    /** The closest modifier id to a misspelt one, if any is close. */
    public static Optional<String> suggest(String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = id.toLowerCase(Locale.ROOT);
        for (Modifier m : values()) {
            int d = distance(lower, m.id);
            if (d < bestDistance) {
                bestDistance = d;
                best = m.id;
            }
        }
        return best != null && bestDistance <= Math.max(1, id.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** Applies the modifier to one value; an expansion is transformed alternative by alternative. */
    public SigmaValue apply(SigmaValue value, Context ctx) throws ModifierException {
        if (value instanceof SigmaExpansion e) {
            List<SigmaValue> out = new ArrayList<>(e.values().size());
            for (SigmaValue v : e.values()) {
                out.add(apply(v, ctx));
            }
            return new SigmaExpansion(out);
        }
        return modify(value, ctx);
    }

    abstract SigmaValue modify(SigmaValue value, Context ctx) throws ModifierException;

    ModifierException incompatible(SigmaValue v) {
        return new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER,
                "modifier '" + id + "' does not apply to " + v.kind());
    }

    private static SigmaString wrap(SigmaString s, boolean leading, boolean trailing) {
        List<SigmaString.Part> parts = new ArrayList<>(s.parts());
        if (leading && !s.startsWithStar()) {
            parts.add(0, SigmaString.STAR);
        }
        if (trailing && !s.endsWithStar()) {
            parts.add(SigmaString.STAR);
        }
        return s.withParts(parts);
    }

    SigmaValue flag(SigmaValue v, SigmaRegex.Flag flag) throws ModifierException {
        if (!(v instanceof SigmaRegex r)) {
            throw new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER,
                    "modifier '" + id + "' is a regular-expression flag and needs 're' before it");
        }
        return r.withFlag(flag);
    }

    SigmaValue compare(SigmaValue v, Comparison comparison) throws ModifierException {
        if (!(v instanceof SigmaNumber n)) {
            throw new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER,
                    "modifier '" + id + "' compares numbers, not " + v.kind());
        }
        return new SigmaCompare(comparison, n.value());
    }

    /**
     * The bytes the base64 modifiers encode: the UTF-8 of the string, with a leading U+FEFF written
     * as the UTF-16LE byte order mark FF FE after {@code utf16} (as pySigma does).
     */
    byte[] base64Input(SigmaValue v, Context ctx) throws ModifierException {
        if (!(v instanceof SigmaString s)) {
            throw incompatible(v);
        }
        if (s.containsSpecial()) {
            throw new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER,
                    "'" + id + "' cannot encode wildcards or placeholders: " + s);
        }
        String text = s.plainText();
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (ctx.applied().contains(UTF16) && text.startsWith("\ufeff")) {
            byte[] rest = text.substring(1).getBytes(StandardCharsets.UTF_8);
            data = new byte[rest.length + 2];
            data[0] = (byte) 0xff;
            data[1] = (byte) 0xfe;
            System.arraycopy(rest, 0, data, 2, rest.length);
        }
        return data;
    }

    /**
     * UTF-16 encoding of the literal parts, each byte becoming one character (pySigma encodes to
     * UTF-16 and decodes the bytes as UTF-8, so every byte must be below 0x80). Wildcards stay.
     */
    private static SigmaValue utf16(SigmaValue v, boolean bigEndian, boolean bom, String id)
            throws ModifierException {
        if (!(v instanceof SigmaString s)) {
            throw new ModifierException(DiagnosticCode.INCOMPATIBLE_MODIFIER,
                    "modifier '" + id + "' does not apply to " + v.kind());
        }
        List<SigmaString.Part> parts = new ArrayList<>();
        if (bom) {
            parts.add(new SigmaString.Literal("\ufeff"));
        }
        for (SigmaString.Part p : s.parts()) {
            if (!(p instanceof SigmaString.Literal l)) {
                parts.add(p);
                continue;
            }
            byte[] bytes = l.text().getBytes(bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
            StringBuilder sb = new StringBuilder(bytes.length);
            for (byte b : bytes) {
                if (b < 0) {
                    throw new ModifierException(DiagnosticCode.INVALID_VALUE, "'" + id
                            + "' only encodes characters whose UTF-16 bytes are all below 0x80 (as pySigma): " + s);
                }
                sb.append((char) b);
            }
            parts.add(new SigmaString.Literal(sb.toString()));
        }
        return s.withParts(parts);
    }

    /** pySigma's {@code \B[-/]\b}: a dash or slash that starts a word, in any of the Windows dash forms. */
    private static SigmaValue windash(SigmaString s) throws ModifierException {
        List<List<SigmaString.Part>> variants = new ArrayList<>();
        variants.add(new ArrayList<>());
        for (SigmaString.Part p : s.parts()) {
            List<String> alternatives;
            if (p instanceof SigmaString.Literal l) {
                try {
                    alternatives = Windash.expand(l.text());
                } catch (IllegalArgumentException e) {
                    throw new ModifierException(DiagnosticCode.UNSUPPORTED_FEATURE, e.getMessage() + ": " + s);
                }
            } else {
                alternatives = null;
            }
            List<List<SigmaString.Part>> next = new ArrayList<>();
            for (List<SigmaString.Part> prefix : variants) {
                if (alternatives == null) {
                    List<SigmaString.Part> copy = new ArrayList<>(prefix);
                    copy.add(p);
                    next.add(copy);
                    continue;
                }
                for (String alt : alternatives) {
                    List<SigmaString.Part> copy = new ArrayList<>(prefix);
                    copy.add(new SigmaString.Literal(alt));
                    next.add(copy);
                }
            }
            if (next.size() > Windash.MAX_VARIANTS) {
                throw new ModifierException(DiagnosticCode.UNSUPPORTED_FEATURE,
                        "windash expands to more than " + Windash.MAX_VARIANTS + " variants: " + s);
            }
            variants = next;
        }
        List<SigmaValue> out = new ArrayList<>(variants.size());
        for (List<SigmaString.Part> parts : variants) {
            out.add(s.withParts(parts));
        }
        return new SigmaExpansion(out);
    }

    /** {@code %name%} in literal text becomes a placeholder part. */
    private static SigmaString insertPlaceholders(SigmaString s) {
        List<SigmaString.Part> parts = new ArrayList<>();
        for (SigmaString.Part p : s.parts()) {
            if (!(p instanceof SigmaString.Literal l)) {
                parts.add(p);
                continue;
            }
            String text = l.text();
            int i = 0;
            while (i < text.length()) {
                int open = text.indexOf('%', i);
                int close = open < 0 ? -1 : text.indexOf('%', open + 1);
                if (open < 0 || close < 0 || !isPlaceholderName(text.substring(open + 1, close))) {
                    int end = open < 0 || close < 0 ? text.length() : open + 1;
                    parts.add(new SigmaString.Literal(text.substring(i, end)));
                    i = end;
                    continue;
                }
                if (open > i) {
                    parts.add(new SigmaString.Literal(text.substring(i, open)));
                }
                parts.add(new SigmaString.Placeholder(text.substring(open + 1, close)));
                i = close + 1;
            }
        }
        return s.withParts(parts);
    }

    /** pySigma's placeholder names: word characters only. */
    static boolean isPlaceholderName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Validates a pattern with RE2 (linear time): no backreferences or lookaround. */
    public static Optional<String> regexProblem(String inlinePattern) {
        try {
            Pattern.compile(inlinePattern);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription() + (e.getPattern() == null ? "" : " in '" + e.getPattern() + "'"));
        }
    }

    private static boolean endsWithUnescaped(String regex, String suffix) {
        if (!regex.endsWith(suffix)) {
            return false;
        }
        int backslashes = 0;
        for (int i = regex.length() - suffix.length() - 1; i >= 0 && regex.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
