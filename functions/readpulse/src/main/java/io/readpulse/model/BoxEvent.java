package io.readpulse.model;

import java.util.List;

/**
 * What the Trending box says of itself (an impression or a click), or, on a view or an engagement
 * ping, only that the page view was opened from the box ({@link #VIA_BOX}). Every value is the
 * page's claim, checked for its shape by collect.
 *
 * @param mode the list's mode, one of {@link #MODES}; null for {@link #VIA_BOX}
 * @param window the list's window, one of {@link #WINDOWS}; null for {@link #VIA_BOX}
 * @param section the list's section slug, or null for the whole site
 * @param arm in an experiment, the arm shown ({@code mode-window}, the list's own); else null
 * @param items for an impression, how many entries the box showed (1-50); else 0
 * @param position for a click, the entry's place in the box (1-50); else 0
 * @param target for a click, the article clicked, or null when the page did not name a valid one
 */
public record BoxEvent(String mode, String window, String section, String arm, int items, int position, String target) {
    /** The trending API's modes and windows: what a list, and an arm, can be. */
    public static final List<String> MODES = List.of("top", "rising", "fresh");
    public static final List<String> WINDOWS = List.of("1h", "24h", "7d");
    public static final int MAX_ITEMS = 50;

    public static final BoxEvent VIA_BOX = new BoxEvent(null, null, null, null, 0, 0, null);

    public boolean viaBox() {
        return mode == null;
    }

    /** The list as an arm names it: {@code mode-window}. */
    public String list() {
        return mode + '-' + window;
    }

    /** True for {@code mode-window} of a mode and window of the trending API. */
    public static boolean isArm(String value) {
        int dash = value == null ? -1 : value.indexOf('-');
        return dash > 0 && MODES.contains(value.substring(0, dash)) && WINDOWS.contains(value.substring(dash + 1));
    }
}
