package io.readpulse.config;

import java.time.Duration;
import java.util.Map;

/**
 * The environment variables a function reads, all set by template.yaml. Handlers take one of
 * these so the local runner and tests can pass the template's values without touching the process
 * environment.
 */
public record Environment(Map<String, String> variables) {
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String RAW_EVENT_RETENTION_DAYS = "RAW_EVENT_RETENTION_DAYS";
    public static final String COUNTER_RETENTION_DAYS = "COUNTER_RETENTION_DAYS";
    /** Comma-separated origins whose pages may call the reports API (the dashboard's host), or "*". */
    public static final String REPORTS_ALLOWED_ORIGINS = "REPORTS_ALLOWED_ORIGINS";
    /** Trending: articles published longer ago than this leave the {@code top} lists. */
    public static final String TRENDING_TOP_MAX_AGE_HOURS = "TRENDING_TOP_MAX_AGE_HOURS";
    /** Trending: the {@code fresh} lists hold only articles published within this many hours. */
    public static final String TRENDING_FRESH_MAX_AGE_HOURS = "TRENDING_FRESH_MAX_AGE_HOURS";
    /**
     * Trending: whether article pages may be read from loopback addresses (any port). "false" in the
     * template; only the local runner sets "true", to read its own demo pages.
     */
    public static final String ARTICLE_PAGES_ON_LOOPBACK = "ARTICLE_PAGES_ON_LOOPBACK";
    /**
     * Alerts: whether receivers may be on loopback addresses (http://localhost). "false" in the
     * template; only the local runner sets "true", for receivers on the developer's machine.
     */
    public static final String ALERT_RECEIVERS_ON_LOOPBACK = "ALERT_RECEIVERS_ON_LOOPBACK";
    /**
     * Collect: the value of the X-Readpulse-Edge header that the CloudFront distribution adds to the
     * requests it forwards; only with it is CloudFront-Viewer-Address taken as the reader's address.
     */
    public static final String EDGE_ORIGIN_SECRET = "EDGE_ORIGIN_SECRET";
    /** Alerts: the SMTP server for e-mail (SES's SMTP endpoint in production); none, no e-mail. */
    public static final String SMTP_HOST = "SMTP_HOST";
    /** Alerts: its port, 587 (STARTTLS) unless set. */
    public static final String SMTP_PORT = "SMTP_PORT";
    /** Alerts: the sender's address (an SES verified identity in production). */
    public static final String SMTP_FROM = "SMTP_FROM";
    /**
     * Alerts: the Secrets Manager secret (its ARN) holding {@code {"username": ..., "password": ...}}
     * for SMTP AUTH, read once at cold start; none, no AUTH (a local server).
     */
    public static final String SMTP_SECRET_ID = "SMTP_SECRET_ID";
    /** Read by the SDK itself as well; the local runner and tests point it at Dynoxide or LocalStack. */
    public static final String DYNAMODB_ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public String required(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; template.yaml sets it");
        }
        return value;
    }

    public String optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(optional(name));
    }

    public Duration days(String name, int defaultDays) {
        String value = optional(name);
        return Duration.ofDays(value == null ? defaultDays : Integer.parseInt(value.trim()));
    }

    public Duration hours(String name, int defaultHours) {
        String value = optional(name);
        return Duration.ofHours(value == null ? defaultHours : Integer.parseInt(value.trim()));
    }
}
