package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.CharFinder;
import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.Texts;
import io.warden.rules.inspect.normalize.Symbols;

import java.util.stream.Stream;

/**
 * Markup that changes how a page is parsed even without script in it: elements that open a new
 * parsing context or load content (svg, math, style, form controls, xmp, template, ...), closing
 * tags and comment ends that break out of the context a value is reflected in
 * ({@code </script>}, {@code -->}, {@code ]]>}), polyglot terminator runs
 * ({@code "'`-->]]>}), and XML constructs that resolve external entities or stylesheets.
 * Formatting tags ({@code <b>}, {@code <a href>}, {@code <table>}) are not markup injection, and
 * markup inside a markdown code span is being talked about, not injected.
 */
final class MarkupInjection {

    private static final String[] CONTEXT_ELEMENTS = {"svg", "math", "style", "form", "input", "button",
        "textarea", "select", "isindex", "keygen", "xml", "template", "noscript", "xmp", "plaintext",
        "listing", "noembed", "noframes", "marquee", "video", "audio", "source", "details", "dialog", "image",
        "animate", "set", "use", "foreignobject", "feimage", "handler", "listener", "iframe", "frame",
        "frameset", "object", "embed", "applet", "base", "meta", "link", "portal", "xss", "stylesheet",
        "transform", "import", "vmlframe", "layer", "ilayer", "bgsound"};
    private static final String[] RAW_TEXT_ELEMENTS = {"script", "style", "textarea", "title", "xmp", "noscript",
        "template", "iframe", "noembed", "noframes", "plaintext", "svg", "math"};
    /** Closing these first ends the page's own document early: what follows lands outside it. */
    private static final String[] DOCUMENT_ELEMENTS = {"body", "html", "head"};
    private static final Texts.Needle[] XML_MARKERS = Stream.of("<!entity", "<!doctype", "<?xml-stylesheet", "<!attlist",
        "<?import", "xml:namespace", "<xsl:", "xsi:schemalocation", "<?xml ").map(Texts.Needle::of).toArray(Texts.Needle[]::new);

    private final String s;
    /** Per raw-text element, where its first opening tag is (-1 none), found on first need. */
    private final int[] firstOpening = new int[RAW_TEXT_ELEMENTS.length];
    private int firstTag = -2;

    MarkupInjection(String s) {
        this.s = s;
        java.util.Arrays.fill(firstOpening, -2);
    }

    /** Scores one start or end tag the reader stands on. */
    void tag(TagReader tag, FindingSink sink) {
        if (inCodeSpan(s, tag.tagStart)) {
            return;
        }
        if (tag.closing) {
            for (int i = 0; i < RAW_TEXT_ELEMENTS.length; i++) {
                if (tag.nameIs(RAW_TEXT_ELEMENTS[i]) && !opensBefore(i, tag.tagStart)) {
                    sink.report(Rule.XSS_MARKUP, 7, s, tag.tagStart);
                    return;
                }
            }
            if ((isContextElement(tag) || isDocumentElement(tag)) && firstTagAt() == tag.tagStart) {
                sink.report(Rule.XSS_MARKUP, 7, s, tag.tagStart);
            }
            return;
        }
        if (isContextElement(tag)) {
            sink.report(Rule.XSS_MARKUP, 7, s, tag.tagStart);
        } else if ((tag.nameIs("html") || tag.nameIs("body") || tag.nameIs("head")) && tag.hasAttributes()) {
            sink.report(Rule.XSS_MARKUP, 7, s, tag.tagStart);
        }
    }

    /** An element of {@link #CONTEXT_ELEMENTS}, or one in the SVG or XSL namespace ({@code svg:mask}). */
    private static boolean isContextElement(TagReader tag) {
        for (String name : CONTEXT_ELEMENTS) {
            if (tag.nameIs(name)) {
                return true;
            }
        }
        return tag.prefixIs("svg") || tag.prefixIs("xsl");
    }

    private static boolean isDocumentElement(TagReader tag) {
        for (String name : DOCUMENT_ELEMENTS) {
            if (tag.nameIs(name)) {
                return true;
            }
        }
        return false;
    }

    /** Where the value's first tag starts: a closing tag there closes something outside the value. */
    private int firstTagAt() {
        if (firstTag == -2) {
            firstTag = -1;
            for (int lt = s.indexOf('<'); lt >= 0; lt = s.indexOf('<', lt + 1)) {
                if (lt + 1 < s.length() && (Character.isLetter(s.charAt(lt + 1)) || s.charAt(lt + 1) == '/')) {
                    firstTag = lt;
                    break;
                }
            }
        }
        return firstTag;
    }

