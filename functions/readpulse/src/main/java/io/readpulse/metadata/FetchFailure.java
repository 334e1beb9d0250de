package io.readpulse.metadata;

/**
 * An expected failure deep inside a fetch, carried up to {@link PageFetcher#fetch} where it becomes
 * a {@link FetchOutcome.Failed}; it never leaves the package.
 */
final class FetchFailure extends Exception {
    private final String code;

    FetchFailure(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
