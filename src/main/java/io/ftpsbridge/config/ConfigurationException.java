package io.ftpsbridge.config;

import java.util.Set;

/**
 * A setting that stops startup; its message names the key and what is wrong with it. Extends Quarkus' own
 * configuration failure, which Quarkus reports as one line rather than a stack trace.
 */
public class ConfigurationException extends io.quarkus.runtime.configuration.ConfigurationException {

    private final String key;

    public ConfigurationException(String key, String problem) {
        super(key + " " + problem, Set.of(key));
        this.key = key;
    }

    public String key() {
        return key;
    }
}
