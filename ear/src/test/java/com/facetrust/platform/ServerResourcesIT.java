package com.facetrust.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.naming.InitialContext;
import javax.sql.DataSource;

import ai.onnxruntime.OrtEnvironment;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Runs inside the server, in the deployed EAR: the resources the application relies on are there and usable from a
 * deployment — the two XA stores in one JTA transaction, and the native inference libraries from their server modules.
 */
@ExtendWith(ArquillianExtension.class)
class ServerResourcesIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return DeployedEar.withTestClasses(ServerResourcesIT.class);
    }

    /**
     * Both stores enlist in one JTA transaction. With two non-XA datasources the second enlistment fails
     * (ARJUNA012140 "Adding multiple last resources is disallowed"), so this fails if either store loses XA.
     */
    @Test
    void identityAndBiometricStoresJoinOneJtaTransaction() throws Exception {
        InitialContext jndi = new InitialContext();
        DataSource identity = (DataSource) jndi.lookup("java:jboss/datasources/IdentityDS");
        DataSource biometric = (DataSource) jndi.lookup("java:jboss/datasources/BiometricDS");
        UserTransaction tx = (UserTransaction) jndi.lookup("java:jboss/UserTransaction");

        tx.begin();
        try (Connection identityConnection = identity.getConnection();
             Connection biometricConnection = biometric.getConnection()) {
            assertEquals(1, selectOne(identityConnection));
            assertEquals(1, selectOne(biometricConnection));
            // Two separate databases (B-5.4.2), not one database under two names: H2 files .../facetrust/identity and
            // .../facetrust/biometric by default, facetrust_identity / facetrust_biometric on PostgreSQL.
            String identityUrl = identityConnection.getMetaData().getURL();
            String biometricUrl = biometricConnection.getMetaData().getURL();
            assertTrue(identityUrl.contains("identity"), identityUrl);
            assertTrue(biometricUrl.contains("biometric"), biometricUrl);
            assertNotEquals(identityUrl, biometricUrl);
        } finally {
            if (tx.getStatus() == Status.STATUS_ACTIVE) {
                tx.commit();
            } else {
                tx.rollback();
            }
        }
    }

    @Test
    void onnxRuntimeLoadsFromItsServerModule() {
        String loader = String.valueOf(OrtEnvironment.class.getClassLoader());
        assertTrue(loader.contains("ai.onnxruntime"), "ONNX Runtime must come from the server module, not the EAR: "
                + loader);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        assertTrue(environment.getAvailableProviders().stream().anyMatch(p -> p.name().equals("CPU")),
                "the native library is loaded and reports its CPU provider");
    }

    @Test
    void openCvLoadsFromItsServerModule() {
        String loader = String.valueOf(Core.class.getClassLoader());
        assertTrue(loader.contains("org.openpnp.opencv"), "OpenCV must come from the server module, not the EAR: "
                + loader);
        nu.pattern.OpenCV.loadLocally();
        assertEquals("4.9.0", Core.VERSION);
        Mat ones = Mat.ones(3, 3, CvType.CV_8UC1);
        try {
            assertEquals(9.0, Core.sumElems(ones).val[0], 0.0, "a native call computes a real result");
        } finally {
            ones.release();
        }
    }

    private static int selectOne(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }
}
