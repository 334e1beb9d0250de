package io.readpulse.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.readpulse.model.ReferrerClass;
import io.readpulse.model.Site;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferrerClassifierTest {
    private final ReferrerClassifier classifier = new ReferrerClassifier();
    private final Site site = new Site("demo-news", "Demo", List.of("news.example"), new byte[32]);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "https://www.google.com/, search",
            "https://www.google.co.uk/search?q=x, search",
            "https://google.com.br/, search",
            "https://www.google.de/, search",
            "https://news.google.com/articles/x, search",
            "https://www.bing.com/search?q=x, search",
            "https://duckduckgo.com/, search",
            "https://search.yahoo.com/, search",
            "https://yandex.ru/, search",
            "https://m.facebook.com/, social",
            "https://l.facebook.com/l.php?u=x, social",
            "https://t.co/abc, social",
            "https://www.reddit.com/r/news, social",
            "https://old.reddit.com/, social",
            "https://news.ycombinator.com/item?id=1, social",
            "https://www.pinterest.co.uk/, social",
            "https://mastodon.social/@x, social",
            "https://www.news.example/other, internal",
            "https://live.news.example/, internal",
            // Look-alikes: a service's name as a label of someone else's domain is not that service.
            "https://google.attacker.example/, other",
            "https://www.google.attacker.example/, other",
            "https://google.com.attacker.example/, other",
            "https://notgoogle.com/, other",
            "https://google-search.example/, other",
            "https://bing.com.evil.test/, other",
            "https://facebook.com.phish.example/, other",
            "https://myreddit.com/, other",
            "https://t.co.evil.test/, other",
            "https://mastodon.evil.example/, other",
            "https://pinterest.attacker.example/, other",
            "https://news.example.evil.test/, other",
            "https://blog.example.org/post, other"
    })
    void classifiesByRegistrableDomainNotByPrefix(String referrer, String expected) {
        ReferrerClass result = classifier.classify(classifier.hostOf(referrer), site);
        assertEquals(expected, result.wireName(), referrer);
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL", "''", "javascript:alert(1)", "not a url", "ftp://files.example/"}, nullValues = "NULL")
    void anUnusableReferrerIsDirect(String referrer) {
        assertEquals(ReferrerClass.DIRECT, classifier.classify(classifier.hostOf(referrer), site));
    }
}
