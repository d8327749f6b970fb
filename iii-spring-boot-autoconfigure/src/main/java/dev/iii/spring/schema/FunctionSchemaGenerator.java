package dev.iii.spring.schema;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.github.victools.jsonschema.generator.CustomDefinition;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas (draft 2020-12) of payload and result types, sent with {@code registerfunction} so the
 * engine's introspection shows them. Built on the victools generator. Types with no useful schema (JSON
 * trees, {@code Object}, {@code void}) get none.
 */
public class FunctionSchemaGenerator {

    private static final Log log = LogFactory.getLog(FunctionSchemaGenerator.class);

    private final SchemaGenerator generator = new SchemaGenerator(config());

    /**
     * The Jackson module names properties as the JSON has them (@JsonProperty), not as the Java fields are named;
     * a channel end is described as the ref it travels as.
     */
    private static SchemaGeneratorConfig config() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON).with(new JacksonSchemaModule());
        builder.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> raw = type.getErasedType();
            if (ChannelReader.class.isAssignableFrom(raw) || ChannelWriter.class.isAssignableFrom(raw)) {
                return new CustomDefinition(context.createDefinition(context.getTypeContext().resolve(ChannelRef.class)));
            }
            return null;
        });
        return builder.build();
    }

    /** The schema of a payload type, or {@code null}. */
    public ObjectNode schemaOf(Type type) {
        if (type == null || type == void.class || type == Void.class || type == Object.class
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
     * The schema of what a method returns, looking through {@code Optional} and {@code CompletionStage}; none for
     * a streamed HTTP response, which is no JSON result.
     */
    public ObjectNode schemaOfResult(Type returnType) {
        Type type = returnType;
        while (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                && (Optional.class == raw || CompletionStage.class.isAssignableFrom(raw))) {
            type = parameterized.getActualTypeArguments()[0];
        }
        if (type == StreamingHttpResponse.class || type instanceof Class<?> raw
                && ServerSentEventEmitter.class.isAssignableFrom(raw)) {
            return null;
        }
        return schemaOf(type);
    }
}
