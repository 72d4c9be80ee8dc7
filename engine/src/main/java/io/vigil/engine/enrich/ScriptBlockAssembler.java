package io.vigil.engine.enrich;

import static java.util.Objects.requireNonNull;

import io.vigil.connectors.event.CaseFolding;
import io.vigil.connectors.event.Event;
import io.vigil.connectors.event.EventType;
import io.vigil.connectors.event.Fields;
import io.vigil.engine.alert.EventRef;
import io.vigil.engine.state.BoundedState;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts PowerShell 4104 script blocks logged in several fragments back together. Fragments are
 * grouped by host and ScriptBlockId, ordered by MessageNumber and joined exactly, with nothing
 * added between them. Arrival order does not matter and a repeated fragment is ignored. A block
 * of one fragment passes straight through. A block still incomplete when a bound is reached
 * (parts, size, wait in event time, wall-clock silence, open blocks) is released as it stands and
 * flagged partial.
 */
public final class ScriptBlockAssembler {
    private final StateLimits limits;
    private final InstantSource clock;
    private final BoundedState<Block> open;
    /** Blocks already released, so that late repeats of their fragments are dropped. */
    private final BoundedState<Boolean> released;
    private final List<AssembledBlock> ready = new ArrayList<>();
    private long duplicates;
    private long partialBlocks;

    private static final class Block {
        private final int total;
        private final TreeMap<Integer, Event> parts = new TreeMap<>();
        private long chars;

        Block(int total) {
            this.total = total;
        }
    }

    public ScriptBlockAssembler(StateLimits limits, InstantSource clock) {
        this.limits = requireNonNull(limits, "limits is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.open = new BoundedState<>("scriptblocks.open", limits.maxOpenScriptBlocks(), limits.scriptBlockWait(),
                (key, block, reason) -> release(key, block, true));
        this.released = BoundedState.create("scriptblocks.released", limits.maxOpenScriptBlocks() * 4,
                limits.scriptBlockWait().multipliedBy(2));
    }

    /** True for a 4104 fragment of a block logged in more than one part. */
    public static boolean isFragment(Event event) {
        if (event.type() != EventType.POWERSHELL_4104 || event.get(Fields.SCRIPT_BLOCK_ID) == null) {
            return false;
        }
        return parse(event.get(Fields.MESSAGE_TOTAL)) > 1;
    }

    /** Adds a fragment; returns the blocks that became ready (complete, or partial at a bound). */
    public List<AssembledBlock> add(Event fragment) {
        String host = host(fragment);
        String id = CaseFolding.fold(fragment.get(Fields.SCRIPT_BLOCK_ID).trim());
        int total = parse(fragment.get(Fields.MESSAGE_TOTAL));
        int number = parse(fragment.get(Fields.MESSAGE_NUMBER));
        open.observe(host, fragment.timeCreated());
        released.observe(host, fragment.timeCreated());
        if (released.get(host, id) != null) {
            duplicates++;
            return drainReady();
        }
        Block block = open.get(host, id);
        if (block == null) {
            block = new Block(total);
            Instant deadline = clock.instant().plus(limits.scriptBlockWait());
            open.put(host, id, block, fragment.timeCreated(), deadline);
        }
        if (number < 1 || block.parts.containsKey(number)) {
            duplicates++;
            return drainReady();
        }
        String text = fragment.get(Fields.SCRIPT_BLOCK_TEXT);
        block.parts.put(number, fragment);
        block.chars += text == null ? 0 : text.length();
        boolean complete = block.parts.size() >= block.total;
        boolean bounded = block.parts.size() >= limits.maxScriptBlockParts()
                || block.chars >= limits.maxScriptBlockBytes();
        if (complete || bounded) {
            open.remove(host, id);
            release(new BoundedState.Key(host, id), block, !complete);
        }
        return drainReady();
    }

    /** Releases the blocks whose wait is over (event time per host, or wall-clock silence). */
    public List<AssembledBlock> expire() {
        open.expire(clock.instant());
        released.expire(clock.instant());
        return drainReady();
    }

    /** End of input: releases every incomplete block as partial. */
    public List<AssembledBlock> flush() {
        open.drain(BoundedState.Reason.EXPIRED);
        return drainReady();
    }

    public int openBlocks() {
        return open.size();
    }

    public long duplicates() {
        return duplicates;
    }

    public long partialBlocks() {
        return partialBlocks;
    }

    private void release(BoundedState.Key key, Block block, boolean partial) {
        if (block.parts.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder((int) Math.min(block.chars, Integer.MAX_VALUE - 8));
        List<Integer> numbers = new ArrayList<>();
        List<EventRef> refs = new ArrayList<>();
        for (Map.Entry<Integer, Event> part : block.parts.entrySet()) {
            String t = part.getValue().get(Fields.SCRIPT_BLOCK_TEXT);
            if (t != null) {
                text.append(t);
            }
            numbers.add(part.getKey());
            refs.add(EventRef.of(part.getValue()));
        }
        Event first = block.parts.firstEntry().getValue();
        Event whole = first.with(Fields.SCRIPT_BLOCK_TEXT, text.toString(), false);
        if (partial) {
            partialBlocks++;
        }
        released.put(key.host(), key.id(), Boolean.TRUE, first.timeCreated(), null);
        ready.add(new AssembledBlock(whole, numbers, refs, block.total, partial));
    }

    private List<AssembledBlock> drainReady() {
        if (ready.isEmpty()) {
            return List.of();
        }
        List<AssembledBlock> out = new ArrayList<>(ready);
        ready.clear();
        return out;
    }

    private static String host(Event e) {
        return e.computer() == null ? "" : CaseFolding.fold(e.computer());
    }

    private static int parse(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
