package dev.iii.sdk.channel;

/**
 * A data channel this worker created ({@code IIIWorker.channels().create()}): its two ends, neither opened yet. Keep
 * one end and hand the other (or its ref) to another worker in a payload; each end opens on first use.
 *
 * @param writer the end that sends
 * @param reader the end that receives
 */
public record Channel(ChannelWriter writer, ChannelReader reader) {

    /** The writer's ref, to pass on. */
    public ChannelRef writerRef() {
        return writer.ref();
    }

    /** The reader's ref, to pass on. */
    public ChannelRef readerRef() {
        return reader.ref();
    }
}
