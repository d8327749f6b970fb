package dev.iii.spring.diagnostics;

import java.util.List;
import java.util.stream.StreamSupport;

import dev.iii.sdk.IIIWorker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Warns at start-up when {@code iii.*embedded*} settings are present but no embedded engine reads them. Only
 * the development-time engine of {@code iii-spring-boot-test} does, in applications started with it; in
 * any other run (a plain {@code spring-boot:run}, the packaged jar, a copy of the first version's
 * {@code iii.embedded.enabled=true}) the settings change nothing and the worker looks for a real engine at
 * {@code iii.url}, which is easy to miss when the next line is a refused connection.
 */
public final class EmbeddedEngineSettingsCheck implements SmartInitializingSingleton {

    static final String DEVELOPMENT_ENGINE = "dev.iii.spring.test.development.IIIDevelopmentEngine";

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("iii.embedded");

    private static final Log log = LogFactory.getLog(EmbeddedEngineSettingsCheck.class);

    private final Environment environment;

    private final ListableBeanFactory beans;

    private final ObjectProvider<IIIWorker> worker;

    public EmbeddedEngineSettingsCheck(Environment environment, ListableBeanFactory beans,
            ObjectProvider<IIIWorker> worker) {
        this.environment = environment;
        this.beans = beans;
        this.worker = worker;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> settings = settings();
        if (settings.isEmpty() || developmentEngineRuns()) {
            return;
        }
        boolean onClasspath = ClassUtils.isPresent(DEVELOPMENT_ENGINE, getClass().getClassLoader());
        log.warn(String.join(", ", settings) + (settings.size() == 1 ? " is" : " are") + " set, but no embedded iii "
                + "engine runs in this application, so the worker connects to " + workerUrl() + ". "
                + (onClasspath ? "IIIDevelopmentEngine is on the classpath but not part of this application: "
                        : "The development-time engine comes from iii-spring-boot-test (test scope): ")
                + "start the application from a class under src/test with SpringApplication.from(Application::main)"
                + ".with(IIIDevelopmentEngine.class) and run ./mvnw spring-boot:test-run, or remove the setting.");
    }

    private List<String> settings() {
        return StreamSupport.stream(ConfigurationPropertySources.get(environment).spliterator(), false)
                .filter(IterableConfigurationPropertySource.class::isInstance)
                .map(IterableConfigurationPropertySource.class::cast)
                .flatMap(source -> source.filter(PREFIX::isAncestorOf).stream())
                .map(ConfigurationPropertyName::toString).distinct().sorted().toList();
    }

    private boolean developmentEngineRuns() {
        try {
            Class<?> type = ClassUtils.forName(DEVELOPMENT_ENGINE, getClass().getClassLoader());
            return beans.getBeanNamesForType(type, false, false).length > 0;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    private String workerUrl() {
        IIIWorker worker = this.worker.getIfAvailable();
        return worker != null ? worker.options().safeUrl() : "iii.url";
    }
}
