package io.github.copernicawebhooks.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Makes a call a number of times, some at once, printing each answer as it comes. */
final class Calls {

  private Calls() {}

  /**
   * Makes the call {@code count} times, {@code concurrency} at a time; prints one line per answer and,
   * for more than one call, a summary.
   *
   * @return 0 when every answer was 2xx, else 1
   */
  static int run(PrintWriter out, int count, int concurrency, Callable<Delivery.Answer> call)
      throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, count));
    try {
      List<Future<Delivery.Answer>> answers = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        String prefix = count == 1 ? "" : "#" + i + " ";
        answers.add(pool.submit(() -> printed(out, prefix, call.call())));
      }
      int successes = 0;
      for (Future<Delivery.Answer> answer : answers) {
        successes += answer.get().isSuccess() ? 1 : 0;
      }
      if (count > 1) {
        out.println(count + " calls: " + successes + " answered 2xx, " + (count - successes) + " did not");
      }
      out.flush();
      return successes == count ? 0 : 1;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Delivery.Answer printed(PrintWriter out, String prefix, Delivery.Answer answer) {
    synchronized (out) {
      out.println(prefix + answer.line());
      out.flush();
    }
    return answer;
  }
}