    /**
     * Comment and CDATA breakouts, polyglot terminators and XML constructs anywhere in the value.
     * Every marker holds '<' or '>', so a substring is searched for only when the value's census
     * ({@code symbols}) holds its bracket: chat text has neither, and each search is a pass over
     * the whole value.
     */
    static void text(String s, long symbols, FindingSink sink) {
        boolean lt = Symbols.mayHold(symbols, '<');
        boolean gt = Symbols.mayHold(symbols, '>');
        int comment = lt ? s.indexOf("<!--") : -1;
        if (comment >= 0 && !inCodeSpan(s, comment)) {
            sink.report(Rule.XSS_MARKUP, 7, s, comment);
        }
        int commentEnd = gt ? s.indexOf("-->") : -1;
        if (commentEnd >= 0 && (comment < 0 || comment > commentEnd) && opensContext(s, commentEnd)) {
            sink.report(Rule.XSS_MARKUP, 7, s, commentEnd);
        }
        if ((lt && s.contains("<![endif]")) || (gt && s.contains("]]>") && !(lt && s.contains("<![CDATA[")))) {
            sink.report(Rule.XSS_MARKUP, 7, s, 0);
        }
        int polyglot = polyglotRun(s, symbols, lt, gt);
        if (polyglot >= 0) {
            sink.report(Rule.XSS_MARKUP, 8, s, polyglot);
        }
        xml(s, lt, Symbols.mayHold(symbols, ':'), sink);
    }

    private static void xml(String s, boolean angle, boolean colon, FindingSink sink) {
        if (!angle && !colon) {
            return;
        }
        for (Texts.Needle needle : XML_MARKERS) {
            String marker = needle.lower();
            if (marker.charAt(0) == '<' ? !angle : !colon) {
                continue;
            }
            int at = Texts.indexOfIgnoreCase(s, needle, 0, s.length());
            if (at < 0 || inCodeSpan(s, at)) {
                continue;
            }
            int score = switch (marker) {
                case "<!entity" -> Texts.indexOfIgnoreCase(s, "system") > at || Texts.indexOfIgnoreCase(s, "public") > at ? 10 : 8;
                case "<!doctype" -> s.indexOf('[', at) > at && s.indexOf('[', at) < at + 64 ? 8 : 0;
                case "<?xml " -> 7;
                case "xsi:schemalocation" -> Texts.indexOfIgnoreCase(s, "http") > 0 ? 7 : 0;
                default -> marker.equals("<?xml-stylesheet") ? 8 : 7;
            };
            if (score > 0) {
                sink.report(Rule.XSS_MARKUP, score, s, at);
                return;
            }
        }
    }

    /**
     * Three or more different context terminators within a few characters ({@code "'`-->]]>}):
     * a polyglot written to escape whatever context it lands in.
     */
    private static int polyglotRun(String s, long symbols, boolean lt, boolean gt) {
        int present = (Symbols.mayHold(symbols, '"') ? 1 : 0) + (Symbols.mayHold(symbols, '\'') ? 1 : 0)
                + (Symbols.mayHold(symbols, '`') ? 1 : 0)
                + (gt && s.contains("-->") ? 1 : 0) + (gt && Symbols.mayHold(symbols, ']') && s.contains("]]>") ? 1 : 0)
                + (Symbols.mayHold(symbols, '*') && s.contains("*/") ? 1 : 0) + (lt && s.contains("</") ? 1 : 0);
        if (present < 3) {
            return -1;
        }
        int n = s.length();
        CharFinder starts = new CharFinder(s, 0, n, "\"'`-]*<", symbols);
        for (int i = starts.next(0); i < n; i = starts.next(i + 1)) {
            if (terminator(s, i) == 0) {
                continue;
            }
            int kinds = 0;
            int end = Math.min(n, i + 12);
            for (int j = i; j < end; j++) {
                kinds |= terminator(s, j);
            }
            if (Integer.bitCount(kinds) >= 3) {
                return i;
            }
        }
        return -1;
    }

    private static int terminator(String s, int i) {
        char c = s.charAt(i);
        return switch (c) {
            case '"' -> 1;
            case '\'' -> 2;
            case '`' -> 4;
            case '-' -> s.startsWith("-->", i) ? 8 : 0;
            case ']' -> s.startsWith("]]>", i) ? 16 : 0;
            case '*' -> s.startsWith("*/", i) ? 32 : 0;
            case '<' -> s.startsWith("</", i) ? 64 : 0;
            default -> 0;
        };
    }

    /** Whether {@code -->} at {@code at} starts the value or follows a quote: a comment breakout. */
    private static boolean opensContext(String s, int at) {
        int i = at - 1;
        while (i >= 0 && s.charAt(i) == ' ') {
            i--;
        }
        return i < 0 || s.charAt(i) == '"' || s.charAt(i) == '\'' || s.charAt(i) == '`';
    }

    /** Whether an opening tag of the element precedes {@code before}: a balanced element, not a breakout. */
    private boolean opensBefore(int element, int before) {
        if (firstOpening[element] == -2) {
            firstOpening[element] = Texts.indexOfIgnoreCase(s, "<" + RAW_TEXT_ELEMENTS[element]);
        }
        return firstOpening[element] >= 0 && firstOpening[element] < before;
    }

    /** Whether {@code at} lies inside a markdown inline code span: an odd number of backticks before it on its line. */
    static boolean inCodeSpan(String s, int at) {
        int ticks = 0;
        for (int i = at - 1, floor = Math.max(0, at - 256); i >= floor; i--) {
            char c = s.charAt(i);
            if (c == '\n') {
                break;
            }
            if (c == '`') {
                ticks++;
            }
        }
        if (ticks % 2 == 0) {
            return false;
        }
        for (int i = at, ceiling = Math.min(s.length(), at + 256); i < ceiling; i++) {
            char c = s.charAt(i);
            if (c == '`') {
                return true;
            }
            if (c == '\n') {
                return false;
            }
        }
        return false;
    }
}
