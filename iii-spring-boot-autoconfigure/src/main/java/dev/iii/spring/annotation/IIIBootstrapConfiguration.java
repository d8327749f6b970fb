package dev.iii.spring.annotation;

import dev.iii.spring.endpoint.FunctionEndpointRegistry;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers what {@link EnableIII} needs, once, under fixed names, as infrastructure beans without constructor
 * dependencies: the {@link IIIAnnotationBeanPostProcessor} and the {@link FunctionEndpointRegistry} it fills.
 * So {@code @EnableIII} works without Spring Boot's auto-configuration.
 */
public class IIIBootstrapConfiguration implements ImportBeanDefinitionRegistrar {

    /** Bean name of the post-processor; the auto-configuration adds {@link EnableIII} only when it is absent. */
    public static final String POST_PROCESSOR_BEAN_NAME = "dev.iii.spring.annotation.internalIIIAnnotationProcessor";

    /** Bean name of the function catalog; define a bean of that name to replace it. */
    public static final String ENDPOINT_REGISTRY_BEAN_NAME = "dev.iii.spring.annotation.internalFunctionEndpointRegistry";

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        register(registry, POST_PROCESSOR_BEAN_NAME, IIIAnnotationBeanPostProcessor.class);
        register(registry, ENDPOINT_REGISTRY_BEAN_NAME, FunctionEndpointRegistry.class);
    }

    private static void register(BeanDefinitionRegistry registry, String name, Class<?> type) {
        if (!registry.containsBeanDefinition(name)) {
            RootBeanDefinition definition = new RootBeanDefinition(type);
            definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(name, definition);
        }
    }
}
