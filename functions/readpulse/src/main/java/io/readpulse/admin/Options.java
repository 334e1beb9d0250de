package io.readpulse.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one admin subcommand, after its positional words: {@code --option VALUE} pairs and
 * bare {@code --flags}, in any order. A value that is missing, or that is another option (as in
 * {@code --name --domain news.example}, where the name was forgotten), is an error naming the
 * option: never an empty value, and never the next option taken for one.
 */
final class Options {
    private final Map<String, List<String>> values;
    private final Set<String> flags;

    private Options(Map<String, List<String>> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /**
     * @param valued the options that take a value
     * @param flagNames the options that take none
     * @throws UsageError naming the first option that is unknown or has no value
     */
    static Options parse(List<String> words, Set<String> valued, Set<String> flagNames) {
        Map<String, List<String>> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (flagNames.contains(word)) {
                flags.add(word);
            } else if (!valued.contains(word)) {
                throw new UsageError(word.startsWith("--") ? "unknown option " + ControlCharacters.escape(word)
                        : "unexpected '" + ControlCharacters.escape(word) + "'");
            } else if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                throw new UsageError(word + " needs a value");
            } else {
                values.computeIfAbsent(word, name -> new ArrayList<>()).add(words.get(++i));
            }
        }
        return new Options(values, flags);
    }

    /** The option's value, or null if it was not given. @throws UsageError if it was given more than once */
    String value(String option) {
        List<String> given = values(option);
        if (given.size() > 1) {
            throw new UsageError(option + " is given more than once");
        }
        return given.isEmpty() ? null : given.get(0);
    }

    /** Every value of an option that may be repeated, in the order given. */
    List<String> values(String option) {
        return values.getOrDefault(option, List.of());
    }

    boolean flag(String option) {
        return flags.contains(option);
    }
}
