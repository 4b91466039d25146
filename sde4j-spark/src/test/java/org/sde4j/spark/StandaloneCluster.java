package org.sde4j.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a master and one worker, each its own JVM on this test's
 * classpath, on ports the operating system picks (port 0; the master's URL is read from its log). The
 * worker's executors get the same classpath ({@code spark.executor.extraClassPath}); their Spark home is a
 * temporary directory with an empty {@code jars/} and a {@code RELEASE} file, which is what Spark's launcher
 * looks for. {@link #close()} stops every JVM it started (executors included) and deletes the directory.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final long START_SECONDS = 90;

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final Thread cleanup = new Thread(this::stopProcesses, "sde4j-standalone-cleanup");
    private String masterUrl;

    private StandaloneCluster() throws IOException {
        home = Files.createTempDirectory("sde4j-spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("work"));
        Files.writeString(home.resolve("RELEASE"), "sde4j test Spark home\n");
        // INFO: the master's URL and the worker's registration are read from these lines.
        Files.writeString(home.resolve("conf/log4j2.properties"), String.join("\n",
                "rootLogger.level = info", "rootLogger.appenderRef.stderr.ref = console",
                "appender.console.type = Console", "appender.console.name = console",
                "appender.console.target = SYSTEM_ERR", "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n", ""));
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts a master and a worker with {@code cores} cores; returns when the worker has registered. */
    static StandaloneCluster start(int cores) throws IOException {
        StandaloneCluster cluster = new StandaloneCluster();
        try {
            Process master = cluster.launch("master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
            cluster.masterUrl = cluster.await(master, 0, MASTER_URL);
            Process worker = cluster.launch("worker", "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", Integer.toString(cores),
                    "--memory", "1g", "--work-dir", cluster.home.resolve("work").toString(), cluster.masterUrl);
            cluster.await(worker, 1, Pattern.compile("Successfully registered with master"));
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** spark://127.0.0.1:PORT */
    String masterUrl() {
        return masterUrl;
    }

    /** The JVM options the executors need (Spark's --add-opens list). */
    static String addOpens() {
        return System.getProperty("sde4j.spark.addOpens", "");
    }

    /** The master's, the worker's and the executors' logs, for a failure message. */
    String logs() {
        StringBuilder out = new StringBuilder();
        List<Path> all = new ArrayList<>(logs);
        try (Stream<Path> files = Files.walk(home.resolve("work"))) {
            files.filter(p -> p.getFileName().toString().equals("stderr")).forEach(all::add);
        } catch (IOException e) {
            out.append("(cannot list executor logs: ").append(e).append(")\n");
        }
        for (Path log : all) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("== ").append(log).append('\n');
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append("(cannot read ").append(log).append(")\n");
            }
        }
        return out.toString();
    }

    private Process launch(String name, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(Arrays.asList(addOpens().trim().split("\\s+")));
        command.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties").toUri());
        command.add("-Dspark.master.rest.enabled=false");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_CONF_DIR", home.resolve("conf").toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOCAL_DIRS", home.resolve("work").toString());
        Process process = builder.start();
        processes.add(process);
        Path log = home.resolve(name + ".log");
        logs.add(log);
        List<String> lines = new CopyOnWriteArrayList<>();
        outputs.add(lines);
        Thread pump = new Thread(() -> pump(process, log, lines), "sde4j-" + name + "-log");
        pump.setDaemon(true);
        pump.start();
        return process;
    }

    private final List<List<String>> outputs = new ArrayList<>();

    private static void pump(Process process, Path log, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            lines.add("(log pump stopped: " + e + ")");
        }
    }

    /** Waits for a line of process {@code index}'s output to match; returns group 1, or the whole match. */
    private String await(Process process, int index, Pattern pattern) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        List<String> lines = outputs.get(index);
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (; seen < lines.size(); seen++) {
                Matcher m = pattern.matcher(lines.get(seen));
                if (m.find()) {
                    return m.groupCount() >= 1 ? m.group(1) : m.group();
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the Spark process exited (" + process.exitValue() + ") before '"
                        + pattern + "':\n" + logs());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the cluster", e);
            }
        }
        throw new IllegalStateException("no '" + pattern + "' within " + START_SECONDS + " s:\n" + logs());
    }

    private void stopProcesses() {
        // Worker first (it stops its executors), then the master; whatever remains is killed.
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + home, e);
        }
    }
}
