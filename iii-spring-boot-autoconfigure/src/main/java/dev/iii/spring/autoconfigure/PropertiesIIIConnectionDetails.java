package dev.iii.spring.autoconfigure;

import java.util.Map;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/** {@link IIIConnectionDetails} from {@link IIIProperties}, with {@code iii.ssl.bundle} looked up in {@link SslBundles}. */
public class PropertiesIIIConnectionDetails implements IIIConnectionDetails {

    private final IIIProperties properties;

    private final SslBundles sslBundles;

    /** @param sslBundles the application's bundles; {@code null} when it has none, which only matters if one is named */
    public PropertiesIIIConnectionDetails(IIIProperties properties, SslBundles sslBundles) {
        this.properties = properties;
        this.sslBundles = sslBundles;
    }

    @Override
    public String getUrl() {
        return properties.url();
    }

    @Override
    public Map<String, String> getHeaders() {
        return properties.headers();
    }

    @Override
    public SslBundle getSslBundle() {
        String name = properties.ssl().bundle();
        if (name == null) {
            return null;
        }
        if (sslBundles == null) {
            throw new IllegalStateException("iii.ssl.bundle is '" + name + "', but the application has no SSL bundles "
                    + "(spring.ssl.bundle.*)");
        }
        return sslBundles.getBundle(name);
    }
}
