package dev.incidentkit.core.metrics;

import java.math.BigInteger;

/**
 * An exact sum of longs in 128 bits: a million durations of years in microseconds overflow a
 * long, and a mean must not depend on the order values came and went.
 */
final class Sum128 {

    private long hi;
    private long lo;

    void add(long x) {
        long sum = lo + x;
        hi += (x >> 63) + (Long.compareUnsigned(sum, lo) < 0 ? 1 : 0);
        lo = sum;
    }

    void subtract(long x) {
        long borrow = Long.compareUnsigned(lo, x) < 0 ? 1 : 0;
        hi -= (x >> 63) + borrow;
        lo -= x;
    }

    /** @return the sum divided by {@code count}, truncated toward zero */
    long mean(long count) {
        if (hi == (lo >> 63)) {
            return lo / count;
        }
        return toBigInteger().divide(BigInteger.valueOf(count)).longValueExact();
    }

    BigInteger toBigInteger() {
        BigInteger low = BigInteger.valueOf(lo & Long.MAX_VALUE);
        if (lo < 0) {
            low = low.setBit(63);
        }
        return BigInteger.valueOf(hi).shiftLeft(64).add(low);
    }
}
