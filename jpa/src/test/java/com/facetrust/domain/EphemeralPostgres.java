package com.facetrust.domain;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests, started from the machine's own PostgreSQL binaries (Debian's
 * {@code postgresql} package: /usr/lib/postgresql/N/bin) in a temporary directory on a free loopback port, with trust
 * authentication, and removed again on {@link #close()}. Nothing is downloaded. As root, PostgreSQL refuses to run,
 * so the server runs as the {@code postgres} system user via {@code runuser}.
 */
final class EphemeralPostgres implements AutoCloseable {
    private final Path binDir;
    private final Path dir;
    private final List<String> asUser;
    private final int port;
    private final Thread shutdownHook;

    private EphemeralPostgres(Path binDir, Path dir, List<String> asUser, int port) {
        this.binDir = binDir;
        this.dir = dir;
        this.asUser = asUser;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "ephemeral-postgres-stop");
    }

    /** Starts a server if PostgreSQL is installed and can be run here; empty (with the reason) otherwise. */
    static Optional<EphemeralPostgres> startIfInstalled(StringBuilder whyNot) {
        Optional<Path> bin = findBinDir();
        if (bin.isEmpty()) {
            whyNot.append("no PostgreSQL binaries (/usr/lib/postgresql/*/bin/initdb)");
            return Optional.empty();
        }
        try {
            List<String> asUser = new ArrayList<>();
            Path dir = Files.createTempDirectory("facetrust-pg-");
            if ("root".equals(System.getProperty("user.name"))) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                try {
                    Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
                } catch (IOException e) {
                    whyNot.append("running as root and there is no 'postgres' user to run PostgreSQL as");
                    return Optional.empty();
                }
                asUser.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            EphemeralPostgres pg = new EphemeralPostgres(bin.get(), dir, asUser, port);
            pg.start();
            return Optional.of(pg);
        } catch (IOException | InterruptedException | RuntimeException e) {
            whyNot.append("PostgreSQL did not start: ").append(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Path> findBinDir() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void start() throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        run(List.of(binDir.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-locale", "--no-sync"));
        // Test server only: no fsync; XA needs prepared transactions like a production server would.
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c max_prepared_transactions=10";
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options, "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "start"));
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(asUser);
        full.addAll(command);
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " failed: " + output.strip());
        }
    }

    /** Admin JDBC URL (superuser {@code postgres}, database {@code postgres}). */
    String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private void stopQuietly() {
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                    "immediate", "-w", "stop"));
        } catch (IOException | InterruptedException e) {
            // best effort: the directory is removed below either way
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temporary directory; nothing else to do
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // JVM already shutting down
        }
    }
}
