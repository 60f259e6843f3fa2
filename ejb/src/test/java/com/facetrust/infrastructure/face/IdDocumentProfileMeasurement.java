package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.face.QualityCheck;
import com.facetrust.domain.face.QualityProfile;
import com.facetrust.domain.failure.FaceTrustException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the ID-document quality profile (D-6.6 f) judges ID-photo-like images made from the test photos: the bbt face
 * crops as they are (150×150 grey, the size of a chip image) and deepface photos turned into "printed and scanned"
 * ID photos (frontal crop, 35:45, 240×308 px, blurred σ≈1 px, JPEG quality 50). Prints pass rates and which checks
 * refuse; run with {@code -Dtest=IdDocumentProfileMeasurement} (not part of the normal test run: a measurement).
 */
class IdDocumentProfileMeasurement {

    @Test
    void passRatesOfIdPhotoLikeImages() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(TestImages.dir()), "testdata absent");
        FaceEngine engine = SharedEngine.get();
        for (QualityProfile profile : List.of(QualityProfile.idDocument(), QualityProfile.verification())) {
            report(engine, profile, "bbt as is", TestImages.imagesUnder(TestImages.faces("bbt")), false);
            report(engine, profile, "deepface print-scan", TestImages.imagesUnder(TestImages.faces("deepface")), true);
        }
    }

    /** Scores of the pairs RecognitionIT relies on (never shown by the API; here to pick robust test pairs). */
    @Test
    void scoresOfTheSystemTestPairs() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(TestImages.dir()), "testdata absent");
        FaceEngine engine = SharedEngine.get();
        Path d = TestImages.faces("deepface");
        String[][] pairs = {{"id8/img34.jpg", "id8/img36.jpg"}, {"id8/img35.jpg", "id8/img36.jpg"},
                {"id8/img34.jpg", "id8/img37.jpg"}, {"id8/img35.jpg", "id8/img37.jpg"},
                {"id8/img34.jpg", "id9/img18.jpg"}, {"id8/img35.jpg", "id9/img18.jpg"},
                {"id8/img34.jpg", "id10/img20.jpg"}, {"id8/img35.jpg", "id10/img20.jpg"}};
        for (String[] p : pairs) {
            System.out.printf("pair %s %s cosine %.3f%n", p[0], p[1], cosine(engine, TestImages.read(d.resolve(p[0])),
                    TestImages.read(d.resolve(p[1]))));
        }
        System.out.printf("id-photo print-scan id8/img34 vs live id8/img37 cosine %.3f%n", cosine(engine,
                printScan(TestImages.read(d.resolve("id8/img34.jpg"))), TestImages.read(d.resolve("id8/img37.jpg"))));
        System.out.printf("id-photo print-scan id9/img18 vs live id8/img37 cosine %.3f%n", cosine(engine,
                printScan(TestImages.read(d.resolve("id9/img18.jpg"))), TestImages.read(d.resolve("id8/img37.jpg"))));
    }

    private static double cosine(FaceEngine engine, byte[] a, byte[] b) {
        AnalysisOptions o = new AnalysisOptions(QualityProfile.verification(), true, false);
        return engine.analyze(a, o).embedding().cosine(engine.analyze(b, o).embedding());
    }

    private static void report(FaceEngine engine, QualityProfile profile, String set, List<Path> images,
                               boolean printScan) throws IOException {
        int pass = 0;
        int total = 0;
        int noFace = 0;
        Map<String, Integer> refusedBy = new TreeMap<>();
        for (Path p : images) {
            byte[] data = TestImages.read(p);
            if (printScan) {
                data = printScan(data);
            }
            total++;
            try {
                FaceAnalysis a = engine.analyze(data, new AnalysisOptions(profile, false, false));
                if (a.quality().acceptable()) {
                    pass++;
                } else {
                    for (QualityCheck c : a.quality().failedChecks()) {
                        refusedBy.merge(c.name(), 1, Integer::sum);
                    }
                }
            } catch (FaceTrustException e) {
                noFace++;
                refusedBy.merge(e.failureCode().name(), 1, Integer::sum);
            }
        }
        System.out.printf("%-13s %-20s pass %d/%d (%.1f %%), no face %d, refused by %s%n", profile.name(), set, pass,
                total, 100.0 * pass / total, noFace, refusedBy);
    }

    /** A frontal-ish 35:45 crop around the centre, downscaled to 240 px wide, blurred and JPEG-compressed. */
    static byte[] printScan(byte[] jpeg) throws IOException {
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(jpeg));
        int w = src.getWidth();
        int h = src.getHeight();
        int cropW = Math.min(w, (int) (h * 35.0 / 45));
        int cropH = (int) (cropW * 45.0 / 35);
        cropH = Math.min(cropH, h);
        BufferedImage crop = src.getSubimage((w - cropW) / 2, (h - cropH) / 2, cropW, cropH);
        BufferedImage small = new BufferedImage(240, 308, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(crop, 0, 0, 240, 308, null);
        g.dispose();
        float[] k = {1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f};
        BufferedImage blurred = new ConvolveOp(new Kernel(3, 3, k), ConvolveOp.EDGE_NO_OP, null).filter(small, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.5f);
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(blurred, null, null), param);
        }
        writer.dispose();
        return out.toByteArray();
    }
}
