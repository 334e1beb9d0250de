package io.readpulse.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert, before it is rendered for a destination. Every text here is plain text: renderers
 * escape all of it ({@link SlackText}, JSON), whatever its source, so a title or a referring host
 * that came from a browser cannot become markup, a link or a mention.
 *
 * @param key what the alert is about, for deduplication: e.g. {@code rising#24h#article-id}
 * @param idempotencyKey the same for every attempt at this alert, different for every other alert
 * @param link the article's URL as its trusted description gives it, or null
 * @param facts labelled lines, in order
 * @param data the same facts as numbers and ids, for webhook receivers
 */
public record Alert(String site, Trigger trigger, String key, String idempotencyKey, Instant at, String headline,
                    String summary, String link, List<Fact> facts, Map<String, Object> data) {

    public record Fact(String label, String value) {
    }

    public Alert {
        facts = List.copyOf(facts);
        data = Map.copyOf(data);
    }
}
