package io.warden.core.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.ratelimit.block.BlockSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The block list on disk ({@code <dataDir>/blocks.json}), so blocks survive a restart. Written
 * whole to a temporary file, synced, then renamed over the old one: a crash leaves either the old
 * list or the new one, never half of one.
 */
public final class BlockListStore {

    private static final Logger LOG = LoggerFactory.getLogger(BlockListStore.class);

    private final Path file;
    private final ObjectMapper json;

    public BlockListStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    /** The saved blocks; none when there is no file, and none (with a kept copy) when it is unreadable. */
    public BlockSnapshot load() {
        try {
            return json.readValue(Files.readAllBytes(file), BlockSnapshot.class);
        } catch (NoSuchFileException e) {
            return new BlockSnapshot(BlockSnapshot.CURRENT_VERSION, List.of());
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            LOG.error("block list {} is unreadable ({}); starting without it, kept as {}", file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.error("cannot move {} aside: {}", file, moveFailed.getMessage());
            }
            return new BlockSnapshot(BlockSnapshot.CURRENT_VERSION, List.of());
        }
    }

    public void save(BlockSnapshot snapshot) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = json.writeValueAsBytes(snapshot);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(java.nio.ByteBuffer.wrap(bytes));
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
