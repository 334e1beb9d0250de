package io.readpulse.store;

import io.readpulse.model.ArticleRecord;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Articles as their publisher's pages (or the publisher) describe them: what public lists show. */
public interface ArticleStore {

    /** The records of these articles that exist; absent ids have none. */
    Map<String, ArticleRecord> findAll(String site, Collection<String> articleIds);

    default Optional<ArticleRecord> find(String site, String articleId) {
        return Optional.ofNullable(findAll(site, java.util.List.of(articleId)).get(articleId));
    }

    void save(ArticleRecord record);
}
