package com.facetrust.interfaces.cli;

import com.facetrust.infrastructure.audit.AuditChainCodec;
import com.facetrust.infrastructure.audit.ChainedEntry;
import com.facetrust.infrastructure.crypto.Pkcs12MasterKeyProvider;
import com.facetrust.infrastructure.persistence.DataStore;
import com.facetrust.infrastructure.persistence.SchemaMigrator;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code facetrust audit-verify} against a real (H2) identity store built by the real migrations, with a chain
 * written the way the server writes it and a real master keystore: exit 0 when intact, 1 with the broken sequence
 * number after a row is edited or deleted, 2 without the keystore password or with a wrong one.
 */
class AuditVerifyCommandTest {
    private static final char[] PASSWORD = "test-master-password".toCharArray();

    @TempDir
    Path dir;

    private String url;
    private Path keystore;
    private final StringWriter out = new StringWriter();

    @BeforeEach
    void storeWithAChain() throws Exception {
        url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("sa");
        new SchemaMigrator(AuditVerifyCommandTest.class.getClassLoader()).migrate(DataStore.IDENTITY, ds);
        keystore = dir.resolve("master.p12");
        Pkcs12MasterKeyProvider master = Pkcs12MasterKeyProvider.createKeystore(
                new Pkcs12MasterKeyProvider.Config(keystore, PASSWORD.clone()));
        try (Connection c = ds.getConnection()) {
            byte[] prev = ChainedEntry.genesis();
            for (int seq = 1; seq <= 5; seq++) {
                ChainedEntry e = new ChainedEntry(seq, Instant.now(), "operator", "facetrust-cli", "127.0.0.1", null,
                        "ENROL", "pseudonym", "OK", null, seq == 3 ? "counter" : null, null, prev, null);
                byte[] mac = master.auditMac(AuditChainCodec.canonical(e));
                try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_entry (seq, recorded_at, principal, "
                        + "client_id, source_address, device, action, target, outcome, transaction_id, channel, "
                        + "decision, prev_hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setLong(1, seq);
                    s.setObject(2, e.recordedAt().atOffset(ZoneOffset.UTC));
                    s.setString(3, e.principal());
                    s.setString(4, e.clientId());
                    s.setString(5, e.sourceAddress());
                    s.setString(6, e.device());
                    s.setString(7, e.action());
                    s.setString(8, e.target());
                    s.setString(9, e.outcome());
                    s.setString(10, e.transactionId());
                    s.setString(11, e.channel());
                    s.setString(12, e.decision());
                    s.setBytes(13, prev);
                    s.setBytes(14, mac);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE audit_chain_head SET last_seq = ?, last_mac = ? WHERE id = 1")) {
                    s.setLong(1, seq);
                    s.setBytes(2, mac);
                    s.executeUpdate();
                }
                prev = mac;
            }
        }
    }

    private int run(char[] password, String... extra) {
        AuditVerifyCommand command = new AuditVerifyCommand();
        command.keystorePassword = password;
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        String[] args = new String[4 + extra.length];
        args[0] = "--url";
        args[1] = url;
        args[2] = "--keystore";
        args[3] = keystore.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return cli.execute(args);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "sa"); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void intactChainExitsZero() {
        assertEquals(0, run(PASSWORD), out.toString());
        assertTrue(out.toString().contains("INTACT: 5 entries"), out.toString());
    }

    @Test
    void anEditedRowExitsOneNamingItsSequence() throws Exception {
        sql("UPDATE audit_entry SET outcome = 'FT-4011' WHERE seq = 3");
        assertEquals(1, run(PASSWORD), out.toString());
        assertTrue(out.toString().contains("BROKEN at entry 3"), out.toString());
    }

    @Test
    void aDeletedRowAndACutTailExitOne() throws Exception {
        sql("DELETE FROM audit_entry WHERE seq = 5");
        assertEquals(1, run(PASSWORD), out.toString());
        assertTrue(out.toString().contains("BROKEN at entry 5") && out.toString().contains("tail"), out.toString());
        sql("DELETE FROM audit_entry WHERE seq = 2");
        assertEquals(1, run(PASSWORD));
        assertTrue(out.toString().contains("BROKEN at entry 2"), out.toString());
    }

    @Test
    void withoutTheKeystorePasswordOrWithAWrongOneItCannotVerify() {
        assertEquals(2, run(null), "no password (environment variable unset in tests)");
        assertEquals(2, run("wrong".toCharArray()), out.toString());
        assertEquals(2, run(PASSWORD, "--user", "nobody", "--password", "x"), out.toString());
    }
}
