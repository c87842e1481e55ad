package com.saascrm.api;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.converter.HttpMessageNotReadableException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with a JSON body in words for the caller. Jackson's own messages name Java classes and quote
 * the input, so they are never passed on; only the field names of the API and the line and column are.
 */
final class UnreadableBody {

    private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '([A-Za-z][A-Za-z0-9_]{0,39})'");

    private UnreadableBody() {}

    static String detail(HttpMessageNotReadableException e) {
        if (!(e.getCause() instanceof JsonProcessingException cause)) {
            return "The request body could not be read as JSON";
        }
        String message = cause.getOriginalMessage() == null ? "" : cause.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            Matcher field = DUPLICATE_FIELD.matcher(message);
            return field.find()
                    ? "The JSON body has the field '" + field.group(1) + "' more than once"
                    : "The JSON body has a field more than once";
        }
        if (message.startsWith("Trailing token")) {
            return "The JSON body has more after its object: send one JSON object";
        }
        if (cause instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()
                && !path(invalid).isEmpty()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.joining(", "));
            return path(invalid) + " must be one of " + allowed;
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return path(mismatched).isEmpty()
                    ? "The JSON body must be an object, not an array, a string or a number"
                    : path(mismatched) + " has a value of the wrong type";
        }
        if (cause instanceof JsonEOFException) {
            return "The JSON body ends before it is complete";
        }
        return "The request body is not valid JSON" + where(cause.getLocation());
    }

    /** The fields from the body's root to the bad value, such as {@code channel}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference ->
                        reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
