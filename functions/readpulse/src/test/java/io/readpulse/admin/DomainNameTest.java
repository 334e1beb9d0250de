package io.readpulse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.model.Site;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DomainNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                     | needs a host name
            com                    | single label
            uk                     | single label
            co.uk                  | public suffix
            github.io              | public suffix
            herokuapp.com          | public suffix
            https://news.example   | is a URL
            *.news.example         | wildcard
            news.example/path      | path
            news.example:8080      | port
            " news.example "       | spaces
            news example           | spaces
            news..example          | empty label
            .news.example          | empty label
            news.example.          | ends in a dot
            -bad.example           | not a host name label
            bad-.example           | not a host name label
            news_room.example      | not a host name label
            user@news.example      | path or more
            192.0.2.1              | IP address
            10.0.0.1               | IP address
            127.0.0.256            | IP address
            news.123               | digits only
            straße.example         | punycode
            """)
    void refusesWhatCouldNeverMatchOrMatchesTooMuch(String typed, String reason) {
        UsageError error = assertThrows(UsageError.class, () -> DomainName.normalise(typed));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
        assertTrue(error.getMessage().contains("--domain"), "the message names the option: " + error.getMessage());
    }

    @Test
    void refusesControlAndBidirectionalCharacters() {
        assertThrows(UsageError.class, () -> DomainName.normalise("news\u001b[31m.example"));
        assertThrows(UsageError.class, () -> DomainName.normalise("\u202enews.example"));
    }

    @Test
    void internationalNamesAreSavedAsThePunycodeBrowsersSend() {
        String saved = DomainName.normalise("bücher.example");
        assertEquals("xn--bcher-kva.example", saved);
        Site site = new Site("books", "Books", List.of(saved), new byte[32]);
        assertTrue(site.ownsHost("xn--bcher-kva.example"));
        assertTrue(site.ownsHost("www.xn--bcher-kva.example"));
        assertFalse(site.ownsHost("bcher-kva.example"));
        assertEquals("xn--bcher-kva.example", DomainName.normalise("xn--bcher-kva.example"), "the punycode form is kept as it is");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            news.example       | news.example
            NEWS.Example       | news.example
            cdn.news.example   | cdn.news.example
            news.co.uk         | news.co.uk
            someone.github.io  | someone.github.io
            localhost          | localhost
            127.0.0.1          | 127.0.0.1
            ::1                | [::1]
            [::1]              | [::1]
            """)
    void acceptsRegistrableNamesAndLoopbackForLocalUse(String typed, String saved) {
        assertEquals(saved, DomainName.normalise(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.example", "x--y.example", "a1-b2.c3.example"})
    void acceptsOrdinaryLabels(String typed) {
        assertEquals(typed, DomainName.normalise(typed));
    }
}
