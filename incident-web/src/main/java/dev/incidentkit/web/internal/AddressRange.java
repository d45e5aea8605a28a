package dev.incidentkit.web.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), or a
 * single address ({@code 127.0.0.1}, {@code ::1}). Parsed without ever asking DNS: a host name is
 * refused.
 *
 * @param network the range's first address, with the host bits cleared
 * @param prefixLength how many leading bits an address must share with {@code network}
 */
public record AddressRange(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Checks the prefix length against the address family and clears the host bits. */
    public AddressRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not within 0.." + bits);
        }
        network = address(mask(network.getAddress(), prefixLength));
    }

    /**
     * @param text an address or a CIDR range, IPv4 or IPv6, such as {@code 10.0.0.0/8} or {@code ::1}
     * @return the range
     * @throws IllegalArgumentException naming {@code text} if it is neither
     */
    public static AddressRange parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        InetAddress address = literal(host, text);
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                throw invalid(text, "the prefix length after '/' must be a number");
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                throw invalid(text, "the prefix length must be at most " + bits);
            }
        }
        return new AddressRange(address, prefix);
    }

    /**
     * @param address an address of either family
     * @return whether it is in this range (never, if the families differ)
     */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.getAddress().length) {
            return false;
        }
        return Arrays.equals(mask(a, prefixLength), network.getAddress());
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress literal(String host, String original) {
        boolean v4 = IPV4.matcher(host).matches();
        boolean v6 = !v4 && IPV6.matcher(host).matches();
        if (!v4 && !v6) {
            throw invalid(original, "it is not an IPv4 or IPv6 address (host names are not accepted)");
        }
        if (v4) {
            String[] parts = host.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    throw invalid(original, "each part of an IPv4 address is at most 255");
                }
                bytes[i] = (byte) octet;
            }
            return address(bytes);
        }
        try {
            // Text with a colon is parsed as an IPv6 literal and never reaches DNS.
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw invalid(original, "it is not an IPv4 or IPv6 address");
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("Trusted proxy address \"" + text + "\" is invalid: " + why
                + "; write an address such as 10.0.0.1 or ::1, or a range such as 10.0.0.0/8 or fd00::/8.");
    }

    private static byte[] mask(byte[] address, int prefixLength) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
