package com.saascrm.selfservice;

import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Every text value of a JSON document, wherever it is nested, passed through one function; names stay. */
final class JsonTexts {

    private JsonTexts() {}

    static JsonNode map(JsonNode node, UnaryOperator<String> text) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(map(field.getValue(), text));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, map(array.get(i), text));
            }
        } else if (node.isTextual()) {
            String mapped = text.apply(node.asText());
            return mapped.equals(node.asText()) ? node : TextNode.valueOf(mapped);
        }
        return node;
    }
}
