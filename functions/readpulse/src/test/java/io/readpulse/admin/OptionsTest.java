package io.readpulse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static final Set<String> VALUED = Set.of("--name", "--domain");
    private static final Set<String> FLAGS = Set.of("--replace");

    @Test
    void readsValuesAndFlagsInAnyOrder() {
        Options options = Options.parse(List.of("--replace", "--domain", "a.example", "--name", "A", "--domain", "b.example"), VALUED, FLAGS);
        assertEquals("A", options.value("--name"));
        assertEquals(List.of("a.example", "b.example"), options.values("--domain"));
        assertTrue(options.flag("--replace"));
        assertNull(Options.parse(List.of(), VALUED, FLAGS).value("--name"));
    }

    @Test
    void aMissingValueIsAnErrorNamingTheOption() {
        assertEquals("--name needs a value", assertThrows(UsageError.class,
                () -> Options.parse(List.of("--domain", "a.example", "--name"), VALUED, FLAGS)).getMessage());
        assertEquals("--name needs a value", assertThrows(UsageError.class,
                () -> Options.parse(List.of("--name", "--domain", "a.example"), VALUED, FLAGS)).getMessage(),
                "the next option is not taken for the value");
    }

    @Test
    void unknownOptionsStrayWordsAndRepeatsAreErrors() {
        assertEquals("unknown option --nmae", assertThrows(UsageError.class,
                () -> Options.parse(List.of("--nmae", "A"), VALUED, FLAGS)).getMessage());
        assertEquals("unexpected 'A'", assertThrows(UsageError.class,
                () -> Options.parse(List.of("A"), VALUED, FLAGS)).getMessage());
        assertEquals("--name is given more than once", assertThrows(UsageError.class,
                () -> Options.parse(List.of("--name", "A", "--name", "B"), VALUED, FLAGS).value("--name")).getMessage());
        assertEquals("unexpected '\\u001b[2J'", assertThrows(UsageError.class,
                () -> Options.parse(List.of("\u001b[2J"), VALUED, FLAGS)).getMessage(), "what is echoed is escaped");
    }
}
