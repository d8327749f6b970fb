package dev.iii.spring.autoconfigure;

import java.util.Map;

/** {@link IIIConnectionDetails} from {@link IIIProperties}. */
public class PropertiesIIIConnectionDetails implements IIIConnectionDetails {

    private final IIIProperties properties;

    public PropertiesIIIConnectionDetails(IIIProperties properties) {
        this.properties = properties;
    }

    @Override
    public String getUrl() {
        return properties.url();
    }

    @Override
    public Map<String, String> getHeaders() {
        return properties.headers();
    }
}
