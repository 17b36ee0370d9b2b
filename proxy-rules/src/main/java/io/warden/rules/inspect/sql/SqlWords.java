package io.warden.rules.inspect.sql;

import io.warden.rules.inspect.WordTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL's reserved words and the functions attacks rely on, across MySQL, PostgreSQL, SQL Server,
 * Oracle and SQLite. A word here is only a token class: whether it means anything is decided by
 * the grammar around it in {@link SqlFragmentParser}.
 */
final class SqlWords {

    static final short AND = 1;
    static final short OR = 2;
    static final short XOR = 3;
    static final short NOT = 4;
    static final short IS = 5;
    static final short LIKE = 6;
    static final short BETWEEN = 7;
    static final short IN = 8;
    static final short ESCAPE = 9;
    static final short COLLATE = 10;
    static final short DIV = 11;
    static final short POSTFIX_NULL = 12;
    static final short SIMILAR = 13;
    static final short SOUNDS = 14;
    static final short NULL = 20;
    static final short TRUE = 21;
    static final short VALUE_WORD = 22;
    static final short UNION = 30;
    static final short SELECT = 31;
    static final short FROM = 32;
    static final short WHERE = 33;
    static final short GROUP = 34;
    static final short ORDER = 35;
    static final short BY = 36;
    static final short HAVING = 37;
    static final short LIMIT = 38;
    static final short OFFSET = 39;
    static final short INTO = 40;
    static final short OUTFILE = 41;
    static final short PROCEDURE = 42;
    static final short ALL = 43;
    static final short AS = 44;
    static final short JOIN = 45;
    static final short ON = 46;
    static final short CASE = 47;
    static final short WHEN = 48;
    static final short THEN = 49;
    static final short ELSE = 50;
    static final short END = 51;
    static final short EXISTS = 52;
    static final short ASC = 53;
    static final short TOP = 54;
    static final short FOR = 55;
    static final short WITH = 56;
    static final short JOIN_KIND = 57;
    static final short INTERVAL = 58;
    static final short BINARY = 59;
    static final short ANY = 60;
    static final short TO = 61;
    static final short SET_OP = 62;
    static final short USING = 63;
    static final short ROLLUP = 64;
    static final short DISTINCT = 65;
    /** Statement keywords: only meaningful at the start of a (stacked) statement. */
    static final short INSERT = 80;
    static final short UPDATE = 81;
    static final short DELETE = 82;
    static final short DROP = 83;
    static final short EXEC = 84;
    static final short DECLARE = 85;
    static final short SET = 86;
    static final short WAITFOR = 87;
    static final short SHUTDOWN = 88;
    static final short CREATE = 89;
    static final short ALTER = 90;
    static final short TRUNCATE = 91;
    static final short GRANT = 92;
    static final short CALL = 93;
    static final short LOAD = 94;
    static final short SHOW = 95;
    static final short BEGIN = 96;
    static final short IF = 97;
    static final short REPLACE = 98;
    static final short VALUES = 99;
    static final short TABLE = 100;
    static final short DELAY = 101;
    static final short COPY = 102;
    static final short PREPARE = 103;
    static final short HANDLER = 104;
    static final short USE = 105;

    /** Function families, from {@link #functionKind}. */
    static final int FN_TIME = 1;
    static final int FN_ERROR = 2;
    static final int FN_FILE = 3;
    static final int FN_INFO = 4;
    static final int FN_STRING = 5;
    static final int FN_OTHER = 6;

    private static final WordTable KEYWORDS = WordTable.of(keywords());
    private static final WordTable FUNCTIONS = WordTable.of(SqlNames.functions());
    private static final WordTable CATALOGS = WordTable.of(SqlNames.catalogs());
    private static final WordTable TYPES = WordTable.of(SqlNames.types());

    private SqlWords() {
    }

    static short keyword(String s, int from, int to) {
        return (short) KEYWORDS.lookup(s, from, to);
    }

