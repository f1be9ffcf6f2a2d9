package io.memnun.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The same work on several threads released together, as the concurrency tests race it. */
public final class Concurrently {
    private Concurrently() {}

    /** One value of the work; it may throw whatever the code under test throws. */
    @FunctionalInterface
    public interface Draw<T> {
        T next() throws Exception;
    }

    /**
     * On {@code threads} threads released at once, {@code each} values from {@code draw} per thread; each thread's
     * values in the order it drew them. Fails if a thread fails or takes longer than a minute.
     */
    public static <T> List<List<T>> draw(int threads, int each, Draw<T> draw) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<T>>> drawn = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                drawn.add(pool.submit(() -> {
                    start.await();
                    List<T> mine = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        mine.add(draw.next());
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<List<T>> all = new ArrayList<>();
            for (Future<List<T>> f : drawn) {
                all.add(f.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
