package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.n;
import static io.readpulse.store.dynamodb.Attributes.number;
import static io.readpulse.store.dynamodb.Attributes.s;
import static io.readpulse.store.dynamodb.Attributes.string;

import io.readpulse.model.BoxEvent;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the Trending box said, in a raw event: short names, zeros and absent values left out, as the rest of the raw event. */
final class BoxEventCodec {
    /** The list shown, {@code mode-window}. */
    static final String LIST = "bl";
    static final String SECTION = "bs";
    /** True when the list was an experiment's arm (an arm is its list). */
    static final String ARM = "ba";
    static final String ITEMS = "bi";
    static final String POSITION = "bp";
    static final String TARGET = "bt";
    /** True on a view or ping of a page view opened from the box. */
    static final String VIA_BOX = "vb";

    private BoxEventCodec() {
    }

    static void put(Map<String, AttributeValue> item, BoxEvent box) {
        if (box == null) {
            return;
        }
        if (box.viaBox()) {
            item.put(VIA_BOX, AttributeValue.fromBool(true));
            return;
        }
        item.put(LIST, s(box.list()));
        if (box.section() != null) {
            item.put(SECTION, s(box.section()));
        }
        if (box.arm() != null) {
            item.put(ARM, AttributeValue.fromBool(true));
        }
        if (box.items() > 0) {
            item.put(ITEMS, n(box.items()));
        }
        if (box.position() > 0) {
            item.put(POSITION, n(box.position()));
        }
        if (box.target() != null) {
            item.put(TARGET, s(box.target()));
        }
    }

    static BoxEvent read(Map<String, AttributeValue> item) {
        String list = string(item, LIST);
        if (list == null) {
            AttributeValue via = item.get(VIA_BOX);
            return via != null && Boolean.TRUE.equals(via.bool()) ? BoxEvent.VIA_BOX : null;
        }
        int dash = list.indexOf('-');
        AttributeValue arm = item.get(ARM);
        return new BoxEvent(list.substring(0, dash), list.substring(dash + 1), string(item, SECTION),
                arm != null && Boolean.TRUE.equals(arm.bool()) ? list : null,
                (int) number(item, ITEMS), (int) number(item, POSITION), string(item, TARGET));
    }
}
