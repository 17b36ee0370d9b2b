package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.Detector;
import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.ValueKind;
import io.warden.rules.inspect.normalize.NormalizedValue;
import io.warden.rules.inspect.normalize.Symbols;

/**
 * Cross-site scripting: markup that would run script if a page reflected the value, and
 * breakouts into a script context that call a sink. It reads the markup view (entities and
 * script escapes decoded), tokenises tags like a browser ({@link TagReader}) and judges script
 * by its syntax ({@link ScriptSyntax}), so a chat line that mentions {@code <script>} or
 * {@code <b>} is not an attack while {@code <img src=x onerror=alert(1)>} is.
 */
public final class XssDetector implements Detector {

    /** Tags that load or embed active content through an attribute. */
    private static final String[] EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet",
        "base", "portal", "meta", "link", "import", "layer", "ilayer", "bgsound", "xml", "vmlframe", "include",
        "set", "animate", "listener"};
    private static final String[] EMBEDDING_ATTRIBUTES = {"src", "srcdoc", "data", "code", "href", "codebase",
        "archive", "http-equiv", "charset", "content", "movie", "classid", "implementation", "attributename",
        "handler"};
    /** Attributes that make any element load or bind active content (IE data binding, HTCs). */
    private static final String[] ACTIVE_ATTRIBUTES = {"dataformatas", "implementation", "formaction"};

    private static final long LT = Symbols.of("<");
    private static final long COLON = Symbols.of(":");
    private static final long PAREN = Symbols.of("(");
    private static final long SINK_TRIGGERS = Symbols.of(ScriptSinks.TRIGGERS);
    private static final long CSS_MARKS = Symbols.of(":-");
    private static final long MARKUP_MARKS = Symbols.of("<\"]-:");
    /**
     * What {@link MarkupInjection#text} needs one of to find anything: every comment, CDATA and
     * conditional marker holds '<' or '>', its XML markers '<' or ':', and a polyglot run three
     * kinds of terminator, at least one of them a quote or an angle bracket.
     */
    private static final long MARKUP_NEEDS = Symbols.of("<>:\"'`");
    private static final long EQUALS = Symbols.of("=");
    private static final long BRACE = Symbols.of("{");
    private static final long BRACKET = Symbols.of("[");
    private static final long BANG = Symbols.of("!");

    @Override
    public void inspect(NormalizedValue value, ValueKind kind, FindingSink sink) {
        String s = value.markup();
        boolean angle = value.holdsAny(LT);
        if (angle) {
            tags(s, sink);
        }
        if (value.holdsAny(COLON)) {
            ScriptUrls.scan(s, sink);
        }
        if (value.holdsAny(SINK_TRIGGERS)) {
            ScriptSinks.scan(value, sink);
        }
        if (value.holdsAny(BRACE) || (angle && s.indexOf("<%") >= 0)) {
            Templates.scan(s, sink);
        }
        if (value.holdsAny(EQUALS)) {
            AttributeInjection.scan(s, sink);
        }
        if (value.holdsAny(CSS_MARKS)) {
            Css.scanText(s, value.symbols(), sink);
        }
        if (value.holdsAny(BRACKET) && value.holdsAny(BANG)) {
            ScriptSinks.scanNonAlphanumeric(s, sink);
        }
        if (value.holdsAny(MARKUP_MARKS) && value.holdsAny(MARKUP_NEEDS)) {
            MarkupInjection.text(s, value.symbols(), sink);
        }
        EncodedMarkup.check(value, sink);
        EncodedMarkup.base64(s, sink);
        if (value.holdsAny(PAREN)) {
            if (ScriptSyntax.startsWithFunctionCode(s)) {
                sink.report(Rule.XSS_SCRIPT_CONTEXT, 7, s, 0);
            }
            int iife = s.indexOf("(function(");
            if (iife > 0 && ScriptSyntax.afterBreakout(s, iife)) {
                sink.report(Rule.XSS_SCRIPT_CONTEXT, 8, s, iife);
            }
        }
    }

    private static void tags(String s, FindingSink sink) {
        TagReader tag = new TagReader(s);
        ClosingTag scriptEnd = new ClosingTag(s, "</script");
        ClosingTag nextScript = new ClosingTag(s, "<script");
        ClosingTag styleEnd = new ClosingTag(s, "</style");
        MarkupInjection markup = new MarkupInjection(s);
        while (tag.next()) {
            markup.tag(tag, sink);
            if (tag.closing) {
                continue;
            }
            if (tag.nameIs("script")) {
                script(s, tag, scriptEnd, nextScript, sink);
            } else if (tag.nameIs("style")) {
                int bodyEnd = styleEnd.after(tag.tagEnd);
                if (Css.isActive(s, Math.min(s.length(), tag.tagEnd + 1), bodyEnd < 0 ? s.length() : bodyEnd)) {
                    sink.report(Rule.XSS_STYLE, 10, s, tag.tagStart);
                }
            }
            boolean embedding = isEmbedding(tag);
            while (tag.nextAttribute()) {
                if (tag.attributeIsHandler()) {
                    boolean code = tag.hasValue() && tag.valueEnd > tag.valueStart;
                    sink.report(Rule.XSS_EVENT_HANDLER, code ? 10 : 8, s, tag.tagStart);
                } else if (tag.attributeIs("style") && tag.hasValue()) {
                    int css = Css.isActive(s, tag.valueStart, tag.valueEnd) ? 10
                            : Css.isInjection(s, tag.valueStart, tag.valueEnd) ? 7 : 0;
                    if (css > 0) {
                        sink.report(Rule.XSS_STYLE, css, s, tag.tagStart);
                    }
                } else if ((tag.attributeIs("href") || tag.attributeIs("src") || tag.attributeIs("action"))
                        && tag.hasValue() && ObfuscatedHosts.isObfuscated(s, tag.valueStart, tag.valueEnd)) {
                    sink.report(Rule.XSS_OBFUSCATED_URL, 7, s, tag.tagStart);
                } else if (embedding && tag.hasValue() && isEmbeddingAttribute(tag)) {
                    sink.report(Rule.XSS_EMBED, tag.nameIs("meta") && tag.attributeIs("charset") ? 6 : 8,
                            s, tag.tagStart);
                } else if (isActiveAttribute(tag)) {
                    sink.report(Rule.XSS_EMBED, 8, s, tag.tagStart);
                }
            }
        }
    }

    /**
     * A script element: with a source or a body that reads as code it is certain; one that follows
     * a breakout ({@code "><script>}) or is closed right away is an injection probe; one whose
     * "body" is a sentence ("the <script> tag shows raw code") is prose. An unclosed body is read
     * up to the next script tag, so a flood of them is read once, not once per tag.
     */
    private static void script(String s, TagReader tag, ClosingTag end, ClosingTag nextScript, FindingSink sink) {
        int bodyStart = Math.min(s.length(), tag.tagEnd + 1);
        int close = end.after(bodyStart);
        int next = nextScript.after(bodyStart);
        int bodyEnd = close < 0 ? s.length() : close;
        if (next >= 0 && next < bodyEnd) {
            bodyEnd = next;
        }
        int score = 0;
        TagReader attributes = tag;
        while (attributes.nextAttribute()) {
            if (attributes.attributeIs("src") || attributes.attributeIs("href")) {
                score = 10;
            } else if ((attributes.attributeIs("language") || attributes.attributeIs("type")) && attributes.hasValue()
                    && io.warden.rules.inspect.Texts.indexOfIgnoreCase(s, "vb", attributes.valueStart, attributes.valueEnd) >= 0) {
                score = 8;
            }
        }
        boolean breakout = tag.tagStart > 0 && "\"'>`".indexOf(s.charAt(tag.tagStart - 1)) >= 0;
        if (ScriptSyntax.looksLikeCode(s, bodyStart, bodyEnd)) {
            score = 10;
        } else if (!ScriptSyntax.looksLikeProse(s, bodyStart, bodyEnd)) {
            score = Math.max(score, breakout || (close >= 0 && !blank(s, bodyStart, bodyEnd)) ? 8
                    : close >= 0 ? 6 : 7);
        }
        if (score > 0) {
            sink.report(Rule.XSS_SCRIPT_TAG, score, s, tag.tagStart);
        }
    }

    private static boolean isActiveAttribute(TagReader tag) {
        for (String name : ACTIVE_ATTRIBUTES) {
            if (tag.attributeIs(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmbedding(TagReader tag) {
        for (String name : EMBEDDING) {
            if (tag.nameIs(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmbeddingAttribute(TagReader tag) {
        for (String name : EMBEDDING_ATTRIBUTES) {
            if (tag.attributeIs(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) > ' ') {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds tags ({@code </script}, {@code <script}) forward only, remembering the last answer, so many
     * unclosed opening tags cost one pass rather than one pass each.
     */
    private static final class ClosingTag {
        private final String s;
        private final String needle;
        private int searchedFrom = Integer.MAX_VALUE;
        private int found = -1;

        ClosingTag(String s, String needle) {
            this.s = s;
            this.needle = needle;
        }

        int after(int from) {
            if (from >= searchedFrom && (found < 0 || found >= from)) {
                return found;
            }
            searchedFrom = from;
            found = -1;
            for (int i = Math.max(0, from), last = s.length() - needle.length(); i <= last; i++) {
                int at = s.indexOf('<', i);
                if (at < 0 || at > last) {
                    break;
                }
                if (s.regionMatches(true, at, needle, 0, needle.length())) {
                    found = at;
                    break;
                }
                i = at;
            }
            return found;
        }
    }
}
