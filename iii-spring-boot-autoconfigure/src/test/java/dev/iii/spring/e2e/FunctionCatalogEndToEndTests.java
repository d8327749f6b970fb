package dev.iii.spring.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import dev.iii.spring.client.IIITemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The catalog beyond plain annotated methods, served through a real (embedded) engine: functions registered by
 * a configurer, a custom handler-method factory, exception handlers, Bean Validation and the {@code http}
 * trigger's 400s.
 */
class FunctionCatalogEndToEndTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EmbeddedEngine engine;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
                    IIIAutoConfiguration.class))
            .withUserConfiguration(CatalogApplication.class)
            .withBean(IIIConnectionDetails.class, () -> engine::url);

    @BeforeAll
    static void startEngine() {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    private void run(ContextConsumer<AssertableApplicationContext> test) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            IIIWorker worker = context.getBean(IIIWorker.class);
            await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
            await().until(() -> worker.discovery().listFunctions().join().stream().map(FunctionInfo::functionId).toList()
                    .containsAll(List.of("orders::place", "prices::of", "greetings::hello")));
            test.accept(context);
        });
    }

    private static IIITemplate iii(AssertableApplicationContext context) {
        return context.getBean(IIITemplate.class);
    }

    private static InvocationException failure(AssertableApplicationContext context, String functionId, Object payload) {
        return catchThrowableOfType(InvocationException.class,
                () -> iii(context).function(functionId).payload(payload).retrieve(JsonNode.class));
    }

    private static Map<String, Object> order(String customer, String sku, int quantity) {
        return Map.of("customer", customer, "lines", List.of(Map.of("sku", sku, "quantity", quantity)));
    }

    @Test
    void aConfigurerRegistersFunctionsFromCodeAndSetsTheHandlerMethodFactory() {
        run(context -> {
            assertThat(iii(context).function("prices::of").payload("A12").retrieve(Integer.class)).isEqualTo(300);
            assertThat(iii(context).function("greetings::hello").payload("ada").metadata(Map.of("tenant", "acme"))
                    .retrieve(String.class)).isEqualTo("hello ada from acme");
        });
    }

    @Test
    void exceptionHandlersMapExceptionsToErrorCodesTheBeansOwnFirstThenTheAdviceInOrder() {
        run(context -> {
            assertThat(failure(context, "orders::place", order("ada", "C3", 1)).getCode()).isEqualTo("out_of_stock");
            InvocationException closed = failure(context, "orders::place", order("late", "A1", 1));
            assertThat(closed.getCode()).isEqualTo("shop_closed");
            assertThat(closed.getMessage()).isEqualTo("the shop is closed (orders::place)");
            // No handler takes PaymentDeclinedException; the second advice takes its cause.
            InvocationException declined = failure(context, "orders::place", order("mallory", "A1", 1));
            assertThat(declined.getCode()).isEqualTo("declined_by_cause");
            assertThat(declined.getMessage()).isEqualTo("card expired");
            assertThat(iii(context).function("orders::place").payload(order("ada", "A1", 1)).retrieve(String.class))
                    .isEqualTo("placed for ada");
        });
    }

    @Test
    void aWorkersAvailableTriggerHearsOfANewWorkerWithItsId() {
        run(context -> {
            IIIWorker newcomer = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("newcomer").build());
            try {
                newcomer.start();
                assertThat(newcomer.awaitConnected(Duration.ofSeconds(20))).isTrue();
                String id = newcomer.workerId().orElseThrow();
                await().until(() -> CatalogApplication.Fleet.EVENTS.stream()
                        .anyMatch(event -> id.equals(event.workerId()) && event.event().equals("worker_connected")));
            }
            finally {
                newcomer.shutdown(Duration.ofSeconds(1));
            }
        });
    }

    @Test
    void validPayloadsAreValidatedWithTheContextsValidatorListingEachViolation() {
        run(context -> {
            InvocationException invalid = failure(context, "orders::place",
                    Map.of("customer", " ", "lines", List.of(Map.of("sku", "A1", "quantity", 0))));
            assertThat(invalid.getCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(invalid.getMessage()).startsWith("Payload of orders::place is not valid: ")
                    .contains("customer: must not be blank").contains("lines[0].quantity: must be greater than 0");
            assertThat(iii(context).function("orders::unvalidated").payload(Map.of("customer", " ", "lines", List.of()))
                    .retrieve(String.class)).isEqualTo("taken");
            assertThat(iii(context).function("coupons::lenient").payload(Map.of("code", "")).retrieve(String.class))
                    .isEqualTo("ok");
            assertThat(failure(context, "coupons::strict", Map.of("code", "")).getMessage())
                    .contains("code: must not be blank");
        });
    }

    @Test
    void withoutAValidatorPayloadsAreBoundButNotValidated() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, IIIAutoConfiguration.class))
                .withUserConfiguration(CatalogApplication.Orders.class)
                .withBean(IIIConnectionDetails.class, () -> engine::url).run(context -> {
                    assertThat(context).hasNotFailed();
                    IIIWorker worker = context.getBean(IIIWorker.class);
                    await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
                    assertThat(iii(context).function("orders::place").payload(order(" ", "A1", 0))
                            .retrieve(String.class)).isEqualTo("placed for  ");
                });
    }

    @Test
    void anHttpFunctionAnswersWhatItCannotTakeWith400AndThePathNeverItsCode() throws Exception {
        run(context -> {
            HttpResponse<String> wrongType = post("{\"customer\":\"ada\",\"lines\":[{\"sku\":\"A1\",\"quantity\":\"many\"}]}");
            assertThat(wrongType.statusCode()).isEqualTo(400);
            JsonNode error = JSON.readTree(wrongType.body()).get("error");
            assertThat(error.get("code").asString()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(error.get("violations").get(0).get("path").asString()).isEqualTo("$.lines[0].quantity");
            assertThat(wrongType.body()).doesNotContain("PlaceOrder", "Line", "Orders", "placeOverHttp", "dev.iii",
                    "java.", "int");

            HttpResponse<String> malformed = post("{\"customer\":");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(malformed.body()).get("error").get("message").asString())
                    .contains("needs a JSON body");

            HttpResponse<String> violated = post("{\"customer\":\"\",\"lines\":[]}");
            assertThat(violated.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(violated.body()).get("error").get("violations").findValuesAsString("path"))
                    .containsExactlyInAnyOrder("customer", "lines");

            HttpResponse<String> expired = post("/coupons", "{\"code\":\"SPRING\"}");
            assertThat(expired.statusCode()).isEqualTo(410);
            HttpResponse<String> notACoupon = post("/coupons", "{\"code\":[1]}");
            assertThat(notACoupon.statusCode()).as("a payload it cannot take never reaches the handler").isEqualTo(400);
            assertThat(notACoupon.body()).doesNotContain("Coupon");

            HttpResponse<String> answeredByAdvice = post("{\"customer\":\"ada\",\"lines\":[{\"sku\":\"C3\",\"quantity\":1}]}");
            assertThat(answeredByAdvice.statusCode()).isEqualTo(409);
            assertThat(post("{\"customer\":\"ada\",\"lines\":[{\"sku\":\"A1\",\"quantity\":1}]}").statusCode())
                    .isEqualTo(201);
        });
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return post("/orders", json);
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
