package io.warden.core.monitor;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.monitor.BlockControl;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.net.IpAddresses;
import io.warden.rules.ratelimit.block.BlockList;
import io.warden.rules.ratelimit.block.BlockRecord;
import io.warden.rules.ratelimit.block.BlockResult;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin API's and threat tracker's blocks, on the data plane's own block list, each one reported. */
public final class BlockListControl implements BlockControl {

    private final BlockList blocks;
    private final EventSink events;
    private final EventFactory factory;

    public BlockListControl(BlockList blocks, EventSink events, EventFactory factory) {
        this.blocks = blocks;
        this.events = events;
        this.factory = factory;
    }

    @Override
    public BlockRecord block(String address, Duration duration, String reason, String actor) {
        BlockRecord record = blocks.block(address, duration, reason);
        report(EventType.IP_BLOCKED, ThreatLevel.HIGH, address, record, actor);
        return record;
    }

    @Override
    public Optional<BlockRecord> unblock(String address, String actor) {
        Optional<BlockRecord> lifted = blocks.unblock(address);
        lifted.ifPresent(r -> report(EventType.IP_UNBLOCKED, ThreatLevel.LOW, address, r, actor));
        return lifted;
    }

    @Override
    public Optional<BlockRecord> blockForThreat(String address, String reason, ThreatLevel level) {
        Optional<ClientAddress> client = IpAddresses.parse(address).map(ClientAddress::of);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        BlockResult result = blocks.blockAutomatically(client.get(), reason, level);
        if (!result.isNew()) {
            return Optional.empty();
        }
        report(EventType.IP_BLOCKED, result.record().level(), address, result.record(), "threat-tracker");
        return Optional.of(result.record());
    }

    @Override
    public List<BlockRecord> active() {
        return blocks.active();
    }

    private void report(EventType type, ThreatLevel level, String address, BlockRecord record, String actor) {
        Map<String, Object> details = new HashMap<>(BlockList.details(record));
        details.put("actor", actor);
        events.emit(factory.create(type, level, address, null, null, details));
    }
}
