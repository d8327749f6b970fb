package dev.iii.spring.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers {@link IIIClient} interfaces as beans, each created by the {@link IIIClientFactory} when first
 * needed. Driven by {@link EnableIIIClients}, or, without it, by Spring Boot's auto-configuration packages.
 */
public class IIIClientsRegistrar
        implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware, ResourceLoaderAware {

    /** Marks that {@link EnableIIIClients} took charge, so the auto-configuration does not scan again. */
    public static final String EXPLICIT_MARKER_BEAN_NAME = "dev.iii.spring.client.internalExplicitIIIClients";

    private BeanFactory beanFactory;
    private Environment environment;
    private ResourceLoader resourceLoader;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(EnableIIIClients.class.getName());
        Set<String> types = new LinkedHashSet<>();
        List<String> packages = new ArrayList<>();
        if (attributes != null) {
            registry.registerBeanDefinition(EXPLICIT_MARKER_BEAN_NAME, new RootBeanDefinition(Object.class));
            packages.addAll(List.of((String[]) attributes.get("basePackages")));
            for (Class<?> client : (Class<?>[]) attributes.get("clients")) {
                types.add(client.getName());
            }
            if (packages.isEmpty() && types.isEmpty()) {
                packages.add(ClassUtils.getPackageName(metadata.getClassName()));
            }
        }
        else if (!registry.containsBeanDefinition(EXPLICIT_MARKER_BEAN_NAME)
                && AutoConfigurationPackages.has(beanFactory)) {
            packages.addAll(AutoConfigurationPackages.get(beanFactory));
        }
        types.addAll(scan(packages));
        for (String type : types) {
            register(type, registry);
        }
    }

    private Set<String> scan(List<String> packages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                environment) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface() && definition.getMetadata().isIndependent();
            }
        };
        scanner.setResourceLoader(resourceLoader);
        scanner.addIncludeFilter(new AnnotationTypeFilter(IIIClient.class));
        Set<String> found = new LinkedHashSet<>();
        for (String basePackage : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                found.add(candidate.getBeanClassName());
            }
        }
        return found;
    }

    private void register(String typeName, BeanDefinitionRegistry registry) {
        Class<?> type = ClassUtils.resolveClassName(typeName, resourceLoader.getClassLoader());
        String beanName = typeName;
        if (registry.containsBeanDefinition(beanName)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type);
        definition.setInstanceSupplier(() -> beanFactory.getBean(IIIClientFactory.class).createClient(type));
        registry.registerBeanDefinition(beanName, definition);
    }
}
