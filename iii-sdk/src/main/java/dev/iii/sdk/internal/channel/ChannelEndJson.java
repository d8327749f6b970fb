package dev.iii.sdk.internal.channel;

import dev.iii.sdk.channel.ChannelDirection;
import dev.iii.sdk.channel.ChannelOpener;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * Channel ends in JSON, with any mapper: an end is written as its ref, and a ref is bound to an end by the
 * {@link ChannelOpener} the worker puts into the deserialization context ({@link ChannelOpener#bindingRefs}), as
 * the Node SDK turns refs in a handler's input into live ends.
 */
public final class ChannelEndJson {

    private ChannelEndJson() {
    }

    /** Writes a reader or writer as its ref; one already in use here cannot be passed on, and says so. */
    public static final class Serializer extends ValueSerializer<Object> {

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context)
                throws JacksonException {
            ChannelRef ref = value instanceof ChannelReader reader ? reader.ref() : ((ChannelWriter) value).ref();
            if (value instanceof OpenEnd end && end.isOpened()) {
                throw DatabindException.from(generator, "The " + ref.direction().wireName() + " end of channel "
                        + ref.channelId() + " is in use in this worker: pass an end on before using it");
            }
            generator.writeStartObject();
            generator.writeStringProperty("channel_id", ref.channelId());
            generator.writeStringProperty("access_key", ref.accessKey());
            generator.writeStringProperty("direction", ref.direction().wireName());
            generator.writeEndObject();
        }
    }

    /** Binds a read ref to a {@link ChannelReader}. */
    public static final class ReaderDeserializer extends ValueDeserializer<ChannelReader> {

        @Override
        public ChannelReader deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            return opener(context, ChannelReader.class).reader(ref(parser, context, ChannelDirection.READ,
                    ChannelReader.class));
        }
    }

    /** Binds a write ref to a {@link ChannelWriter}. */
    public static final class WriterDeserializer extends ValueDeserializer<ChannelWriter> {

        @Override
        public ChannelWriter deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            return opener(context, ChannelWriter.class).writer(ref(parser, context, ChannelDirection.WRITE,
                    ChannelWriter.class));
        }
    }

    private static ChannelRef ref(JsonParser parser, DeserializationContext context, ChannelDirection direction,
            Class<?> target) throws JacksonException {
        ChannelRef ref = context.readValue(parser, ChannelRef.class);
        if (ref.direction() != direction) {
            return context.reportInputMismatch(target, "the ref of channel %s opens its %s end: a %s needs a %s ref",
                    ref.channelId(), ref.direction().wireName(), target.getSimpleName(), direction.wireName());
        }
        return ref;
    }

    private static ChannelOpener opener(DeserializationContext context, Class<?> target) throws JacksonException {
        if (context.getAttribute(ChannelOpener.class) instanceof ChannelOpener opener) {
            return opener;
        }
        return context.reportInputMismatch(target, "a %s is bound only by an iii worker (its ChannelOpener is not "
                + "in this Jackson context; see ChannelOpener.bindingRefs)", target.getSimpleName());
    }
}
