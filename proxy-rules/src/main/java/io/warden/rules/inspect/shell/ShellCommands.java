package io.warden.rules.inspect.shell;

import io.warden.rules.inspect.WordTable;

import java.util.HashMap;
import java.util.Map;

/**
 * Command names of Unix shells and the Windows command interpreter. A name here only says what
 * a word would run in command position; {@link CommandInjectionDetector} decides from the
 * position and the arguments whether it is one. Names that are also everyday English words
 * ("cat", "find", "time") are marked, because prose uses them without arguments a shell would.
 */
final class ShellCommands {

    /** A name prose does not use: whoami, ifconfig, wget. */
    static final int DISTINCT = 1;
    /** A name that is also an English word: cat, find, sleep, type. */
    static final int WORDLIKE = 2;
    /** Runs its arguments as a command: sudo, nohup, time, xargs. */
    static final int PREFIX = 3;

    private static final WordTable NAMES = WordTable.of(names());

    private ShellCommands() {
    }

    /**
     * Tool families whose many sub-commands share a prefix ({@code ansible-galaxy}, {@code chef-shell}):
     * a name up to and including its first '-' or '_'. {@code kube} (kubeadm, kubelet) is the one
     * family without a separator.
     */
    private static final WordTable FAMILIES = WordTable.of(Map.of("ansible-", DISTINCT, "chef-", DISTINCT,
            "aa-", DISTINCT, "docker-", DISTINCT, "git-", DISTINCT, "pg_", DISTINCT, "invoke-", DISTINCT, "ssh-", DISTINCT,
            "npm-", DISTINCT, "pip-", DISTINCT));

