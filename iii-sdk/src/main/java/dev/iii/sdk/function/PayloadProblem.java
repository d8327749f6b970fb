package dev.iii.sdk.function;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.time.temporal.Temporal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Why a payload does not bind, in the caller's terms: the JSON path and what the JSON there should have
 * been (a number, a string, an object...), never the Java types or code behind it; those go to the worker's
 * DEBUG log. Public so that a framework that binds payloads with a mapper of its own (the Spring Boot starter
 * does) reports the same paths and reasons as the SDK.
 */
public final class PayloadProblem {

    private PayloadProblem() {
    }

    /** The JSON path of the problem, {@code $} for the payload itself. */
    public static String path(JacksonException cause) {
        StringBuilder path = new StringBuilder("$");
        for (JacksonException.Reference reference : cause.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What is wrong there, e.g. {@code expected a number} or {@code unknown member 'sku2'}. */
    public static String reason(JacksonException cause) {
        if (cause instanceof PropertyBindingException unknown) {
            return "unknown member '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof InvalidNullException) {
            return "must not be null";
        }
        if (cause instanceof InvalidFormatException format) {
            return "'" + format.getValue() + "' is not " + expected(format.getTargetType());
        }
        if (cause instanceof ValueInstantiationException refused) {
            Throwable why = refused.getCause();
            return why != null && why.getMessage() != null ? why.getMessage() : "the value was refused";
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String message = mismatch.getOriginalMessage();
            if (message != null && message.startsWith("Missing required creator property")) {
                return "a required member is missing";
            }
            return mismatch.getTargetType() != null ? "expected " + expected(mismatch.getTargetType())
                    : "the JSON there has the wrong shape";
        }
        if (cause instanceof StreamReadException) {
            return "the payload is not valid JSON";
        }
        return "the value there cannot be read";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isPrimitive() && type != boolean.class && type != char.class || Number.class.isAssignableFrom(type)
                || type == OptionalInt.class || type == OptionalLong.class || type == OptionalDouble.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class || type == UUID.class
                || CharSequence.class.isAssignableFrom(type) || Temporal.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                names.append(names.isEmpty() ? "" : ", ").append(constant);
            }
            return "one of " + names;
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Optional.class) {
            return "a value or null";
        }
        if (Map.class.isAssignableFrom(type) || !type.isInterface()) {
            return "an object";
        }
        return "a different value";
    }
}
