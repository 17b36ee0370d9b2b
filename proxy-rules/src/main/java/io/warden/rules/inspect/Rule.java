package io.warden.rules.inspect;

/**
 * Every rule the engine can fire, with its stable id (used in events and in route exclusions)
 * and its family. Scores are not fixed here: a detector scores each finding by how certain the
 * syntax it saw makes it.
 */
public enum Rule {
    SQLI_UNION("sqli.union", AttackClass.SQLI, "UNION [ALL] SELECT appended to a query"),
    SQLI_TAUTOLOGY("sqli.tautology", AttackClass.SQLI, "OR with an always-true or literal condition after a breakout"),
    SQLI_BOOLEAN("sqli.boolean", AttackClass.SQLI, "AND/OR with a literal comparison: a blind-injection probe"),
    SQLI_STACKED("sqli.stacked", AttackClass.SQLI, "a second statement after ';'"),
    SQLI_COMMENT("sqli.comment", AttackClass.SQLI, "a quote breakout that comments out the rest of the query"),
    SQLI_TIME("sqli.time", AttackClass.SQLI, "a delay function (SLEEP, BENCHMARK, PG_SLEEP, WAITFOR DELAY)"),
    SQLI_ERROR("sqli.error", AttackClass.SQLI, "an error-based extraction function (EXTRACTVALUE, UPDATEXML, ...)"),
    SQLI_FILE("sqli.file", AttackClass.SQLI, "file or OS access from SQL (LOAD_FILE, INTO OUTFILE, xp_cmdshell)"),
    SQLI_FINGERPRINT("sqli.fingerprint", AttackClass.SQLI, "database fingerprinting (@@version, version(), catalogs)"),
    SQLI_ORDER_BY("sqli.order_by", AttackClass.SQLI, "ORDER BY/GROUP BY/HAVING probing after a value"),
    SQLI_SUBQUERY("sqli.subquery", AttackClass.SQLI, "a subquery injected into an expression"),
    SQLI_FRAGMENT("sqli.fragment", AttackClass.SQLI, "input that continues a query as valid SQL"),

    XSS_SCRIPT_TAG("xss.script_tag", AttackClass.XSS, "a <script> element with code or a source"),
    XSS_EVENT_HANDLER("xss.event_handler", AttackClass.XSS, "an on* event-handler attribute"),
    XSS_SCRIPT_URL("xss.script_url", AttackClass.XSS, "a javascript:, vbscript: or script-bearing data: URL"),
    XSS_EMBED("xss.embed", AttackClass.XSS, "a tag that loads active content (iframe, object, embed, base, meta refresh, ...)"),
    XSS_STYLE("xss.style", AttackClass.XSS, "script in CSS (expression(), behavior, -moz-binding, url(javascript:))"),
    XSS_SCRIPT_CONTEXT("xss.script_context", AttackClass.XSS, "a breakout into script code calling a sink"),
    XSS_MARKUP("xss.markup", AttackClass.XSS, "markup that changes the page's parsing context (svg, style, form, </script>, -->, XML entities)"),
    XSS_OBFUSCATED_URL("xss.obfuscated_url", AttackClass.XSS, "a link whose host is an IP address in integer, hex or octal form"),
    XSS_ENCODED_MARKUP("xss.encoded_markup", AttackClass.XSS, "markup characters hidden by an encoding (UTF-7, a lone encoded '<')"),

    TRAVERSAL_DOTDOT("traversal.dotdot", AttackClass.TRAVERSAL, "../ segments, also encoded or with look-alike dots"),
    TRAVERSAL_SENSITIVE_FILE("traversal.sensitive_file", AttackClass.TRAVERSAL, "a system file path (/etc/passwd, win.ini, /proc/self)"),

    CMDI_CHAIN("cmdi.chain", AttackClass.CMDI, "a shell separator followed by a command"),
    CMDI_SUBSTITUTION("cmdi.substitution", AttackClass.CMDI, "command substitution: $(...) or backticks running a command"),
    CMDI_COMMAND("cmdi.command", AttackClass.CMDI, "a shell command line with a known command and shell-shaped arguments"),
    CMDI_WINDOWS("cmdi.windows", AttackClass.CMDI, "Windows command interpreter syntax (cmd /c, powershell, %VAR%)"),
    CMDI_EVASION("cmdi.evasion", AttackClass.CMDI, "shell obfuscation (${IFS}, quote splitting, globbed paths, a command split into variables)"),
    CMDI_PROTOCOL("cmdi.protocol", AttackClass.CMDI, "a line break followed by a mail-protocol command (SMTP, POP3, IMAP)"),
    CMDI_TEMPLATE("cmdi.template", AttackClass.CMDI, "a server-side template expression probe ({{7*7}}, {% for %})"),

    NOSQLI_OPERATOR("nosqli.operator", AttackClass.NOSQLI, "a MongoDB query operator ($ne, $gt, $where, $regex, ...) as a key"),

    EVASION_OVERLONG_UTF8("evasion.overlong_utf8", AttackClass.EVASION, "an overlong UTF-8 sequence (%c0%ae)"),
    EVASION_NUL("evasion.nul", AttackClass.EVASION, "a NUL byte"),

    INPUT_MALFORMED_JSON("input.malformed_json", AttackClass.INPUT, "the JSON body does not parse"),
    INPUT_LIMITS("input.limits", AttackClass.INPUT, "the body exceeds the inspection's depth or element limits"),
    INPUT_INSPECTION_ERROR("input.inspection_error", AttackClass.INPUT, "a detector failed on this value (a bug: report it)");

    private final String id;
    private final AttackClass attackClass;
    private final String description;

    Rule(String id, AttackClass attackClass, String description) {
        this.id = id;
        this.attackClass = attackClass;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public AttackClass attackClass() {
        return attackClass;
    }

    public String description() {
        return description;
    }

    /** The rule with this id, or null. */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }
}
