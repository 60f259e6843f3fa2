package com.facetrust.application.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR range such as {@code 10.0.0.0/8} or {@code fc00::/7} (blocklists D-6.6 e, usual networks
 * D-8.1.4 c). Only address literals are accepted — a host name is refused, never resolved (no DNS lookup on the
 * request path). An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is treated as the IPv4 address it carries.
 */
public final class AddressRange {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix} (a bare address means a single host). Host bits set below the prefix are
     * cleared, so {@code 10.1.2.3/8} is {@code 10.0.0.0/8}.
     *
     * @throws IllegalArgumentException when it is not a CIDR range of literal addresses
     */
    public static AddressRange parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        byte[] address = literal(addressPart)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address literal: " + addressPart));
        int max = address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("bad prefix length: " + cidr);
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                throw new IllegalArgumentException("prefix length above " + max + ": " + cidr);
            }
        }
        return new AddressRange(masked(address, prefix), prefix);
    }

    /** The address as bytes (4 or 16), or empty when the text is not an IP literal. Never resolves a name. */
    public static Optional<byte[]> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0 && t.contains(":")) {
            t = t.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(t).matches();
        boolean v6 = !v4 && t.contains(":") && IPV6.matcher(t).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String octet : t.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            // A literal (checked above) is parsed, not looked up.
            return Optional.of(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether the address (a literal as the server saw it) lies in this range; false for anything unparsable. */
    public boolean contains(String address) {
        return literal(address).map(this::contains).orElse(false);
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(masked(address, prefixLength), network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff00 >> bitsHere));
        }
        return out;
    }

    /** Normalised text, e.g. {@code 10.0.0.0/8} or {@code fc00:0:0:0:0:0:0:0/7}. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }
}
