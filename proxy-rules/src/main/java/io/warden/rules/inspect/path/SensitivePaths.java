package io.warden.rules.inspect.path;

import io.warden.rules.inspect.WordTable;

import java.util.HashMap;
import java.util.Map;

/**
 * System files and directories a web request has no business naming: the Unix account and
 * host files, {@code /proc/self}, Windows' boot and configuration files, SSH keys, server
 * configuration. Each is a path segment, some only under a given parent ({@code passwd} under
 * {@code etc}), matched on a {@link PathView}.
 */
public final class SensitivePaths {

    private static final int ANYWHERE = 1;
    private static final int UNDER_ETC = 2;
    private static final int UNDER_PROC = 3;
    private static final int UNDER_SELF = 4;
    private static final int UNDER_WINDOWS = 5;
    private static final int UNDER_SSH = 6;
    private static final int UNDER_CONFIG = 7;
    private static final int UNDER_VAR = 8;
    private static final int UNDER_WEB_INF = 9;
    private static final int UNDER_SYS = 10;

    private static final WordTable FILES = WordTable.of(files());
    private static final WordTable PARENTS = WordTable.of(parents());

    private SensitivePaths() {
    }

    /** Whether {@code text}, read as a path, names a system file ({@code /etc/passwd}, {@code boot.ini}). */
    public static boolean named(String text) {
        return find(PathView.of(text)) >= 0;
    }

    /** The start of the first sensitive segment in {@code path}, or -1. */
    static int find(String path) {
        int n = path.length();
        int previousStart = -1;
        int previousEnd = -1;
        int start = 0;
        while (start < n) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            if (end > start && matches(path, start, end, previousStart, previousEnd)) {
                return start;
            }
            if (end > start) {
                previousStart = start;
                previousEnd = end;
            }
            start = end + 1;
        }
        return -1;
    }

    private static boolean matches(String path, int start, int end, int parentStart, int parentEnd) {
        int rule = FILES.lookup(path, start, trimmedEnd(path, start, nameEnd(path, start, end)));
        if (rule == 0) {
            return false;
        }
        if (rule == ANYWHERE) {
            return true;
        }
        return parentStart >= 0 && PARENTS.lookup(path, parentStart, trimmedEnd(path, parentStart, parentEnd)) == rule;
    }

    /**
     * Where the file name in a segment ends: a quote, bracket or space after it belongs to the
     * text around the path ({@code get_file("/etc/hosts")}).
     */
    private static int nameEnd(String path, int start, int end) {
        int i = start;
        while (i < end) {
            char c = path.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '$' || c == '~' || c == ':')) {
                break;
            }
            i++;
        }
        return i;
    }

    /** Trailing dots and spaces are ignored by Windows ({@code boot.ini..}). */
    private static int trimmedEnd(String path, int start, int end) {
        int e = end;
        while (e > start + 1 && (path.charAt(e - 1) == '.' || path.charAt(e - 1) == ' ')) {
            e--;
        }
        return e;
    }

    private static Map<String, Integer> files() {
        Map<String, Integer> m = new HashMap<>();
        put(m, ANYWHERE, "boot.ini", "win.ini", "system.ini", "autoexec.bat", "config.sys", "pagefile.sys",
                "ntuser.dat", "hiberfil.sys", ".htpasswd", ".htaccess", ".bash_history", ".zsh_history",
                ".mysql_history", "wp-config.php", "php.ini", "my.cnf", "httpd.conf", "nginx.conf",
                "apache2.conf", "web.config", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "authorized_keys",
                "inetpub", "system32", "sam.log", "appcmd.exe", "cmd.exe");
        put(m, UNDER_ETC, "passwd", "shadow", "group", "hosts", "issue", "motd", "sudoers", "crontab", "fstab",
                "subuid", "subgid", "profile", "hostname", "resolv.conf", "mtab", "inittab", "gshadow",
                "master.passwd", "security", "nginx", "apache2", "httpd", "mysql", "ssh", "ld.so.preload");
        put(m, UNDER_PROC, "self", "version", "cpuinfo", "meminfo", "mounts", "environ", "cmdline", "net");
        put(m, UNDER_SELF, "environ", "cmdline", "maps", "fd", "mem", "cwd", "exe", "status", "root");
        put(m, UNDER_WINDOWS, "repair", "win.ini", "system.ini", "debug", "panther", "php.ini");
        put(m, UNDER_SSH, "known_hosts", "config");
        put(m, UNDER_CONFIG, "sam", "system", "software", "security");
        put(m, UNDER_VAR, "log", "www", "run", "mail", "spool", "lib");
        put(m, UNDER_WEB_INF, "web.xml", "classes", "lib");
        put(m, UNDER_SYS, "class", "kernel", "devices", "firmware", "module");
        return m;
    }

    private static Map<String, Integer> parents() {
        Map<String, Integer> m = new HashMap<>();
        put(m, UNDER_ETC, "etc");
        put(m, UNDER_PROC, "proc");
        put(m, UNDER_SELF, "self");
        put(m, UNDER_WINDOWS, "windows", "winnt", "c:");
        put(m, UNDER_SSH, ".ssh");
        put(m, UNDER_CONFIG, "config", "repair");
        put(m, UNDER_VAR, "var");
        put(m, UNDER_WEB_INF, "web-inf", "meta-inf");
        put(m, UNDER_SYS, "sys");
        return m;
    }

    private static void put(Map<String, Integer> m, int rule, String... names) {
        for (String name : names) {
            m.putIfAbsent(name, rule);
        }
    }
}
