package io.readpulse.model;

/**
 * A request the domain will not serve, in the domain's own terms: what kind of refusal it is, a
 * stable machine-readable code, the field at fault when there is one, and a message a client can
 * act on. The HTTP layer turns each kind into its status; the domain knows nothing of HTTP.
 */
public final class Refusal extends RuntimeException {

    public enum Kind {
        /** The input is malformed or out of range. */
        INVALID,
        /** What the request names (a site, an article, a report) does not exist. */
        NOT_FOUND,
        /** The input is larger than accepted. */
        TOO_LARGE,
        /** The input is in a form the domain does not read. */
        UNSUPPORTED_CONTENT,
        /** The caller is known but may not do this (a page of another site, a key of another site). */
        NOT_ALLOWED,
        /** The caller is not known: no credentials, or wrong ones. */
        UNAUTHENTICATED
    }

    private final Kind kind;
    private final String code;
    private final String field;

    public Refusal(Kind kind, String code, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public static Refusal invalid(String code, String field, String message) {
        return new Refusal(Kind.INVALID, code, field, message);
    }

    public static Refusal notFound(String code, String field, String message) {
        return new Refusal(Kind.NOT_FOUND, code, field, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }
}
