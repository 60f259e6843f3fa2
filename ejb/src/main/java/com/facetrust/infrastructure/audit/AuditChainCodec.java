package com.facetrust.infrastructure.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes an audit entry's MAC is computed over: a version label, then every column in a fixed order,
 * each length-prefixed (a null is length -1, distinct from the empty string), so no two different entries share an
 * encoding — moving text between columns, or shifting a boundary, changes the MAC. The sequence number and the
 * previous entry's MAC are included, which chains the entries: deleting, inserting or reordering rows breaks the
 * link or the MAC of the entry after.
 */
public final class AuditChainCodec {
    private static final byte[] LABEL = "facetrust/audit-entry/v1".getBytes(StandardCharsets.US_ASCII);

    private AuditChainCodec() {
    }

    /** The canonical encoding of every column except the MAC itself. */
    public static byte[] canonical(ChainedEntry e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, LABEL);
            out.writeLong(e.sequence());
            out.writeLong(e.recordedAt().getEpochSecond());
            out.writeInt(e.recordedAt().getNano());
            text(out, e.principal());
            text(out, e.clientId());
            text(out, e.sourceAddress());
            text(out, e.device());
            text(out, e.action());
            text(out, e.target());
            text(out, e.outcome());
            text(out, e.transactionId());
            text(out, e.channel());
            text(out, e.decision());
            field(out, e.prevHash());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }
}
