package dev.iii.sdk.function;

import dev.iii.protocol.HttpInvocationRef;

/**
 * How a function is described to the engine. All members are optional; start from {@link #none()} or
 * {@link #builder()}.
 *
 * @param description    shown in introspection
 * @param requestFormat  JSON Schema of the input: a {@link tools.jackson.databind.JsonNode}, a {@code Map},
 *                       or anything the worker's mapper can write
 * @param responseFormat JSON Schema of the output, likewise
 * @param metadata       arbitrary JSON stored with the function; {@code {"internal":true}} hides it from
 *                       the default function list
 * @param httpInvocation makes this an HTTP-invoked function: the engine calls the URL instead of the worker
 */
public record FunctionOptions(String description, Object requestFormat, Object responseFormat, Object metadata,
        HttpInvocationRef httpInvocation) {

    private static final FunctionOptions NONE = new FunctionOptions(null, null, null, null, null);

    /** No description, schema or metadata. */
    public static FunctionOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FunctionOptions}. */
    public static final class Builder {
        private String description;
        private Object requestFormat;
        private Object responseFormat;
        private Object metadata;
        private HttpInvocationRef httpInvocation;

        private Builder() {
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder requestFormat(Object requestFormat) {
            this.requestFormat = requestFormat;
            return this;
        }

        public Builder responseFormat(Object responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder metadata(Object metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder httpInvocation(HttpInvocationRef httpInvocation) {
            this.httpInvocation = httpInvocation;
            return this;
        }

        public FunctionOptions build() {
            return new FunctionOptions(description, requestFormat, responseFormat, metadata, httpInvocation);
        }
    }
}
