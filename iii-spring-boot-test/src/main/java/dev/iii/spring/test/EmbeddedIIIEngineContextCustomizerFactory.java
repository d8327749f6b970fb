package dev.iii.spring.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Turns {@link EmbeddedIIIEngine} on a test class into an {@link EmbeddedIIIEngineContextCustomizer}. */
public class EmbeddedIIIEngineContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedIIIEngine annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedIIIEngine.class);
        return annotation == null ? null : new EmbeddedIIIEngineContextCustomizer(annotation.httpPort());
    }
}
