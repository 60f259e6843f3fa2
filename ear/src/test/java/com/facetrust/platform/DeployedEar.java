package com.facetrust.platform;

import java.io.File;

import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The EAR exactly as the build produced it ({@code ear/target/facetrust.ear}), for system tests that deploy the
 * real application rather than a hand-assembled archive.
 *
 * <p>Use {@link #asBuilt()} for tests that run as a client ({@code @Deployment(testable = false)} /
 * {@code @RunAsClient}), and {@link #withTestClasses(Class[])} for tests that run inside the server: the test classes
 * are added to the EAR's web module, which sees the EJB module and the EAR's lib/ (sub-deployments are not isolated).
 */
public final class DeployedEar {

    /** Name of the web module inside the EAR (maven-ear-plugin outputFileNameMapping, ear/pom.xml). */
    public static final String WEB_MODULE = "facetrust-web.war";

    private DeployedEar() {
    }

    /** The built EAR file; fails with a clear message when the build has not produced it. */
    public static File file() {
        String path = System.getProperty("facetrust.ear.file");
        if (path == null) {
            throw new IllegalStateException("System property facetrust.ear.file is not set: run the tests through "
                    + "Maven (mvn verify), which sets it in ear/pom.xml");
        }
        File ear = new File(path);
        if (!ear.isFile()) {
            throw new IllegalStateException("EAR not found at " + ear + ": the ear module must be packaged first");
        }
        return ear;
    }

    /** The built EAR, unchanged. */
    public static EnterpriseArchive asBuilt() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, file());
    }

    /**
     * The built EAR with the given classes added to its web module, for in-server (testable) tests, together with
     * the shared in-server client ({@link InServerApi}, its {@link InServerApi.Answer}, {@link InServerTokens}).
     */
    public static EnterpriseArchive withTestClasses(Class<?>... classes) {
        EnterpriseArchive ear = asBuilt();
        ArchivePath webPath = ArchivePaths.create(WEB_MODULE);
        WebArchive web = ear.getAsType(WebArchive.class, webPath);
        web.addClasses(classes);
        web.addClasses(DeployedEar.class, InServerApi.class, InServerApi.Answer.class, InServerTokens.class);
        ear.delete(webPath);
        ear.addAsModule(web);
        return ear;
    }

    /**
     * Adds a library jar with the given classes and an annotated-discovery {@code beans.xml} to the EAR's lib/: for
     * CDI beans every module must see — the adjustable clock that replaces the server clock, test probes observing
     * the application's events.
     */
    public static EnterpriseArchive addBeanLibrary(EnterpriseArchive ear, String jarName, Class<?>... classes) {
        return ear.addAsLibrary(ShrinkWrap.create(JavaArchive.class, jarName).addClasses(classes)
                .addAsManifestResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml"));
    }
}
