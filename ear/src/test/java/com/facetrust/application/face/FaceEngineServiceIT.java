package com.facetrust.application.face;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.face.ModelInfo;
import com.facetrust.platform.DeployedEar;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * In the real server (issue 2: "the model manifest loaded"; issue 3): the start-up bean loaded the six pinned models
 * from the EAR's lib/facetrust-models.jar through the ONNX Runtime and OpenCV server modules, and the engine
 * analyses a real photo and refuses hostile input with a coded error. The photo (never committed) is copied from the
 * shared test data into the test deployment when available.
 */
@ExtendWith(ArquillianExtension.class)
class FaceEngineServiceIT {
    private static final String PHOTO = "face-engine-it/portrait.jpg";

    @Deployment
    static EnterpriseArchive deployment() throws Exception {
        EnterpriseArchive ear = DeployedEar.withTestClasses(FaceEngineServiceIT.class);
        Path photo = Path.of(System.getProperty("facetrust.testdata.dir", "../../shared/testdata"),
                "faces/deepface/id0/img1.jpg");
        if (Files.isRegularFile(photo)) {
            ArchivePath webPath = ArchivePaths.create(DeployedEar.WEB_MODULE);
            WebArchive web = ear.getAsType(WebArchive.class, webPath);
            web.addAsResource(new ByteArrayAsset(Files.readAllBytes(photo)), PHOTO);
            ear.delete(webPath);
            ear.addAsModule(web);
        }
        return ear;
    }

    @EJB
    FaceEngineService faceEngine;

    @Test
    void modelsWereLoadedAtStartupWithTheirManifest() {
        assertTrue(faceEngine.isAvailable(), "face engine available in the server");
        List<ModelInfo> manifest = faceEngine.manifest();
        assertEquals(6, manifest.size());
        assertTrue(manifest.stream().anyMatch(m -> m.file().equals("fr_feature.onnx")
                && m.sha256().equals("87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581")));
        assertTrue(faceEngine.loadMillis() > 0);
    }

    @Test
    void analysesARealPhotoInTheServer() throws Exception {
        byte[] photo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PHOTO)) {
            Assumptions.assumeTrue(in != null, "shared test data not available: photo not deployed");
            photo = in.readAllBytes();
        }
        FaceAnalysis a = faceEngine.engine().analyze(photo, AnalysisOptions.enrolment());
        assertEquals(512, a.embedding().dimension());
        assertTrue(a.quality().acceptable(), a.quality().failedReasons().toString());
    }

    @Test
    void hostileInputGetsACodedErrorNotAServerFault() {
        FaceTrustException e = assertThrows(FaceTrustException.class, () -> faceEngine.engine()
                .analyze("not an image".getBytes(), AnalysisOptions.verification()));
        assertEquals(FailureCode.IMAGE_FORMAT_UNSUPPORTED, e.failureCode());
    }
}
