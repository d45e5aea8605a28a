package dev.incidentkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The building blocks of the percentiles and means, against the obvious slow versions. */
class OrderStatisticsProperties {

    @Property(tries = 300, seed = "20250823")
    void selectFindsTheSortedValueAtEachRank(@ForAll("values") long[] values, @ForAll @IntRange(min = 1, max = 100) int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = values.length;
        long[] ranks = {DurationStats.nearestRank(Math.min(p, 50), n), DurationStats.nearestRank(p, n),
            DurationStats.nearestRank(Math.max(p, 95), n), n};
        Arrays.sort(ranks);
        long[] work = values.clone();

        long[] selected = Select.ranks(work, n, ranks);

        for (int r = 0; r < ranks.length; r++) {
            assertThat(selected[r]).isEqualTo(sorted[(int) ranks[r] - 1]);
        }
        long[] permuted = work.clone();
        Arrays.sort(permuted);
        assertThat(permuted).isEqualTo(sorted);
    }

    @Property(tries = 200, seed = "20250823")
    void multisetStatsEqualArrayStats(@ForAll("values") long[] values, @ForAll @Size(max = 50) List<@IntRange(min = 0, max = 10_000) Integer> removals) {
        LongMultiset set = new LongMultiset();
        List<Long> kept = new ArrayList<>();
        for (long v : values) {
            set.add(v);
            kept.add(v);
        }
        for (int r : removals) {
            if (!kept.isEmpty()) {
                set.remove(kept.remove(r % kept.size()));
            }
        }
        long[] array = kept.stream().mapToLong(Long::longValue).toArray();
        Sum128 sum = new Sum128();
        for (long v : array) {
            sum.add(v);
        }

        assertThat(set.stats(3)).isEqualTo(Metrics.stats(array, array.length, sum, 3));
    }

    @Property(tries = 300, seed = "20250823")
    void pairSortSortsByKeyThenValue(@ForAll @Size(max = 300) List<@LongRange(min = -20, max = 20) Long> keys,
            @ForAll @Size(max = 300) List<@LongRange(min = -5, max = 5) Long> values) {
        int n = Math.min(keys.size(), values.size());
        long[] k = new long[n];
        long[] v = new long[n];
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            k[i] = keys.get(i);
            v[i] = values.get(i);
            pairs.add(new long[] {k[i], v[i]});
        }
        pairs.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));

        PairSort.sort(k, v, n);

        for (int i = 0; i < n; i++) {
            assertThat(new long[] {k[i], v[i]}).isEqualTo(pairs.get(i));
        }
    }

    @Property(tries = 300, seed = "20250823")
    void sum128IsExact(@ForAll @Size(max = 60) List<Long> added, @ForAll @Size(max = 60) List<Long> subtracted) {
        Sum128 sum = new Sum128();
        BigInteger expected = BigInteger.ZERO;
        for (long x : added) {
            sum.add(x);
            expected = expected.add(BigInteger.valueOf(x));
        }
        for (long x : subtracted) {
            sum.subtract(x);
            expected = expected.subtract(BigInteger.valueOf(x));
        }

        assertThat(sum.toBigInteger()).isEqualTo(expected);
        int count = Math.max(1, added.size() + subtracted.size());
        BigInteger mean = expected.divide(BigInteger.valueOf(count));
        if (mean.bitLength() < 64) {
            assertThat(sum.mean(count)).isEqualTo(mean.longValueExact());
        }
    }

    /** Values from few distinct ones (many repeats) to many, sized past the selection's small-range cut-off. */
    @Provide
    Arbitrary<long[]> values() {
        Arbitrary<long[]> repeats = Arbitraries.longs().between(-3, 3).array(long[].class).ofMinSize(1).ofMaxSize(3000);
        Arbitrary<long[]> spread = Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L)
                .array(long[].class).ofMinSize(1).ofMaxSize(3000);
        Arbitrary<long[]> ascending = Arbitraries.integers().between(1, 3000).map(n -> {
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
            }
            return a;
        });
        Arbitrary<long[]> descending = ascending.map(a -> {
            long[] d = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[a.length - 1 - i];
            }
            return d;
        });
        return Arbitraries.oneOf(repeats, spread, ascending, descending);
    }
}
