package dev.iii.spring.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Consumer;

import dev.iii.sdk.Registration;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.http.ServerSentEventEmitter;
import dev.iii.spring.http.StreamingHttpResponse;

/** The upload, download and server-sent events examples of docs/trigger-types.md, compiled and tested. */
class HttpStreamingExamples {

    /** Keeps uploaded files. */
    interface FileStore {
        long save(String contentType, InputStream content) throws IOException;
    }

    /** Writes monthly reports. */
    interface Reports {
        void writeCsv(String month, OutputStream out) throws IOException;
    }

    /** Tells listeners of every price change. */
    interface PriceTicker {
        Registration subscribe(Consumer<Price> listener);
    }

    record Price(String symbol, double value) {}

    private final FileStore files;
    private final Reports reports;
    private final PriceTicker ticker;

    HttpStreamingExamples(FileStore files, Reports reports, PriceTicker ticker) {
        this.files = files;
        this.reports = reports;
        this.ticker = ticker;
    }

    // docs:start
    @IIIFunction("files::upload")
    @HttpTrigger(path = "/files", method = "POST")
    HttpTriggerResponse upload(HttpTriggerRequest<Void> request) throws IOException {
        try (InputStream body = request.requestBody()) {
            long size = files.save(request.header("content-type"), body);
            return HttpTriggerResponse.status(201, Map.of("bytes", size));
        }
    }
    // docs:end

    // docs:start
    @IIIFunction(value = "reports::export", timeout = "10m")
    @HttpTrigger("/reports/:month")
    StreamingHttpResponse export(HttpTriggerRequest<Void> request) {
        String month = request.pathParam("month");
        return StreamingHttpResponse.ok(out -> reports.writeCsv(month, out))
                .withHeader("Content-Type", "text/csv")
                .withHeader("Content-Disposition", "attachment; filename=\"report-" + month + ".csv\"");
    }
    // docs:end

    // docs:start
    @IIIFunction(value = "prices::stream", timeout = "1h")
    @HttpTrigger("/prices/stream")
    ServerSentEventEmitter prices(HttpTriggerRequest<Void> request) {
        ServerSentEventEmitter events = new ServerSentEventEmitter();
        Registration subscription = ticker.subscribe(price -> {
            try {
                events.send(ServerSentEventEmitter.event().name("price").data(price));
            }
            catch (IOException ex) {
                events.completeWithError(ex);   // the client went away
            }
        });
        events.onCompletion(subscription::unregister);
        return events;
    }
    // docs:end
}
