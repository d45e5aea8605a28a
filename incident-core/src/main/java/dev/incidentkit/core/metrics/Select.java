package dev.incidentkit.core.metrics;

import java.util.Arrays;

/**
 * Order statistics of a long array in place: a quickselect for each rank asked, each on the part
 * of the array above the previous rank, so that the percentiles of n values cost O(n) on average
 * instead of a sort's O(n log n). A selection that keeps choosing bad pivots sorts its range
 * instead, so the worst case stays O(n log n).
 */
final class Select {

    private static final int SMALL = 24;

    private Select() {}

    /**
     * Reorders {@code a[0..n)} so that for each rank, {@code a[rank - 1]} holds the value of that
     * rank in sorted order, and returns those values.
     *
     * @param ranks 1-based ranks in ascending order, each from 1 to n
     */
    static long[] ranks(long[] a, int n, long[] ranks) {
        long[] out = new long[ranks.length];
        int from = 0;
        for (int r = 0; r < ranks.length; r++) {
            int k = (int) ranks[r] - 1;
            if (k >= from) {
                select(a, from, n - 1, k);
                from = k + 1;
            }
            out[r] = a[k];
        }
        return out;
    }

    /** Puts the value of sorted position {@code k} at {@code a[k]}, smaller ones before, larger after. */
    static void select(long[] a, int lo, int hi, int k) {
        int budget = 2 * (64 - Long.numberOfLeadingZeros(hi - lo + 1)) + 4;
        while (hi - lo > SMALL) {
            if (--budget < 0) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            long pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] <= pivot <= a[i..hi], and everything strictly between j and i equals the pivot.
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
        Arrays.sort(a, lo, hi + 1);
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
