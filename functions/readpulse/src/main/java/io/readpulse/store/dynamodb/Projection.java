package io.readpulse.store.dynamodb;

import java.util.HashMap;
import java.util.Map;

/**
 * The attributes a read asks for, as a ProjectionExpression with every name behind a placeholder
 * (short attribute names are easily reserved words). Fewer bytes cross the wire and get parsed;
 * the read costs the same capacity, which DynamoDB charges on the whole item.
 */
record Projection(String expression, Map<String, String> names) {

    static Projection of(String... attributes) {
        Map<String, String> names = new HashMap<>();
        StringBuilder expression = new StringBuilder();
        for (int i = 0; i < attributes.length; i++) {
            String placeholder = "#p" + i;
            names.put(placeholder, attributes[i]);
            expression.append(i == 0 ? "" : ", ").append(placeholder);
        }
        return new Projection(expression.toString(), Map.copyOf(names));
    }
}
