package io.readpulse.local;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation/SAM YAML file into plain maps and lists. The short-form tags become the
 * long form CloudFormation itself would see: {@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt
 * T.Arn} is {@code {"Fn::GetAtt": ["T", "Arn"]}}, and any other {@code !Name v} is {@code {"Fn::Name": v}}.
 */
final class TemplateYaml {
    private TemplateYaml() {
    }

    static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(Reader yaml) {
        Object root = new Yaml(new IntrinsicTags()).load(yaml);
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("a template is a YAML mapping at its top level");
        }
        return (Map<String, Object>) root;
    }

    static Map<String, Object> parse(String yaml) {
        return parse(new StringReader(yaml));
    }

    private static final class IntrinsicTags extends SafeConstructor {
        IntrinsicTags() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    if (name.equals("Ref")) {
                        return Map.of("Ref", value);
                    }
                    if (name.equals("GetAtt") && value instanceof String dotted) {
                        value = List.copyOf(Arrays.asList(dotted.split("\\.", 2)));
                    }
                    return Map.of("Fn::" + name, value);
                }
            });
        }
    }
}
