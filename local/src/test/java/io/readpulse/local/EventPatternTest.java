package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventPatternTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The aggregator's FilterCriteria in template.yaml. */
    static final String RAW_EVENT_INSERTS = "{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"EV#\"}]}}}}";

    @Test
    void theAggregatorsFilterPassesOnlyInsertsOfRawEvents() throws Exception {
        assertTrue(matches(RAW_EVENT_INSERTS, record("INSERT", "EV#demo#2026112908#03")));
        assertFalse(matches(RAW_EVENT_INSERTS, record("REMOVE", "EV#demo#2026112908#03")), "a TTL deletion");
        assertFalse(matches(RAW_EVENT_INSERTS, record("INSERT", "AD#demo#2026-11-29#1")), "the aggregator's own write");
        assertFalse(matches(RAW_EVENT_INSERTS, "{\"eventName\":\"INSERT\"}"), "no keys at all");
    }

    @Test
    void operatorsBehaveAsEventBridgeDefinesThem() throws Exception {
        assertTrue(matches("{\"a\":[{\"exists\":false}]}", "{\"b\":1}"));
        assertFalse(matches("{\"a\":[{\"exists\":true}]}", "{\"b\":1}"));
        assertTrue(matches("{\"a\":[{\"anything-but\":[\"x\",\"y\"]}]}", "{\"a\":\"z\"}"));
        assertFalse(matches("{\"a\":[{\"anything-but\":\"x\"}]}", "{\"a\":\"x\"}"));
        assertTrue(matches("{\"a\":[{\"suffix\":\".csv\"}]}", "{\"a\":\"r.csv\"}"));
        assertTrue(matches("{\"n\":[1, 2]}", "{\"n\":2}"));
        assertFalse(matches("{\"a\":[{\"numeric\":[\">\",1]}]}", "{\"a\":5}"), "an unknown operator matches nothing rather than everything");
    }

    private static boolean matches(String pattern, String event) throws Exception {
        return EventPattern.matches(MAPPER.readTree(pattern), MAPPER.readTree(event));
    }

    private static String record(String eventName, String pk) {
        return "{\"eventName\":\"" + eventName + "\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"S\":\"x\"}}}}";
    }
}
