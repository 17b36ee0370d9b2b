package io.warden.rules.auth.password;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileTest {

    static final String HASH_12 = "$2b$12$" + "a".repeat(22) + "B".repeat(31);
    static final String HASH_13 = "$2y$13$" + "c".repeat(22) + "D".repeat(31);

    @Test
    void readsUsersSkippingCommentsAndBlankLines() {
        UsersFile users = UsersFile.parse("# agents\n\nalice:" + HASH_12 + "\r\nbob@example.com:" + HASH_13 + "\n");

        assertThat(users.size()).isEqualTo(2);
        assertThat(users.hashOf("alice")).isEqualTo(HASH_12);
        assertThat(users.hashOf("carol")).isNull();
        assertThat(users.maxCost()).as("the dummy hash must be as slow as the slowest user").isEqualTo(13);
    }

    @Test
    void listsEveryBadLineByNumberWithoutEchoingHashes() {
        String weak = "$2b$10$" + "e".repeat(22) + "F".repeat(31);
        String text = "alice:" + HASH_12 + "\nbob:" + weak + "\nno colon\nalice:" + HASH_13 + "\nbad user:" + HASH_12
                + "\ncarol:plaintext-password\n";

        assertThatThrownBy(() -> UsersFile.parse(text))
                .hasMessageContaining("line 2: the hash of bob has cost 10")
                .hasMessageContaining("line 3: expected username:bcrypt-hash")
                .hasMessageContaining("line 4: alice appears twice")
                .hasMessageContaining("line 5: a username is")
                .hasMessageContaining("line 6: the hash of carol is not a bcrypt hash")
                .message().doesNotContain(weak, "plaintext-password");
    }
}
