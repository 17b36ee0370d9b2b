package io.warden.rules.inspect.eval;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation of one labelled set of lines.
 *
 * @param label the class ({@code sqli}, {@code benign}) or set name
 * @param attack whether the lines are attacks (detection is the goal) or benign (flagging is an error)
 * @param lines how many lines the set has
 * @param flagged how many lines were blocked, per placement
 * @param surprises per placement, the lines that went the wrong way: missed attacks or flagged benign lines
 */
public record ClassResult(String label, boolean attack, int lines, Map<Placement, Integer> flagged,
                          Map<Placement, List<String>> surprises) {

    public ClassResult {
        flagged = Map.copyOf(new EnumMap<>(flagged));
        surprises = Map.copyOf(new EnumMap<>(surprises));
    }

    /** The share of lines blocked at a placement, 0-1. */
    public double rate(Placement placement) {
        return lines == 0 ? 0 : (double) flagged.getOrDefault(placement, 0) / lines;
    }
}
