package dev.incidentkit.core.metrics;

/**
 * Sorts pairs of longs held in two parallel arrays, by the first and then the second: a stable
 * bottom-up merge sort, O(n log n) in the worst case, without boxing.
 */
final class PairSort {

    private static final int RUN = 32;

    private PairSort() {}

    static void sort(long[] keys, long[] values, int n) {
        for (int lo = 0; lo < n; lo += RUN) {
            insertion(keys, values, lo, Math.min(lo + RUN, n));
        }
        if (n <= RUN) {
            return;
        }
        long[] k1 = keys;
        long[] v1 = values;
        long[] k2 = new long[n];
        long[] v2 = new long[n];
        for (int width = RUN; width < n; width <<= 1) {
            for (int lo = 0; lo < n; lo += width << 1) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + (width << 1), n);
                merge(k1, v1, k2, v2, lo, mid, hi);
            }
            long[] t = k1;
            k1 = k2;
            k2 = t;
            t = v1;
            v1 = v2;
            v2 = t;
        }
        if (k1 != keys) {
            System.arraycopy(k1, 0, keys, 0, n);
            System.arraycopy(v1, 0, values, 0, n);
        }
    }

    private static void merge(long[] k, long[] v, long[] outK, long[] outV, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        for (int o = lo; o < hi; o++) {
            if (j >= hi || (i < mid && !less(k[j], v[j], k[i], v[i]))) {
                outK[o] = k[i];
                outV[o] = v[i++];
            } else {
                outK[o] = k[j];
                outV[o] = v[j++];
            }
        }
    }

    private static void insertion(long[] k, long[] v, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            long key = k[i];
            long value = v[i];
            int j = i - 1;
            while (j >= lo && less(key, value, k[j], v[j])) {
                k[j + 1] = k[j];
                v[j + 1] = v[j];
                j--;
            }
            k[j + 1] = key;
            v[j + 1] = value;
        }
    }

    private static boolean less(long k1, long v1, long k2, long v2) {
        return k1 < k2 || (k1 == k2 && v1 < v2);
    }
}
