package io.ftpsbridge.datachannel;

import io.ftpsbridge.config.ConfigurationException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An inclusive range of TCP ports, written {@code first-last}. */
public record PortRange(int first, int last) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*");

    public static PortRange parse(String key, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new ConfigurationException(key, "must be a port range such as 30000-30099, got '" + text + "'");
        }
        int first = Integer.parseInt(m.group(1));
        int last = Integer.parseInt(m.group(2));
        if (first < 1024 || last > 65535 || first > last) {
            throw new ConfigurationException(key,
                    "must run from a first port to a last port within 1024-65535, got '" + text + "'");
        }
        return new PortRange(first, last);
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }
}