    /**
     * The kind of the command word {@code s[from, to)}: looked up as written, then without a
     * version suffix ({@code python3.10}, {@code gcc7.4}), then by tool family. Never allocates.
     */
    static int kind(String s, int from, int to) {
        int kind = NAMES.lookup(s, from, to);
        if (kind != 0 || to - from < 2) {
            return kind;
        }
        int end = to;
        while (end > from + 1 && (Character.isDigit(s.charAt(end - 1)) || s.charAt(end - 1) == '.')) {
            end--;
        }
        if (end < to && end - from >= 2) {
            kind = NAMES.lookup(s, from, end);
            if (kind != 0) {
                return kind == WORDLIKE ? DISTINCT : kind;
            }
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '_') {
                if (FAMILIES.lookup(s, from, i + 1) != 0) {
                    return DISTINCT;
                }
                break;
            }
        }
        return to - from > 4 && (s.charAt(from) | 0x20) == 'k' && s.regionMatches(true, from, "kube", 0, 4) ? DISTINCT : 0;
    }

    /** The kind of a normalised command word; see {@link #kind(String, int, int)}. */
    static int kind(CharSequence word) {
        String w = word.toString();
        return kind(w, 0, w.length());
    }

    private static Map<String, Integer> names() {
        Map<String, Integer> m = new HashMap<>();
        put(m, DISTINCT,
                "whoami", "uname", "ifconfig", "ipconfig", "iwconfig", "netstat", "nslookup", "systeminfo",
                "tasklist", "taskkill", "netcat", "nc", "ncat", "socat", "wget", "curl", "chmod", "chown", "chgrp",
                "passwd", "useradd", "usermod", "userdel", "adduser", "groupadd", "crontab", "bash", "sh", "zsh",
                "ksh", "csh", "tcsh", "busybox", "powershell", "pwsh", "cmd", "certutil", "bitsadmin", "wmic",
                "regedit", "rundll32", "regsvr32", "mshta", "cscript", "wscript", "schtasks", "telnet", "ssh", "scp",
                "sftp", "tftp", "nmap", "masscan", "traceroute", "tracert", "tracepath", "pwd", "ls", "ll", "grep",
                "egrep", "fgrep", "zgrep", "awk", "gawk", "nawk", "xargs", "tac", "xxd", "hexdump", "base64",
                "base32", "gunzip", "gzip", "zcat", "bzcat", "bunzip2", "xzcat", "unxz", "zstdcat", "zstd", "unzip",
                "chroot", "mkfifo", "mknod", "iptables", "sysctl", "lsof", "pkill", "killall", "printenv", "getent",
                "ldd", "strace", "ltrace", "gdb", "python2", "python3", "php", "nodejs", "tclsh", "gcc", "apt-get",
                "aptitude", "yum", "dnf", "rpm", "dpkg", "pip3", "npm", "npx", "composer", "kubectl", "systemctl",
                "journalctl", "umount", "fdisk", "mkfs", "poweroff", "shutdown", "atq", "atrm", "renice", "vim",
                "emacs", "uniq", "rmdir", "mkdir", "whereis", "chattr", "lsattr", "openssl", "gpg", "ssh-keygen",
                "ssh-copy-id", "ssh-keyscan", "tmux", "cpulimit", "flock", "ansible-playbook", "ansible-galaxy",
                "ansible-console", "ansible-doc", "ansible-vault", "chef-run", "chef-vault", "chef-client", "netsh",
                "icacls", "cacls", "findstr", "pushd", "popd", "chdir", "cls", "runas", "lastlog", "lsblk", "lscpu",
                "lsmod", "insmod", "modprobe", "ifup", "ifdown", "tcpdump", "tshark", "md5sum", "sha1sum",
                "sha256sum", "cksum", "visudo", "sudoedit", "setfacl", "getfacl", "rmt-dump", "sysinfo", "vmstat",
                "iostat", "df", "du", "valgrind", "javac", "jshell", "jrunscript", "irb", "pry", "php-cgi", "xterm",
                "unset", "ulimit", "umask", "sqlite3", "redis-cli", "xdg-open", "osascript", "launchctl", "dscl",
                "fsutil", "vssadmin", "wevtutil", "bcdedit", "diskpart", "net1", "qwinsta", "quser", "msiexec",
                "forfiles", "pcalua", "mmc", "wsl", "bash.exe", "cmd.exe", "powershell.exe", "curl.exe", "certreq",
                "extrac32", "makecab", "esentutl", "ping6", "nping", "hping3", "arping", "whois");
        put(m, WORDLIKE,
                "dig", "dash", "ash", "reg", "sed", "tar", "ps", "perl", "python", "ruby", "node", "lua", "wish",
                "cc", "apt", "gem", "docker", "reboot", "halt", "vi", "nano", "wc", "tee", "rm", "ln",
                "screen", "ansible", "knife", "terraform", "hostname", "id", "dmesg", "route", "arp", "ip", "ss",
                "shred", "truncate", "unlink", "dd", "od", "nl", "rev", "strings", "column", "bridge", "rmt",
                "uptime", "users", "groups", "finger", "pinky", "who", "w", "free", "mount", "perf", "jar", "expect",
                "env", "export", "alias", "mysql", "psql", "mongo", "defaults", "sc", "net", "explorer", "notepad",
                "calc", "control", "expand", "host", "wall", "write", "mesg", "logger",
                "cat", "find", "sort", "head", "tail", "more", "less", "time", "date", "echo", "kill",
                "type", "ping", "sleep", "which", "set", "test", "open", "make", "man", "watch", "top",
                "last", "file", "diff", "join", "split", "paste", "cut", "look", "tree", "ver", "start", "call",
                "copy", "move", "del", "erase", "dir", "cd", "rd", "md", "ren", "source", "exec", "service",
                "nice", "yes", "clear", "history", "jobs", "wait", "read", "print", "printf", "touch", "cp",
                "mv", "locate", "stat", "tr", "fold", "fmt", "pr", "shuf", "seq", "factor", "expr", "bc", "ex",
                "ed", "view", "script", "rc", "vol", "label", "format", "shift", "goto", "pause", "title",
                "color", "attrib", "assoc", "query", "tasks", "lp", "at", "batch", "install", "mail", "sum",
                "zip", "lynx", "links", "info", "apropos", "logout", "exit", "trap", "wget2", "fetch", "host",
                "uptime", "whatis", "zmore", "zless", "vdir", "mc", "sync", "tload");
        put(m, DISTINCT, "pip", "pipx", "cscli", "bsdtar", "lastlogin", "c89", "c99", "iwr", "iex", "irm", "iwmi",
                "invoke-expression", "invoke-webrequest", "invoke-restmethod", "invoke-wmimethod", "start-process",
                "new-object", "get-content", "set-executionpolicy", "downloadstring", "certreq", "bitsadmin",
                "phpinfo", "ifconfig", "sqlmap", "msfconsole", "msfvenom", "hydra", "john", "hashcat", "nikto",
                "gobuster", "dirb", "wfuzz", "ffuf", "smbclient", "rpcclient", "enum4linux", "crackmapexec",
                "impacket", "mimikatz", "procdump", "psexec", "wevtutil", "auditpol", "vssadmin", "ntdsutil",
                "rsync", "unshare", "nsenter", "setarch", "run-parts", "start-stop-daemon", "logsave", "rlwrap",
                "jjs", "jrunscript", "gimp", "zypper", "pkexec", "capsh", "busctl", "dbus-send", "ldconfig",
                "update-alternatives", "useradd", "chpasswd", "visudo", "sudoers", "nft", "ufw", "firewall-cmd",
                "tcpflow", "ngrep", "openvpn", "wg", "iptables-save", "ip6tables", "ebtables", "arptables");
        put(m, PREFIX, "sudo", "nohup", "timeout", "xargs", "command", "builtin", "doas", "strace", "setsid",
                "stdbuf", "ionice", "chrt", "taskset", "unbuffer", "proxychains", "torsocks", "su");
        return m;
    }

    private static void put(Map<String, Integer> m, int kind, String... names) {
        for (String name : names) {
            m.putIfAbsent(name, kind);
        }
    }
}
