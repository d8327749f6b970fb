package dev.iii.spring.annotation;

import dev.iii.spring.endpoint.FunctionEndpointRegistrar;

/**
 * Configures the function catalog from code, as {@code KafkaListenerConfigurer} does for Kafka listeners:
 * register functions that no annotation declares, or set the handler-method factory that binds every
 * function's arguments. Beans of this type are called in {@code @Order} order once all singletons exist,
 * after the annotated methods were collected and before the catalog is validated.
 * <pre>{@code
 * @Bean
 * IIIFunctionConfigurer pricingFunctions(PricingEngine pricing) {
 *     return registrar -> registrar.registerEndpoint(FunctionEndpoint.of("pricing::quote", pricing,
 *             ReflectionUtils.findMethod(PricingEngine.class, "quote", QuoteRequest.class)));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface IIIFunctionConfigurer {

    /** Registers endpoints with, or changes the settings of, the registrar. */
    void configureFunctions(FunctionEndpointRegistrar registrar);
}
