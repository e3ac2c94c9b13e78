package io.ftpsbridge.protocol;

import java.util.Locale;

/** A parsed command line: the verb in upper case and the rest as sent (RFC 959 §5.3). */
public record CommandLine(String verb, String argument) {

    public static CommandLine parse(String line) {
        String text = line.stripLeading();
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        return new CommandLine(verb, argument);
    }

    /** The line as it may appear in a log: the password of PASS is never shown. */
    public String forLog() {
        return verb.equals("PASS") ? "PASS ****" : argument.isEmpty() ? verb : verb + " " + argument;
    }
}
