package io.readpulse.metadata;

/**
 * An expected failure deep inside a fetch or a connection ({@link CheckedConnector}), carried up to
 * where it becomes an outcome: a {@link FetchOutcome.Failed}, or a failed alert delivery. Its message
 * names hosts and addresses, never a URL's path or query (where secrets may be).
 */
public final class FetchFailure extends Exception {
    private final String code;

    public FetchFailure(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