    /** The family of a function name, or 0 for a name that is no well-known SQL function. */
    static int functionKind(String s, int from, int to) {
        return FUNCTIONS.lookup(s, from, to);
    }

    /** A catalogue name that is no English word (information_schema, sysobjects). */
    static final int CATALOG_DISTINCT = 2;

    /** Whether the word names a system catalogue (information_schema, sysobjects, mysql, ...). */
    static boolean isCatalog(String s, int from, int to) {
        return CATALOGS.lookup(s, from, to) != 0;
    }

    /** {@link #CATALOG_DISTINCT}, 1 for a catalogue name that is also a plain word, or 0. */
    static int catalogKind(String s, int from, int to) {
        return CATALOGS.lookup(s, from, to);
    }

    /**
     * A cheap first test for the words {@link SqlAnchors} confirms: is there an anchor word with
     * this first, second and last letter and length? Prose words almost never pass ("whether"
     * has the shape of "waitfor" but not its second letter), so almost no word is looked up.
     */
    static boolean isAnchorCandidate(String s, int from, int to) {
        int len = to - from;
        if (len > 18) {
            return true;
        }
        int first = (s.charAt(from) | 0x20) - 'a';
        int last = (s.charAt(to - 1) | 0x20) - 'a';
        if (first < 0 || first >= 26) {
            return false;
        }
        if (first == 'x' - 'a' && len > 3 && s.charAt(from + 2) == '_') {
            return true;
        }
        return last >= 0 && last < 26 && (ANCHOR_SHAPES[first * 26 + last] & (1 << len)) != 0
                && (ANCHOR_SECONDS[first] & 1 << secondIndex(s.charAt(from + 1))) != 0;
    }

    /** A second character's bit in {@link #ANCHOR_SECONDS}: a letter's place, 26 for anything else. */
    private static int secondIndex(char c) {
        int letter = (c | 0x20) - 'a';
        return letter >= 0 && letter < 26 && c < 0x80 ? letter : 26;
    }

    /** The words anchors look for. */
    private static final List<String> ANCHOR_WORDS = anchorWords();
    /** Per first and last letter, a bit per length of the words anchors look for. */
    private static final int[] ANCHOR_SHAPES = anchorShapes();
    /** Per first letter, a bit per second character ({@link #secondIndex}) of the words anchors look for. */
    private static final int[] ANCHOR_SECONDS = anchorSeconds();

    private static int[] anchorSeconds() {
        int[] seconds = new int[26];
        for (String w : ANCHOR_WORDS) {
            int first = w.charAt(0) - 'a';
            if (first >= 0 && first < 26 && w.length() > 1) {
                seconds[first] |= 1 << secondIndex(w.charAt(1));
            }
        }
        return seconds;
    }

    private static List<String> anchorWords() {
        List<String> words = new ArrayList<>(List.of("union", "waitfor", "into",
                "convert", "ascii", "ord", "unicode", "hex", "pg_sleep", "information_schema"));
        for (Map.Entry<String, Integer> e : SqlNames.functions().entrySet()) {
            int kind = e.getValue();
            if (kind == FN_TIME || kind == FN_ERROR || kind == FN_FILE) {
                words.add(e.getKey());
            }
        }
        for (Map.Entry<String, Integer> e : SqlNames.catalogs().entrySet()) {
            if (e.getValue() == CATALOG_DISTINCT) {
                words.add(e.getKey());
            }
        }
        return List.copyOf(words);
    }

    private static int[] anchorShapes() {
        int[] shapes = new int[26 * 26];
        for (String w : ANCHOR_WORDS) {
            int first = w.charAt(0) - 'a';
            int last = w.charAt(w.length() - 1) - 'a';
            if (first >= 0 && first < 26 && last >= 0 && last < 26 && w.length() < 32) {
                shapes[first * 26 + last] |= 1 << w.length();
            }
        }
        return shapes;
    }

