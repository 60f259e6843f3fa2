package com.facetrust.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser (Debian's Chromium, headless) against the real Keycloak: an anonymous visit
 * lands on Keycloak's login page; the operator logs in and sees their name and role; a person without a console role
 * is refused with a page that says so.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(KeycloakServerSetup.class)
class ConsoleBrowserIT {

    private static final int OFFSET = Integer.getInteger("facetrust.test.port.offset", 10000);
    private static final String CONSOLE = "http://127.0.0.1:" + (8080 + OFFSET) + "/facetrust-console/";
    private static final String CHROMIUM = System.getProperty("facetrust.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("facetrust.test.chromedriver", "/usr/bin/chromedriver");
    private static final String NO_ROLE_USER = "it-norole";
    private static final String NO_ROLE_PASSWORD = "It-Norole-" + Long.toHexString(System.nanoTime()) + "!7b";

    private static KeycloakTestServer keycloak;

    @Deployment(name = "console", testable = false)
    static WebArchive console() {
        String path = System.getProperty("facetrust.console.war.file");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("Console WAR not found (facetrust.console.war.file=" + path
                    + "): build web/console first");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    }

    @BeforeAll
    static void browserAndUsers() {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Chromium/chromedriver not installed (apt-get install -y chromium chromium-driver): browser test skipped");
        keycloak = KeycloakTestServer.get();
        keycloak.ensureUser(NO_ROLE_USER, NO_ROLE_PASSWORD, List.of());
        keycloak.ensureConsoleRedirect(CONSOLE + "*");
    }

    @Test
    void anonymousVisitLandsOnKeycloakLoginAndOperatorSeesNameAndRoles() throws Exception {
        WebDriver browser = newBrowser();
        try {
            browser.get(CONSOLE);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertTrue(browser.getCurrentUrl().startsWith(KeycloakTestServer.REALM_URL + "/protocol/openid-connect/auth"),
                    "expected Keycloak's login page, got " + browser.getCurrentUrl());

            logIn(browser, "operator", keycloak.secret("FACETRUST_OPERATOR_PASSWORD"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-name")));
            assertTrue(browser.getCurrentUrl().startsWith(CONSOLE), browser.getCurrentUrl());
            assertEquals("operator", browser.findElement(By.id("user-name")).getText());
            assertEquals("operator", browser.findElement(By.id("user-roles")).getText());
            assertTrue(browser.findElements(By.id("duty-operator")).size() == 1, "operator duty listed");
            assertTrue(browser.findElements(By.id("duty-sysadmin")).isEmpty(), "no sysadmin duty for the operator");
        } finally {
            browser.quit();
        }
    }

    @Test
    void personWithoutConsoleRoleIsRefused() throws Exception {
        WebDriver browser = newBrowser();
        try {
            browser.get(CONSOLE);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            logIn(browser, NO_ROLE_USER, NO_ROLE_PASSWORD);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refused")));
            assertEquals("Access refused", browser.findElement(By.id("refused")).getText());
            assertEquals(NO_ROLE_USER, browser.findElement(By.id("user-name")).getText());
            assertTrue(browser.findElements(By.id("user-roles")).isEmpty(), "no console content shown");
        } finally {
            browser.quit();
        }
    }

    private static void logIn(WebDriver browser, String username, String password) {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
    }

    private static WebDriver newBrowser() throws Exception {
        Path profile = Files.createTempDirectory("facetrust-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
