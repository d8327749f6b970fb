package dev.iii.spring.annotation;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the {@link IIIAnnotationBeanPostProcessor} once, under a fixed name, as an infrastructure
 * bean without constructor dependencies.
 */
public class IIIBootstrapConfiguration implements ImportBeanDefinitionRegistrar {

    /** Bean name of the post-processor; the auto-configuration adds {@link EnableIII} only when it is absent. */
    public static final String POST_PROCESSOR_BEAN_NAME = "dev.iii.spring.annotation.internalIIIAnnotationProcessor";

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(POST_PROCESSOR_BEAN_NAME)) {
            RootBeanDefinition definition = new RootBeanDefinition(IIIAnnotationBeanPostProcessor.class);
            definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(POST_PROCESSOR_BEAN_NAME, definition);
        }
    }
}