    /** Words that can never be a column or table name, so a name reader must stop at them. */
    static boolean isReserved(short keyword) {
        return keyword != 0 && keyword != TABLE && keyword != DELAY && keyword != VALUES && keyword != ROLLUP
                && keyword != TO && keyword != ASC && keyword != OFFSET && keyword != USING && keyword != CALL
                && keyword != LOAD && keyword != SHOW && keyword != COPY && keyword != USE && keyword != HANDLER
                && keyword != PREPARE && keyword != BEGIN && keyword != REPLACE && keyword != IF
                && keyword != SET && keyword != VALUE_WORD && keyword != OUTFILE && keyword != TOP
                && keyword != SOUNDS && keyword != ESCAPE && keyword != POSTFIX_NULL && keyword != TRUNCATE;
    }

    /** Keywords a query continuation can start with (as opposed to a value). */
    static boolean isClause(short keyword) {
        return keyword == UNION || keyword == FROM || keyword == WHERE || keyword == GROUP || keyword == ORDER
                || keyword == HAVING || keyword == LIMIT || keyword == INTO || keyword == PROCEDURE
                || keyword == AS || keyword == SET_OP || keyword == OFFSET;
    }

    /** Statements that change data or schema or run code, runnable in a batch without ';'. */
    static boolean isDestructive(short keyword) {
        return keyword == INSERT || keyword == UPDATE || keyword == DELETE || keyword == DROP
                || keyword == EXEC || keyword == DECLARE || keyword == WAITFOR || keyword == SHUTDOWN
                || keyword == CREATE || keyword == ALTER || keyword == TRUNCATE;
    }

    /** SQL type names, as written after {@code ::} or in CAST/CONVERT. */
    static boolean isType(String s, int from, int to) {
        return TYPES.lookup(s, from, to) != 0;
    }

    /** char()/chr()/nchar(): building strings from character codes hides keywords and quotes. */
    static boolean isCharCode(String s, int from, int to) {
        int len = to - from;
        return (len == 4 || len == 3 || len == 5) && FUNCTIONS.lookup(s, from, to) == FN_STRING
                && (regionIs(s, from, to, "char") || regionIs(s, from, to, "chr") || regionIs(s, from, to, "nchar"));
    }

