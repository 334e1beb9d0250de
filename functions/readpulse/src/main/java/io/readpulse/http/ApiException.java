package io.readpulse.http;

import io.readpulse.model.Refusal;

/**
 * A request that cannot be served, as a value a client can act on: an HTTP status, a stable
 * machine-readable code, the offending field when there is one, and a human message.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException badRequest(String code, String field, String message) {
        return new ApiException(400, code, field, message);
    }

    /** The domain's refusal as HTTP says it: each kind has its status. */
    public static ApiException of(Refusal refusal) {
        int status = switch (refusal.kind()) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case NOT_ALLOWED -> 403;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_CONTENT -> 415;
        };
        return new ApiException(status, refusal.code(), refusal.field(), refusal.getMessage());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
