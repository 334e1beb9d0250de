package io.readpulse.reports;

import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An article's authors and tags as the reports group and filter by them, and the groups themselves.
 * Pure: the reads are {@link ReportService}'s.
 *
 * <p>Names come from the article's description (its own page, or what the publisher set) where that
 * names any, else from the latest claim the browsers sent with a view; each list is taken whole from
 * one source. Authors and tags are article metadata: grouping by them adds nothing to what an event
 * costs to count.
 */
final class ArticleNames {

    /** The names of one article, and whether they came from a browser's claim rather than a description. */
    record Named(List<String> authors, boolean authorsClaimed, List<String> tags, boolean tagsClaimed) {
        static final Named NONE = new Named(List.of(), false, List.of(), false);

        List<String> names(Grouping by) {
            return by == Grouping.AUTHOR ? authors : tags;
        }

        boolean claimed(Grouping by) {
            return by == Grouping.AUTHOR ? authorsClaimed : tagsClaimed;
        }
    }

    enum Grouping { AUTHOR, TAG }

    /** A group's sums: the counts of its articles added, and how many articles were named by claims. */
    record Group(String name, Totals totals, int articles, int namedByClaims) {
    }

    private ArticleNames() {
    }

    static Named of(ArticleRecord description, ArticleMeta claim) {
        ArticleMeta described = description != null && description.known() ? description.meta() : null;
        List<String> claimedAuthors = claim == null ? List.of() : distinct(claim.authors());
        List<String> claimedTags = claim == null ? List.of() : distinct(claim.tags());
        boolean describedAuthors = described != null && !described.authors().isEmpty();
        boolean describedTags = described != null && !described.tags().isEmpty();
        return new Named(describedAuthors ? distinct(described.authors()) : claimedAuthors, !describedAuthors && !claimedAuthors.isEmpty(),
                describedTags ? distinct(described.tags()) : claimedTags, !describedTags && !claimedTags.isEmpty());
    }

    /** Whether an article passes the {@code author=} and {@code tag=} filters (null filters pass all). */
    static boolean matches(Named named, String author, String tag) {
        return (author == null || named.authors().contains(author)) && (tag == null || named.tags().contains(tag));
    }

    /**
     * Sums each article's totals into the group of each of its names; an article with two authors
     * counts in full under both. Groups come most viewed first, then by name.
     */
    static List<Group> group(Map<String, Totals> perArticle, Function<String, Named> namesOf, Grouping by) {
        Map<String, Totals> sums = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        perArticle.forEach((id, totals) -> {
            Named named = namesOf.apply(id);
            for (String name : named.names(by)) {
                sums.computeIfAbsent(name, n -> new Totals()).add(totals);
                int[] articleCounts = counts.computeIfAbsent(name, n -> new int[2]);
                articleCounts[0]++;
                articleCounts[1] += named.claimed(by) ? 1 : 0;
            }
        });
        List<Group> groups = new ArrayList<>();
        sums.forEach((name, totals) -> groups.add(new Group(name, totals, counts.get(name)[0], counts.get(name)[1])));
        groups.sort(Comparator.comparingLong((Group group) -> group.totals().views()).reversed().thenComparing(Group::name));
        return groups;
    }

    private static List<String> distinct(List<String> names) {
        return List.copyOf(new LinkedHashSet<>(names));
    }
}
