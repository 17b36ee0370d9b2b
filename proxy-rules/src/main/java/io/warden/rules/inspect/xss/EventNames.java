package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.WordTable;

import java.util.HashMap;
import java.util.Map;

/** DOM event names (without the {@code on}), for handler attributes found outside a tag. */
final class EventNames {

    private static final WordTable NAMES = WordTable.of(names());

    private EventNames() {
    }

    /** Whether {@code s[from, to)} is {@code on} + a known event name, any case. */
    static boolean isHandler(String s, int from, int to) {
        return to - from > 2 && (s.charAt(from) | 0x20) == 'o' && (s.charAt(from + 1) | 0x20) == 'n'
                && NAMES.lookup(s, from + 2, to) != 0;
    }

    private static Map<String, Integer> names() {
        Map<String, Integer> m = new HashMap<>();
        for (String e : new String[] {"load", "error", "click", "dblclick", "mouseover", "mouseout", "mouseenter",
            "mouseleave", "mousemove", "mousedown", "mouseup", "focus", "focusin", "focusout", "blur", "change",
            "submit", "reset", "keydown", "keyup", "keypress", "input", "scroll", "resize", "select", "toggle",
            "animationstart", "animationend", "animationiteration", "transitionend", "transitionrun",
            "transitionstart", "pageshow", "pagehide", "popstate", "hashchange", "message", "beforeunload",
            "unload", "readystatechange", "begin", "end", "repeat", "wheel", "mousewheel", "drag", "dragstart",
            "dragend", "dragenter", "dragleave", "dragover", "drop", "copy", "cut", "paste", "search", "show",
            "auxclick", "contextmenu", "pointerdown", "pointerup", "pointerover", "pointerenter", "pointerleave",
            "pointermove", "pointerout", "pointerrawupdate", "touchstart", "touchend", "touchmove", "play",
            "playing", "pause", "ended", "canplay", "canplaythrough", "loadstart", "loadeddata",
            "loadedmetadata", "progress", "timeupdate", "volumechange", "abort", "afterprint", "beforeprint",
            "invalid", "storage", "online", "offline", "activate", "beforeactivate", "deactivate",
            "beforescriptexecute", "afterscriptexecute", "securitypolicyviolation", "start", "finish",
            "bounce", "filterchange", "propertychange", "beforecopy", "beforecut", "beforepaste",
            "webkitanimationstart", "webkittransitionend", "formdata", "slotchange", "cuechange",
            "durationchange", "emptied", "ratechange", "seeked", "seeking", "stalled", "suspend", "waiting",
            "selectstart", "selectionchange", "visibilitychange", "fullscreenchange", "close", "cancel"}) {
            m.put(e, 1);
        }
        return m;
    }
}
