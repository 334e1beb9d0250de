package io.readpulse.admin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlCharactersTest {

    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f', '\u0080', '\u009b', '\u009f',
            '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'})
    void refusesC0C1DelAndBidirectionalFormatting(char c) {
        assertTrue(ControlCharacters.isRefused(c));
        UsageError error = assertThrows(UsageError.class, () -> ControlCharacters.refuse("--name", "Demo" + c + "News"));
        assertTrue(error.getMessage().startsWith("--name "), error.getMessage());
        assertFalse(ControlCharacters.containsAny(error.getMessage()), "the message itself is safe to print");
    }

    @Test
    void acceptsOrdinaryTextInAnyScript() {
        assertDoesNotThrow(() -> ControlCharacters.refuse("--name", "Die Zeit · Bücher — «Новости» 日本 عربي"));
    }

    @Test
    void escapesWhatItRefuses() {
        assertEquals("\\u001b[31mred\\u001b[0m", ControlCharacters.escape("\u001b[31mred\u001b[0m"));
        assertEquals("abc\\u202eevil", ControlCharacters.escape("abc\u202eevil"));
        assertEquals("line\\u000anext\\u0009tab", ControlCharacters.escape("line\nnext\ttab"));
        assertEquals("plain", ControlCharacters.escape("plain"));
        assertEquals("null", ControlCharacters.escape(null));
    }
}
