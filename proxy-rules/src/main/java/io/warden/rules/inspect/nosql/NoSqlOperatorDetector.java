package io.warden.rules.inspect.nosql;

import io.warden.rules.inspect.Detector;
import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.ValueKind;
import io.warden.rules.inspect.WordTable;
import io.warden.rules.inspect.normalize.NormalizedValue;

import java.util.HashMap;
import java.util.Map;

/**
 * MongoDB operator injection: a JSON key or a parameter name that is a query or update operator
 * ({@code {"password": {"$ne": null}}}, {@code user[$ne]=x}), or such an operator object smuggled
 * inside a string value. JSON Schema's {@code $ref}/{@code $id} and other $-names are no operators.
 */
public final class NoSqlOperatorDetector implements Detector {

    private static final int CODE = 2;
    private static final int QUERY = 1;
    private static final WordTable OPERATORS = WordTable.of(operators());

    @Override
    public void inspect(NormalizedValue value, ValueKind kind, FindingSink sink) {
        String text = value.text();
        int dollar = text.indexOf('$');
        if (dollar < 0) {
            return;
        }
        if (kind.isName()) {
            int op = operatorAt(text, dollar, true);
            if (op != 0) {
                sink.report(Rule.NOSQLI_OPERATOR, op == CODE ? 10 : 8, text, dollar);
                return;
            }
        }
        while (dollar >= 0) {
            if (dollar > 0 && isOpener(text.charAt(dollar - 1)) && operatorAt(text, dollar, false) != 0) {
                sink.report(Rule.NOSQLI_OPERATOR, 7, text, dollar);
                return;
            }
            dollar = text.indexOf('$', dollar + 1);
        }
    }

    /** '[' as in {@code a[$ne]}, or a quote or brace opening a JSON/JS key {@code {"$gt":}. */
    private static boolean isOpener(char c) {
        return c == '[' || c == '"' || c == '\'' || c == '{';
    }

    /**
     * The operator family of the $-word at {@code dollar}, or 0. In a name the word may be the
     * whole name or a bracketed part; in a value it must be followed by ']' or a key separator.
     */
    private static int operatorAt(String s, int dollar, boolean name) {
        int end = dollar + 1;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        int code = OPERATORS.lookup(s, dollar + 1, end);
        if (code == 0) {
            return 0;
        }
        if (name && (dollar == 0 || s.charAt(dollar - 1) == '[')) {
            return code;
        }
        int after = end;
        while (after < s.length() && (s.charAt(after) == '"' || s.charAt(after) == '\'' || s.charAt(after) == ' ')) {
            after++;
        }
        return after < s.length() && (s.charAt(after) == ']' || s.charAt(after) == ':') ? code : 0;
    }

    private static Map<String, Integer> operators() {
        Map<String, Integer> m = new HashMap<>();
        for (String op : new String[] {"eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "regex", "exists",
            "or", "and", "nor", "not", "elemMatch", "size", "type", "all", "mod", "text", "search",
            "jsonSchema", "expr", "options", "comment", "lookup", "out", "merge", "unionWith", "set",
            "unset", "inc", "push", "pull", "rename", "addToSet", "pop", "setOnInsert", "currentDate",
            "mul", "min", "max", "slice", "geoWithin", "near", "bitsAllSet"}) {
            m.put(op, QUERY);
        }
        for (String op : new String[] {"where", "function", "accumulator"}) {
            m.put(op, CODE);
        }
        return m;
    }
}