    private static boolean regionIs(String s, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((s.charAt(from + i) | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether some word of {@code s[from, to)} is SQL vocabulary: a keyword, function, catalogue,
     * type or extended procedure. A value made only of names, numbers and {@code - . _} without one
     * of them cannot read as anything but a column expression.
     */
    static boolean hasVocabulary(String s, int from, int to) {
        int i = from;
        while (i < to) {
            while (i < to && !SqlLexer.isWordStart(s.charAt(i))) {
                i++;
            }
            int end = i;
            while (end < to && SqlLexer.isWordPart(s.charAt(end))) {
                end++;
            }
            if (end > i && (KEYWORDS.lookup(s, i, end) != 0 || FUNCTIONS.lookup(s, i, end) != 0
                    || CATALOGS.lookup(s, i, end) != 0 || TYPES.lookup(s, i, end) != 0
                    || isExtendedProcedure(s, i, end))) {
                return true;
            }
            i = end;
        }
        return false;
    }

    /** SQL Server extended stored procedures ({@code xp_cmdshell}, {@code xp_dirtree}, ...). */
    static boolean isExtendedProcedure(String s, int from, int to) {
        return to - from > 3 && (s.charAt(from) | 0x20) == 'x' && (s.charAt(from + 1) | 0x20) == 'p'
                && s.charAt(from + 2) == '_';
    }

    /** ascii(), ord(), unicode(), hex(): a character's code, the probe of blind extraction. */
    static boolean isCharReader(String s, int from, int to) {
        return regionIs(s, from, to, "ascii") || regionIs(s, from, to, "ord") || regionIs(s, from, to, "unicode")
                || regionIs(s, from, to, "hex");
    }

    static boolean isSubstring(String s, int from, int to) {
        return regionIs(s, from, to, "substring") || regionIs(s, from, to, "substr") || regionIs(s, from, to, "mid")
                || regionIs(s, from, to, "left") || regionIs(s, from, to, "right");
    }

    static boolean isConvert(String s, int from, int to) {
        return regionIs(s, from, to, "convert");
    }

    static boolean isStatement(short keyword) {
        return (keyword >= INSERT && keyword <= USE && keyword != VALUES && keyword != TABLE
                && keyword != DELAY) || keyword == SELECT || keyword == WITH;
    }

    private static Map<String, Integer> keywords() {
        Map<String, Integer> m = new HashMap<>();
        put(m, AND, "and");
        put(m, OR, "or");
        put(m, XOR, "xor");
        put(m, NOT, "not");
        put(m, IS, "is");
        put(m, LIKE, "like", "rlike", "regexp", "glob", "ilike", "match");
        put(m, SIMILAR, "similar");
        put(m, SOUNDS, "sounds");
        put(m, BETWEEN, "between");
        put(m, IN, "in");
        put(m, ESCAPE, "escape");
        put(m, COLLATE, "collate");
        put(m, DIV, "div", "mod");
        put(m, POSTFIX_NULL, "notnull", "isnull");
        put(m, NULL, "null");
        put(m, TRUE, "true", "false", "unknown");
        put(m, VALUE_WORD, "current_user", "current_date", "current_time", "current_timestamp",
                "localtime", "localtimestamp", "session_user", "system_user", "current_role", "rownum");
        put(m, UNION, "union");
        put(m, SELECT, "select");
        put(m, FROM, "from");
        put(m, WHERE, "where");
        put(m, GROUP, "group");
        put(m, ORDER, "order");
        put(m, BY, "by");
        put(m, HAVING, "having");
        put(m, LIMIT, "limit");
        put(m, OFFSET, "offset");
        put(m, INTO, "into");
        put(m, OUTFILE, "outfile", "dumpfile");
        put(m, PROCEDURE, "procedure");
        put(m, ALL, "all");
        put(m, DISTINCT, "distinct", "distinctrow");
        put(m, AS, "as");
        put(m, JOIN, "join", "straight_join");
        put(m, JOIN_KIND, "inner", "outer", "left", "right", "cross", "natural", "full");
        put(m, ON, "on");
        put(m, CASE, "case");
        put(m, WHEN, "when");
        put(m, THEN, "then");
        put(m, ELSE, "else");
        put(m, END, "end");
        put(m, EXISTS, "exists");
        put(m, ASC, "asc", "desc");
        put(m, TOP, "top");
        put(m, FOR, "for");
        put(m, WITH, "with");
        put(m, INTERVAL, "interval");
        put(m, BINARY, "binary");
        put(m, ANY, "any", "some");
        put(m, TO, "to");
        put(m, SET_OP, "intersect", "except", "minus");
        put(m, USING, "using");
        put(m, ROLLUP, "rollup");
        put(m, INSERT, "insert");
        put(m, UPDATE, "update");
        put(m, DELETE, "delete");
        put(m, DROP, "drop");
        put(m, EXEC, "exec", "execute");
        put(m, DECLARE, "declare");
        put(m, SET, "set");
        put(m, WAITFOR, "waitfor");
        put(m, SHUTDOWN, "shutdown");
        put(m, CREATE, "create");
        put(m, ALTER, "alter", "rename");
        put(m, TRUNCATE, "truncate");
        put(m, GRANT, "grant", "revoke");
        put(m, CALL, "call");
        put(m, LOAD, "load");
        put(m, SHOW, "show", "describe");
        put(m, BEGIN, "begin");
        put(m, IF, "if");
        put(m, REPLACE, "replace");
        put(m, VALUES, "values");
        put(m, TABLE, "table", "database", "schema", "column", "index", "view", "user", "procedure_", "function");
        put(m, DELAY, "delay", "time");
        put(m, COPY, "copy");
        put(m, PREPARE, "prepare", "deallocate");
        put(m, HANDLER, "handler");
        put(m, USE, "use");
        return m;
    }

    private static void put(Map<String, Integer> m, int code, String... words) {
        for (String w : words) {
            m.putIfAbsent(w, code);
        }
    }
}
