package io.readpulse.collect;

import java.util.Locale;
import java.util.regex.Pattern;

/** The shapes of the identifiers that end up inside DynamoDB keys, URLs and CSV files. */
public final class Identifiers {
    private static final Pattern SITE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern ARTICLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,127}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern SECTION_SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private Identifiers() {
    }

    public static boolean isSiteId(String value) {
        return value != null && SITE_ID.matcher(value).matches();
    }

    /** A client's event id: URL-safe, long enough to be random (t.js sends 22 characters of base64url). */
    public static boolean isEventId(String value) {
        return value != null && EVENT_ID.matcher(value).matches();
    }

    public static boolean isArticleId(String value) {
        return value != null && ARTICLE_ID.matcher(value).matches();
    }

    /** What {@link #sectionSlug} makes: lower-case letters and digits in words joined by single dashes. */
    public static boolean isSectionSlug(String value) {
        return isNameSlug(value, Limits.MAX_SECTION_LENGTH);
    }

    /** "Geopolitics &amp; Foreign Policy" becomes "geopolitics-foreign-policy": the key a widget filters by. */
    public static String sectionSlug(String sectionName) {
        String slug = nameSlug(sectionName);
        return slug == null ? "general" : slug;
    }

    /** An author's or tag's slug, made as {@link #sectionSlug} makes a section's, of at most {@code maxLength} characters. */
    public static boolean isNameSlug(String value, int maxLength) {
        return value != null && value.length() <= maxLength && SECTION_SLUG.matcher(value).matches();
    }

    /**
     * "Jane O'Neil" becomes "jane-o-neil", as {@link #sectionSlug} makes sections' slugs; a name with no
     * letter or digit in a-z and 0-9 has no slug (null), where a section falls back to "general".
     */
    public static String nameSlug(String name) {
        String slug = NOT_SLUG.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = slug.replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? null : slug;
    }
}
