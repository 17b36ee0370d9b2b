package io.warden.rules.auth.password;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The users of the built-in token service: lines {@code username:$2b$12$...} as
 * {@code warden hash-password} prints them; blank lines and {@code #} comments are ignored. Core
 * reads the file ({@code auth.tokenService.usersFile}) and hands the text to {@link #parse}.
 * Immutable.
 */
public final class UsersFile {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private final Map<String, String> hashes;
    private final int maxCost;

    private UsersFile(Map<String, String> hashes, int maxCost) {
        this.hashes = Map.copyOf(hashes);
        this.maxCost = maxCost;
    }

    /** @throws IllegalArgumentException listing every bad line by number (never a hash) */
    public static UsersFile parse(String text) {
        Map<String, String> hashes = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int maxCost = BcryptPasswordHasher.MIN_COST;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon < 0) {
                problems.add(where + "expected username:bcrypt-hash");
                continue;
            }
            String username = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            Matcher bcrypt = BCRYPT.matcher(hash);
            if (!isValidUsername(username)) {
                problems.add(where + "a username is 1 to 64 of A-Z a-z 0-9 . _ @ + -");
            } else if (!bcrypt.matches()) {
                problems.add(where + "the hash of " + username + " is not a bcrypt hash ($2b$12$...)");
            } else if (Integer.parseInt(bcrypt.group(1)) < BcryptPasswordHasher.MIN_COST
                    || Integer.parseInt(bcrypt.group(1)) > BcryptPasswordHasher.MAX_COST) {
                problems.add(where + "the hash of " + username + " has cost " + bcrypt.group(1) + "; "
                        + BcryptPasswordHasher.MIN_COST + " to " + BcryptPasswordHasher.MAX_COST + " accepted");
            } else if (hashes.putIfAbsent(username, hash) != null) {
                problems.add(where + username + " appears twice");
            } else {
                maxCost = Math.max(maxCost, Integer.parseInt(bcrypt.group(1)));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new UsersFile(hashes, maxCost);
    }

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /** The user's bcrypt hash, or null when there is no such user. */
    public String hashOf(String username) {
        return username == null ? null : hashes.get(username);
    }

    /** The highest bcrypt cost in the file: the dummy hash for unknown users must cost as much. */
    public int maxCost() {
        return maxCost;
    }

    public int size() {
        return hashes.size();
    }
}
