package dev.iii.spring.schema;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import dev.iii.spring.http.ServerSentEventEmitter;
import dev.iii.spring.http.StreamingHttpResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas (draft 2020-12) of payload and result types, sent with {@code registerfunction} as
 * {@code request_format} and {@code response_format}, so that the engine's introspection shows them and the iii
 * worker registry accepts them. Built on the victools generator.
 * <p>
 * The registry refuses a schema with a root {@code $schema} (its validator knows no draft 2020-12 meta-schema) and
 * one that is untyped (no {@code type}, {@code properties}, {@code $ref}, {@code anyOf}, ... at its root). So no
 * schema made here has a {@code $schema}, and each says what the JSON is: {@code void} and {@code Void} results
 * are {@code {"type":"null"}} (the result carries no value), an {@code Optional} result is its value's schema or
 * {@code null}, and a method without a payload parameter takes {@code {"type":"object"}}. Types that say nothing
 * about their JSON ({@link JsonNode}, {@code Object}) get no schema at all rather than an untyped one.
 */
public class FunctionSchemaGenerator {

    private static final Log log = LogFactory.getLog(FunctionSchemaGenerator.class);

    private static final String DEFINITIONS = "$defs";

    private final SchemaGenerator generator = new SchemaGenerator(configuration());

    private static SchemaGeneratorConfig configuration() {
        // The Jackson module names properties as the JSON has them (@JsonProperty), not as the Java fields are named.
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON).without(Option.SCHEMA_VERSION_INDICATOR).with(new JacksonSchemaModule());
        builder.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> raw = type.getErasedType();
            // A JSON tree inside a payload may hold any JSON value; left alone, the generator would call it an object.
            if (JsonNode.class.isAssignableFrom(raw)) {
                return new CustomDefinition(context.getGeneratorConfig().createObjectNode());
            }
            // A channel end travels as its ref.
            if (ChannelReader.class.isAssignableFrom(raw) || ChannelWriter.class.isAssignableFrom(raw)) {
                return new CustomDefinition(context.createDefinition(context.getTypeContext().resolve(ChannelRef.class)));
            }
            return null;
        });
        return builder.build();
    }

    /**
     * The schema of the values of a type: {@code {"type":"null"}} for {@code void} and {@code Void}, {@code null}
     * for types that say nothing about their JSON.
     */
    public ObjectNode schemaOf(Type type) {
        if (type == void.class || type == Void.class) {
            return typed("null");
        }
        if (type == null || type == Object.class
                || type instanceof Class<?> raw && JsonNode.class.isAssignableFrom(raw)) {
            return null;
        }
        try {
            return generator.generateSchema(type);
        }
        catch (RuntimeException ex) {
            log.debug("No JSON Schema for " + type.getTypeName() + ": " + ex);
            return null;
        }
    }

    /**
     * The schema of what a function takes: its payload parameter's, or, for a method without one ({@code null}),
     * an object, since callers without a payload send {@code {}} and every trigger delivers an object.
     */
    public ObjectNode schemaOfRequest(Type payloadType) {
        return payloadType == null ? typed("object") : schemaOf(payloadType);
    }

    /**
     * The schema of what a method returns, looking through {@code CompletionStage}s (the value they complete with)
     * and {@code Optional}s (the value, or {@code null} when empty); none for a streamed HTTP response, which is no
     * JSON result.
     */
    public ObjectNode schemaOfResult(Type returnType) {
        Type type = returnType;
        boolean nullable = false;
        while (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                && (Optional.class == raw || CompletionStage.class.isAssignableFrom(raw))) {
            nullable |= Optional.class == raw;
            type = parameterized.getActualTypeArguments()[0];
        }
        if (type == StreamingHttpResponse.class || type instanceof Class<?> raw
                && ServerSentEventEmitter.class.isAssignableFrom(raw)) {
            return null;
        }
        ObjectNode schema = schemaOf(type);
        return nullable && schema != null ? orNull(schema) : schema;
    }

    /** {@code anyOf} the schema and {@code null}; the definitions stay at the root, where the references point. */
    private static ObjectNode orNull(ObjectNode schema) {
        ObjectNode nothing = typed("null");
        if (schema.equals(nothing)) {
            return schema;
        }
        ObjectNode nullable = JsonNodeFactory.instance.objectNode();
        JsonNode definitions = schema.remove(DEFINITIONS);
        nullable.putArray("anyOf").add(schema).add(nothing);
        if (definitions != null) {
            nullable.set(DEFINITIONS, definitions);
        }
        return nullable;
    }

    private static ObjectNode typed(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }
}
