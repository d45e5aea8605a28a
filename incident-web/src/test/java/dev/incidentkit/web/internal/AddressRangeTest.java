package dev.incidentkit.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void parses_and_normalizes() {
        assertThat(AddressRange.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
        assertThat(AddressRange.parse("::1").toString()).isEqualTo("0:0:0:0:0:0:0:1/128");
        assertThat(AddressRange.parse("0.0.0.0/0").contains(address(new byte[] {8, 8, 8, 8}))).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(address(new byte[16]))).as("families never mix").isFalse();
    }

    /** An address is in a range exactly when its first prefixLength bits equal the network's. */
    @Property(tries = 300)
    void contains_is_a_prefix_match(@ForAll @Size(16) byte[] network, @ForAll @Size(16) byte[] probe,
            @ForAll @IntRange(min = 0, max = 128) int prefix, @ForAll boolean v4) {
        int length = v4 ? 4 : 16;
        int bits = Math.min(prefix, length * 8);
        byte[] n = java.util.Arrays.copyOf(network, length);
        byte[] p = java.util.Arrays.copyOf(probe, length);
        // Half the time, make the probe share the prefix.
        if ((probe[15] & 1) == 0) {
            for (int i = 0; i < bits; i++) {
                setBit(p, i, bit(n, i));
            }
        }
        boolean expected = true;
        for (int i = 0; i < bits; i++) {
            expected &= bit(n, i) == bit(p, i);
        }
        AddressRange range = new AddressRange(address(n), bits);
        assertThat(range.contains(address(p))).isEqualTo(expected);
        assertThat(AddressRange.parse(range.toString())).isEqualTo(range);
    }

    private static boolean bit(byte[] b, int i) {
        return (b[i / 8] & (0x80 >> (i % 8))) != 0;
    }

    private static void setBit(byte[] b, int i, boolean on) {
        if (on) {
            b[i / 8] |= (byte) (0x80 >> (i % 8));
        } else {
            b[i / 8] &= (byte) ~(0x80 >> (i % 8));
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
