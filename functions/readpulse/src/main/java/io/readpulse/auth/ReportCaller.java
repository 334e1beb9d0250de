package io.readpulse.auth;

/**
 * Who a reports request was let in as: an editor's API key, or a share link. Both only read reports,
 * of one site; logs name the id, never the key or token.
 *
 * @param id the key id or the link id
 */
public record ReportCaller(String site, String id, Kind kind) {
    public enum Kind { API_KEY, SHARE_LINK }
}
