package io.readpulse.aggregate;

import java.time.LocalDate;

/**
 * Which counter item a delta belongs to: one article on one UTC day, or a whole site (scope
 * {@link #SITE_TOTAL}), one section of it (scope {@code "sec:<slug>"}) or one kind of its
 * campaigns, devices or countries (scope {@code "dim:<kind>"}, see {@link DimensionKind}) on one UTC day.
 */
public record CounterKey(Kind kind, String site, LocalDate day, String scope) {
    public static final String SITE_TOTAL = "*";
    public static final String SECTION_PREFIX = "sec:";

    public enum Kind { ARTICLE_DAY, SITE_DAY }

    public static CounterKey article(String site, LocalDate day, String articleId) {
        return new CounterKey(Kind.ARTICLE_DAY, site, day, articleId);
    }

    public static CounterKey siteTotal(String site, LocalDate day) {
        return new CounterKey(Kind.SITE_DAY, site, day, SITE_TOTAL);
    }

    public static CounterKey section(String site, LocalDate day, String sectionSlug) {
        return new CounterKey(Kind.SITE_DAY, site, day, SECTION_PREFIX + sectionSlug);
    }

    public static CounterKey dimension(String site, LocalDate day, DimensionKind kind) {
        return new CounterKey(Kind.SITE_DAY, site, day, kind.scope());
    }

    /** A section's item: neither the site's own nor a dimension's. */
    public boolean isSection() {
        return kind == Kind.SITE_DAY && scope.startsWith(SECTION_PREFIX);
    }

    /** HyperLogLog precision: article sketches stay small, site and section ones are more exact. */
    public int sketchPrecision() {
        if (kind == Kind.ARTICLE_DAY) {
            return 10;
        }
        return SITE_TOTAL.equals(scope) ? 12 : 11;
    }

    /** How many referring hosts the item keeps by name; the rest are summed under "~other". */
    public int referrerHostCap() {
        return kind == Kind.ARTICLE_DAY ? 20 : 100;
    }

    public CounterKey nextDay() {
        return new CounterKey(kind, site, day.plusDays(1), scope);
    }

    public CounterKey previousDay() {
        return new CounterKey(kind, site, day.minusDays(1), scope);
    }
}
