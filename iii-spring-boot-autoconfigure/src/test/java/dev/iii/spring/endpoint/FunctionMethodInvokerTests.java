package dev.iii.spring.endpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.RefOnlyChannels;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.spring.annotation.IIIMetadata;
import dev.iii.spring.observation.IIIObservationDocumentation;
import dev.iii.spring.observation.InvocationObservationContext;
import dev.iii.spring.schema.FunctionSchemaGenerator;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionMethodInvokerTests {

    record Item(String sku, int qty) {
    }

    record Order(String customer, List<Item> items) {
    }

    record Tenant(String tenant) {
    }

    static class Handlers {
        Order order(Order order) {
            return order;
        }

        int count(List<Item> items, InvocationContext context, @IIIMetadata Tenant tenant) {
            return items.size() + (tenant != null && tenant.tenant().equals("t1") ? 100 : 0)
                    + (context.functionId().equals("t::count") ? 1000 : 0);
        }

        JsonNode tree(JsonNode payload) {
            return payload;
        }

        Map<String, Object> map(Map<String, Object> payload) {
            return payload;
        }

        void nothing() {
        }

        String relay(ChannelReader data) {
            return data.channelId();
        }

        String upload(HttpTriggerRequest<Void> request) {
            return request.requestBody().channelId() + "/" + request.response().channelId();
        }

        Optional<String> maybe(String value) {
            return Optional.ofNullable(value);
        }

        CompletionStage<String> later(String value) {
            return CompletableFuture.completedFuture(value.toUpperCase());
        }

        String fail(String value) {
            throw new InvocationException("out_of_stock", "no " + value);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestObservationRegistry observations = TestObservationRegistry.create();

    private final FunctionMethodInvokerFactory factory = new FunctionMethodInvokerFactory(methods(),
            new FunctionSchemaGenerator(), observations, IIIObservationDocumentation.DefaultConventions.INVOCATION);

    private static IIIMessageHandlerMethodFactory methods() {
        IIIMessageHandlerMethodFactory methods = new IIIMessageHandlerMethodFactory(JSON);
        methods.afterPropertiesSet();
        return methods;
    }

    private FunctionMethodInvoker invoker(String method, String functionId) {
        return invoker(method, functionId, true);
    }

    private FunctionMethodInvoker invoker(String method, String functionId, boolean generateSchemas) {
        java.lang.reflect.Method found = ReflectionUtils.findMethod(Handlers.class, method, (Class<?>[]) null);
        return factory.createAll(List.of(new FunctionEndpoint("handlers", new Handlers(), found, functionId, null,
                Map.of(), generateSchemas, List.of(), null, 0, false)), Map.of()).get(0);
    }

    private static InvocationContext context(String functionId, String metadata) {
        return new InvocationContext(functionId, UUID.randomUUID(), metadata == null ? null : JSON.readTree(metadata),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null, "caller");
    }

    private Object invoke(String method, String functionId, String payload, String metadata) throws Exception {
        return invoker(method, functionId).invoke(JSON.readTree(payload), context(functionId, metadata));
    }

    @Test
    void bindsRecordsGenericListsTreesAndMapsByTheDeclaredType() throws Exception {
        Object order = invoke("order", "t::order",
                "{\"customer\":\"ada\",\"items\":[{\"sku\":\"A\",\"qty\":2}],\"_caller_worker_id\":\"w\"}", null);
        assertThat(order).isEqualTo(new Order("ada", List.of(new Item("A", 2))));
        assertThat(invoke("count", "t::count", "[{\"sku\":\"A\",\"qty\":1},{\"sku\":\"B\",\"qty\":1}]",
                "{\"tenant\":\"t1\"}")).isEqualTo(1102);
        assertThat(invoke("count", "t::count", "[]", null)).isEqualTo(1000);
        JsonNode tree = JSON.readTree("{\"a\":[1,2]}");
        assertThat(invoker("tree", "t::tree").invoke(tree, context("t::tree", null))).isSameAs(tree);
        assertThat(invoke("map", "t::map", "{\"a\":1}", null)).isEqualTo(Map.of("a", 1));
    }

    @Test
    void returnsNothingOptionalsAndStages() throws Exception {
        assertThat(invoke("nothing", "t::nothing", "{}", null)).isNull();
        assertThat(invoke("maybe", "t::maybe", "\"x\"", null)).isEqualTo(Optional.of("x"));
        assertThat(((CompletionStage<?>) invoke("later", "t::later", "\"x\"", null)).toCompletableFuture().join())
                .isEqualTo("X");
    }

    @Test
    void payloadThatDoesNotBindNamesFunctionParameterMethodAndPath() {
        assertThatThrownBy(() -> invoke("order", "t::order", "{\"customer\":\"ada\",\"items\":[{\"qty\":\"many\"}]}", null))
                .isInstanceOfSatisfying(InvocationException.class, ex -> {
                    assertThat(ex.getCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(ex.getMessage()).contains("t::order").contains("parameter 'order' (Order)")
                            .contains("Handlers.order").contains("$.items[0].qty");
                });
        assertThatThrownBy(() -> invoke("order", "t::order", "\"not an object\"", null))
                .isInstanceOf(InvocationException.class);
    }

    @Test
    void channelRefsBindToEndsOfTheInvocationsOpenerAsParametersAndComponents() throws Exception {
        RefOnlyChannels opener = new RefOnlyChannels();
        InvocationContext withChannels = new InvocationContext("t::relay", UUID.randomUUID(), null, null, null, null,
                opener);
        assertThat(invoker("relay", "t::relay").invoke(JSON.readTree(
                "{\"channel_id\":\"c1\",\"access_key\":\"k\",\"direction\":\"read\"}"), withChannels))
                .isEqualTo("c1");
        assertThat(invoker("upload", "t::upload").invoke(JSON.readTree("{\"method\":\"POST\",\"body\":null,"
                + "\"request_body\":{\"channel_id\":\"in\",\"access_key\":\"k\",\"direction\":\"read\"},"
                + "\"response\":{\"channel_id\":\"out\",\"access_key\":\"k\",\"direction\":\"write\"}}"),
                withChannels)).isEqualTo("in/out");
        assertThat(opener.opened).extracting(ChannelRef::channelId).containsExactly("c1", "in", "out");
        // A writer ref where a reader is wanted is a payload that does not bind.
        assertThatThrownBy(() -> invoker("relay", "t::relay").invoke(JSON.readTree(
                "{\"channel_id\":\"c2\",\"access_key\":\"k\",\"direction\":\"write\"}"), withChannels))
                .isInstanceOfSatisfying(InvocationException.class,
                        ex -> assertThat(ex.getMessage()).contains("a ChannelReader needs a read ref"));
    }

    @Test
    void generatesSchemasOfPayloadAndResult() {
        FunctionMethodInvoker order = invoker("order", "t::order");
        ObjectNode request = (ObjectNode) order.requestSchema();
        assertThat(request.get("properties").has("customer")).isTrue();
        assertThat(request.get("properties").get("items").get("type").asString()).isEqualTo("array");
        assertThat(order.responseSchema()).isEqualTo(request);
        assertThat(invoker("later", "t::later").responseSchema()).isNotNull();
        FunctionMethodInvoker nothing = invoker("nothing", "t::nothing");
        assertThat(nothing.requestSchema()).isEqualTo(JSON.readTree("{\"type\":\"object\"}"));
        assertThat(nothing.responseSchema()).isEqualTo(JSON.readTree("{\"type\":\"null\"}"));
        assertThat(invoker("tree", "t::tree").requestSchema()).isNull();
    }

    @Test
    void generatesNoSchemasWhenTheFunctionSaysSo() {
        for (String method : List.of("order", "nothing")) {
            FunctionMethodInvoker invoker = invoker(method, "t::" + method, false);
            assertThat(invoker.requestSchema()).isNull();
            assertThat(invoker.responseSchema()).isNull();
        }
    }

    @Test
    void observesEachInvocationWithLowCardinalityTagsAndTheCallersTraceContext() throws Exception {
        invoke("order", "t::order", "{\"customer\":\"ada\",\"items\":[]}", null);
        assertThatThrownBy(() -> invoke("fail", "t::fail", "\"A1\"", null)).isInstanceOf(InvocationException.class);

        assertThat(observations).hasNumberOfObservationsWithNameEqualTo("iii.invocation", 2);
        assertThat(observations).hasObservationWithNameEqualTo("iii.invocation").that()
                .hasContextualNameEqualTo("iii t::order").hasLowCardinalityKeyValue("iii.function.id", "t::order")
                .hasLowCardinalityKeyValue("iii.outcome", "success").hasLowCardinalityKeyValue("iii.error.code", "none")
                .hasHighCardinalityKeyValue("iii.caller.worker.id", "caller").hasBeenStopped();
        assertThat(observations).hasAnObservation(observation -> observation
                .hasLowCardinalityKeyValue("iii.function.id", "t::fail").hasLowCardinalityKeyValue("iii.outcome", "error")
                .hasLowCardinalityKeyValue("iii.error.code", "out_of_stock").hasError());
        InvocationObservationContext context = new InvocationObservationContext(context("t::x", null));
        assertThat(context.getGetter().get(context.getCarrier(), "traceparent"))
                .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }
}
