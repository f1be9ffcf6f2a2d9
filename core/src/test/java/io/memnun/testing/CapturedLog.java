package io.memnun.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the library logged while a block ran: the tests log through slf4j-simple, which writes to {@code System.err}
 * as it is at each line, so swapping the stream captures the lines (of every thread, so the block should be the only
 * thing running).
 */
public final class CapturedLog {
    private CapturedLog() {}

    public static String during(Runnable block) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            block.run();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }
}
