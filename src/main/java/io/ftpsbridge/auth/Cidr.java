package io.ftpsbridge.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** A network in CIDR form, {@code 10.1.0.0/16} or {@code 2001:db8::/32}; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefixLength) {

    /** Parses CIDR text; empty when it is not an IP literal with a valid prefix length (no name lookups). */
    public static Optional<Cidr> parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+") || host.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            int bits = address.length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
            return prefix < 0 || prefix > bits ? Optional.empty() : Optional.of(new Cidr(address, prefix));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when {@code address} (an IP literal) lies in this network. */
    public boolean contains(String address) {
        Optional<Cidr> other = parse(address);
        if (other.isEmpty()) {
            return false;
        }
        byte[] candidate = other.get().network();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
