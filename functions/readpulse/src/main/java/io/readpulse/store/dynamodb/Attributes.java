package io.readpulse.store.dynamodb;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small builders and readers for attribute values, so mappers read like the item they describe. */
final class Attributes {
    private static final MathContext SCORE_PRECISION = new MathContext(9);

    private Attributes() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** Scores keep nine significant digits; values too small to matter become 0 (DynamoDB's floor is 1e-130). */
    static AttributeValue decimal(double value) {
        if (Math.abs(value) < 1e-12 || !Double.isFinite(value)) {
            return AttributeValue.fromN("0");
        }
        return AttributeValue.fromN(new BigDecimal(value).round(SCORE_PRECISION).toString());
    }

    static AttributeValue b(byte[] value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static double decimal(AttributeValue value) {
        return value == null || value.n() == null ? 0 : Double.parseDouble(value.n());
    }

    static byte[] bytes(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.b() == null ? null : value.b().asByteArray();
    }
}
