package com.facetrust.interfaces.cli;

import com.facetrust.infrastructure.audit.AuditChainWalk;
import com.facetrust.infrastructure.audit.ChainVerdict;
import com.facetrust.infrastructure.audit.ChainedEntry;
import com.facetrust.infrastructure.crypto.Pkcs12MasterKeyProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code facetrust audit-verify}: verifies the audit chain outside the server (A-8.6, D-8.2.5 b), e.g. on a restored
 * backup or after an incident — reads {@code audit_entry} and {@code audit_chain_head} over JDBC and the audit MAC
 * key from the master keystore (password from {@code FACETRUST_PROTECTION_MASTER_KEYSTORE_PASSWORD}), and runs the
 * same walk as the server ({@link AuditChainWalk}). Exit code 0 intact, 1 broken, 2 could not verify.
 *
 * <p>An H2 file store is locked by a running server: verify a copy, or stop the server first. Nothing is written to
 * the database or the keystore.
 */
@Command(name = "audit-verify", mixinStandardHelpOptions = true,
        description = "Verify the hash-chained audit log (exit 0 intact, 1 broken, 2 error).")
public final class AuditVerifyCommand implements Callable<Integer> {
    static final String PASSWORD_ENV = "FACETRUST_PROTECTION_MASTER_KEYSTORE_PASSWORD";
    static final int PAGE = 1000;

    @Option(names = "--url", required = true, description = "JDBC URL of the identity store, e.g. "
            + "jdbc:h2:var/wildfly/data/facetrust/identity (the run command's default) or "
            + "jdbc:postgresql://host/identity")
    String url;

    @Option(names = "--user", defaultValue = "sa", description = "Database user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "sa", description = "Database password (default: ${DEFAULT-VALUE}).")
    String password;

    @Option(names = "--keystore", required = true, description = "The master keystore (PKCS12), e.g. "
            + "var/wildfly/data/facetrust-keys/master.p12.")
    Path keystore;

    /** For tests: the keystore password instead of the environment variable. */
    char[] keystorePassword;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        char[] secret = keystorePassword != null ? keystorePassword.clone()
                : System.getenv(PASSWORD_ENV) == null ? null : System.getenv(PASSWORD_ENV).toCharArray();
        if (secret == null || secret.length == 0) {
            err.println("audit-verify: set " + PASSWORD_ENV + " to the master keystore password");
            return 2;
        }
        if (!Files.isRegularFile(keystore)) {
            err.println("audit-verify: no keystore at " + keystore);
            return 2;
        }
        try {
            Pkcs12MasterKeyProvider master = Pkcs12MasterKeyProvider.open(
                    new Pkcs12MasterKeyProvider.Config(keystore, secret));
            if (!master.hasAuditMacKey()) {
                err.println("audit-verify: the keystore has no " + Pkcs12MasterKeyProvider.AUDIT_MAC_ALIAS + " entry");
                return 2;
            }
            ChainVerdict verdict;
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                connection.setReadOnly(true);
                verdict = AuditChainWalk.walk(new JdbcChainSource(connection), master::auditMac, PAGE);
            }
            if (verdict.intact()) {
                out.println("INTACT: " + verdict.entriesChecked() + " entries checked");
                return 0;
            }
            out.println("BROKEN at entry " + verdict.firstBrokenSequence() + ": " + verdict.reason() + " ("
                    + verdict.entriesChecked() + " entries checked)");
            return 1;
        } catch (SQLException | RuntimeException e) {
            err.println("audit-verify: could not verify: " + e.getMessage());
            return 2;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** Plain JDBC, portable SQL (H2 and PostgreSQL). */
    static final class JdbcChainSource implements AuditChainWalk.ChainSource {
        private final Connection connection;

        JdbcChainSource(Connection connection) {
            this.connection = connection;
        }

        @Override
        public AuditChainWalk.Head head() {
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT last_seq, last_mac FROM audit_chain_head WHERE id = 1");
                 ResultSet r = s.executeQuery()) {
                return r.next() ? new AuditChainWalk.Head(r.getLong(1), r.getBytes(2)) : null;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read audit_chain_head: " + e.getMessage(), e);
            }
        }

        @Override
        public List<ChainedEntry> page(long after, long upTo, int limit) {
            try (PreparedStatement s = connection.prepareStatement("SELECT seq, recorded_at, principal, client_id, "
                    + "source_address, device, action, target, outcome, transaction_id, channel, decision, prev_hash, "
                    + "mac FROM audit_entry WHERE seq > ? AND seq <= ? ORDER BY seq FETCH FIRST " + limit
                    + " ROWS ONLY")) {
                s.setLong(1, after);
                s.setLong(2, upTo);
                List<ChainedEntry> page = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        page.add(new ChainedEntry(r.getLong(1), r.getObject(2, OffsetDateTime.class).toInstant(),
                                r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                                r.getString(8), r.getString(9), r.getString(10), r.getString(11), r.getString(12),
                                r.getBytes(13), r.getBytes(14)));
                    }
                }
                return page;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read audit_entry: " + e.getMessage(), e);
            }
        }

        @Override
        public Long highestSequence() {
            try (PreparedStatement s = connection.prepareStatement("SELECT MAX(seq) FROM audit_entry");
                 ResultSet r = s.executeQuery()) {
                r.next();
                long max = r.getLong(1);
                return r.wasNull() ? null : max;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read audit_entry: " + e.getMessage(), e);
            }
        }
    }
}
