package io.warden.core.cli;

import io.warden.rules.auth.password.BcryptPasswordHasher;
import io.warden.rules.auth.password.UsersFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code warden hash-password USERNAME}: prints a users-file line for the built-in token service.
 * The password never comes from the command line, where shell history and the process list
 * would keep it: it is read from the console without echo (typed twice), or, when there is no
 * console, from the first line of standard input. Java only offers a console while neither
 * input nor output is redirected, hence {@code --append FILE} rather than {@code >> FILE}.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Prints a line 'username:bcrypt-hash' for auth.tokenService.usersFile.",
                "The password is read from the console without echo (typed twice) or, with no console,"
                        + " from the first line of standard input; never from the command line."})
public final class HashPasswordCommand implements Callable<Integer> {

    static final int RECOMMENDED_LENGTH = 12;
    private static final int MAX_LINE_CHARS = 1024;

    @Parameters(index = "0", paramLabel = "USERNAME", description = "1 to 64 of A-Z a-z 0-9 . _ @ + -")
    private String username;

    @Option(names = "--cost", defaultValue = "12", paramLabel = "N",
            description = "bcrypt cost, 12 to 20 (default ${DEFAULT-VALUE}); each step doubles the time")
    private int cost;

    @Option(names = "--append", paramLabel = "FILE",
            description = {"append the line to FILE (created readable by its owner only) instead of printing it.",
                    "Redirecting the output instead would hide the console, and the password would be echoed."})
    private Path append;

    private final Console console;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public HashPasswordCommand() {
        this(System.console(), System.in, System.out, System.err);
    }

    HashPasswordCommand(Console console, InputStream in, PrintStream out, PrintStream err) {
        this.console = console;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        if (!UsersFile.isValidUsername(username)) {
            err.println("hash-password: the username must be 1 to 64 of A-Z a-z 0-9 . _ @ + -");
            return 2;
        }
        if (cost < BcryptPasswordHasher.MIN_COST || cost > BcryptPasswordHasher.MAX_COST) {
            err.println("hash-password: --cost must be between " + BcryptPasswordHasher.MIN_COST + " and "
                    + BcryptPasswordHasher.MAX_COST);
            return 2;
        }
        char[] password = console != null ? fromConsole() : fromStdin();
        if (password == null) {
            return 1;
        }
        try {
            String problem = BcryptPasswordHasher.unusable(password);
            if (problem != null) {
                err.println("hash-password: the password " + problem);
                return 1;
            }
            if (password.length < RECOMMENDED_LENGTH) {
                err.println("hash-password: warning: passwords shorter than " + RECOMMENDED_LENGTH
                        + " characters are easy to guess");
            }
            String line = username + ":" + new BcryptPasswordHasher(cost, new SecureRandom()).hash(password);
            if (append == null) {
                out.println(line);
            } else {
                appendLine(line);
                err.println("hash-password: added " + username + " to " + append);
            }
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] fromConsole() {
        char[] first = console.readPassword("Password for %s: ", username);
        if (first == null) {
            err.println("hash-password: no password given");
            return null;
        }
        char[] second = console.readPassword("Repeat the password: ");
        boolean same = second != null && Arrays.equals(first, second);
        if (second != null) {
            Arrays.fill(second, '\0');
        }
        if (!same) {
            Arrays.fill(first, '\0');
            err.println("hash-password: the passwords do not match");
            return null;
        }
        return first;
    }

    private void appendLine(String line) throws IOException {
        if (Files.notExists(append) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(append, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(append, line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The first line of standard input, read into a char array so no String copy of it lingers. */
    private char[] fromStdin() throws IOException {
        err.println("hash-password: no console (input or output redirected); reading the password from the first"
                + " line of standard input. To be prompted without echo, use a terminal and --append FILE.");
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buffer = new char[MAX_LINE_CHARS];
        int length = 0;
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (length == buffer.length) {
                Arrays.fill(buffer, '\0');
                err.println("hash-password: the password line is too long");
                return null;
            }
            buffer[length++] = (char) c;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        char[] password = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        if (password.length == 0) {
            err.println("hash-password: no password given");
            return null;
        }
        return password;
    }
}
