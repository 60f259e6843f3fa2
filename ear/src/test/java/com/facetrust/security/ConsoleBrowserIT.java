package com.facetrust.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.platform.DeployedEar;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser (Debian's Chromium, headless) against the real Keycloak and the real EAR, one
 * browser session per duty:
 * <ul>
 * <li>an anonymous visit lands on Keycloak's login page;</li>
 * <li>the console's calls reach the EJBs as the logged-in person: the access page shows the name and roles the EJB
 * container sees, and a guarded EJB method of another duty is refused by the container;</li>
 * <li>operator: security events (A-5.7.5.3) listed and acknowledged; auditor: audit history with filters, reports,
 * chain verification (A-8.6, D-6.6i); sysadmin (with OTP, A-8.1.3): blocklist add/remove, channel policies;</li>
 * <li>each duty's pages refused (403 page) to the other duties and to a person without a console role.</li>
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(KeycloakServerSetup.class)
class ConsoleBrowserIT {

    private static final int OFFSET = Integer.getInteger("facetrust.test.port.offset", 10000);
    private static final String CONSOLE = "http://127.0.0.1:" + (8080 + OFFSET) + "/facetrust-console/";
    private static final String API = "http://127.0.0.1:" + (8080 + OFFSET) + "/facetrust/api/v1";
    private static final String CHROMIUM = System.getProperty("facetrust.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("facetrust.test.chromedriver", "/usr/bin/chromedriver");
    private static final String RUN = Long.toHexString(System.nanoTime());
    private static final String NO_ROLE_USER = "it-norole";
    private static final String NO_ROLE_PASSWORD = "It-Norole-" + RUN + "!7b";
    /** Test-only sysadmin with an OTP device (a sysadmin cannot log in without one, A-8.1.3). */
    private static final String SYSADMIN_USER = "it-console-sysadmin";
    private static final String SYSADMIN_PASSWORD = "It-Console-" + RUN + "!5s";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static KeycloakTestServer keycloak;

    /** The application the console's pages call (through the API, with the logged-in person's token). */
    @Deployment(name = "application", testable = false, order = 1)
    static EnterpriseArchive application() {
        return DeployedEar.asBuilt();
    }

    @Deployment(name = "console", testable = false, order = 2)
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
        keycloak.ensureUser(SYSADMIN_USER, SYSADMIN_PASSWORD, List.of("sysadmin"), true);
        keycloak.ensureConsoleRedirect(CONSOLE + "*");
    }

    @Test
    void operatorIsSeenByTheEjbsAndHandlesSecurityEvents() throws Exception {
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
            assertEquals("operator", text(browser, "user-name"));
            assertEquals("operator", text(browser, "user-roles"));
            assertEquals(1, browser.findElements(By.id("duty-operator")).size(), "operator duty listed");
            assertTrue(browser.findElements(By.id("duty-sysadmin")).isEmpty(), "no sysadmin duty for the operator");
            assertTrue(browser.findElements(By.id("nav-history")).isEmpty(), "no auditor pages offered");

            // Identity propagation: the EJB container sees the operator with the operator role, and refuses them
            // the auditor's guarded method (the REST path of this probe has no role check of its own).
            open(browser, "access.xhtml");
            assertEquals("operator", text(browser, "ejb-name"), pageText(browser));
            assertEquals("operator", text(browser, "ejb-roles"));
            click(browser, "try-operator");
            assertTrue(text(browser, "try-result").startsWith("allowed: the EJB method asOperator ran as operator"),
                    text(browser, "try-result"));
            click(browser, "try-auditor");
            assertTrue(text(browser, "try-result").startsWith("refused by the EJB container"), text(browser, "try-result"));
            assertTrue(text(browser, "failure").contains("FT-3002"), text(browser, "failure"));

            // That refusal is a WARNING (FT-3002): it is an unacknowledged security event now, counted on the home
            // page and listed on the events page.
            open(browser, "");
            long unacknowledged = Long.parseLong(text(browser, "open-events-count"));
            assertTrue(unacknowledged >= 1, pageText(browser));
            open(browser, "operator/events.xhtml");
            WebElement event = browser.findElements(By.cssSelector("tr.event[data-code='FT-3002']")).stream()
                    .filter(row -> row.getText().contains("operator")).findFirst()
                    .orElseThrow(() -> new AssertionError("no FT-3002 event of the operator listed: "
                            + browser.findElement(By.id("event-table")).getText()));
            String id = event.getAttribute("data-event");
            event.findElement(By.cssSelector("input.acknowledge")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
            assertEquals("Event " + id + " acknowledged.", text(browser, "notice"));
            assertTrue(browser.findElements(By.cssSelector("tr.event[data-event='" + id + "']")).isEmpty(),
                    "acknowledged event left the list of unacknowledged ones");
            open(browser, "");
            assertEquals(unacknowledged - 1, Long.parseLong(text(browser, "open-events-count")), pageText(browser));
            open(browser, "operator/events.xhtml");
            new Select(browser.findElement(By.id("filter-acknowledged"))).selectByValue("true");
            click(browser, "search");
            WebElement acknowledged = browser.findElement(By.cssSelector("tr.event[data-event='" + id + "']"));
            assertTrue(acknowledged.findElement(By.className("acknowledgement")).getText().contains("operator"),
                    acknowledged.getText());

            assertRefused(browser, "auditor/history.xhtml", "auditor");
            assertRefused(browser, "sysadmin/blocklist.xhtml", "sysadmin");
        } finally {
            browser.quit();
        }
    }

    @Test
    void auditorSeesHistoryAndReportsAndVerifiesTheChain() throws Exception {
        // Something to find: a subject registered by the operator through the API (an audited operation).
        String uid = registerSubject(keycloak.passwordToken("operator", keycloak.secret("FACETRUST_OPERATOR_PASSWORD")));
        WebDriver browser = newBrowser();
        try {
            browser.get(CONSOLE);
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            logIn(browser, "auditor", keycloak.secret("FACETRUST_AUDITOR_PASSWORD"));
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("user-name")));
            assertEquals("auditor", text(browser, "user-roles"));

            open(browser, "access.xhtml");
            assertEquals("auditor", text(browser, "ejb-name"), pageText(browser));
            assertEquals("auditor", text(browser, "ejb-roles"));
            click(browser, "try-operator");
            assertTrue(text(browser, "try-result").startsWith("refused by the EJB container"), text(browser, "try-result"));

            // History: the subject's entries, found by UID and shown under its pseudonym only.
            open(browser, "auditor/history.xhtml");
            assertFalse(browser.findElements(By.cssSelector("tr.entry")).isEmpty(), "history lists entries");
            browser.findElement(By.id("filter-subject")).sendKeys(uid);
            click(browser, "search");
            List<WebElement> entries = browser.findElements(By.cssSelector("tr.entry"));
            assertFalse(entries.isEmpty(), "entries of the registered subject: " + pageText(browser));
            String action = entries.get(0).getAttribute("data-action");
            assertFalse(browser.findElement(By.id("entry-table")).getText().contains(uid), "no UID in clear");
            assertFalse(browser.getPageSource().replace("value=\"" + uid + "\"", "").contains(uid),
                    "the UID appears only in the filter field the auditor typed it into");

            // Filter by action: every row has that action.
            browser.findElement(By.id("filter-subject")).clear();
            browser.findElement(By.id("filter-action")).sendKeys(action);
            click(browser, "search");
            List<String> actions = browser.findElements(By.cssSelector("tr.entry")).stream()
                    .map(row -> row.getAttribute("data-action")).distinct().toList();
            assertEquals(List.of(action), actions);

            // Reports by action count that action at least once.
            open(browser, "auditor/reports.xhtml");
            new Select(browser.findElement(By.id("group-by"))).selectByValue("action");
            click(browser, "report");
            WebElement line = browser.findElements(By.cssSelector("tr.report-row")).stream()
                    .filter(row -> action.equals(row.getAttribute("data-group"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no report line for " + action + ": " + pageText(browser)));
            assertTrue(Long.parseLong(line.findElement(By.className("count")).getText()) >= 1, line.getText());

            // The chain verifies intact.
            open(browser, "auditor/chain.xhtml");
            click(browser, "verify");
            assertEquals("intact", text(browser, "chain-verdict"), pageText(browser));

            assertRefused(browser, "operator/events.xhtml", "operator");
            assertRefused(browser, "sysadmin/channels.xhtml", "sysadmin");
        } finally {
            browser.quit();
        }
    }

    @Test
    void sysadminManagesTheBlocklistAndReadsTheChannelPolicies() throws Exception {
        WebDriver browser = newBrowser();
        try {
            browser.get(CONSOLE);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            logIn(browser, SYSADMIN_USER, SYSADMIN_PASSWORD);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("otp")));
            browser.findElement(By.id("otp")).sendKeys(KeycloakTestServer.totp(keycloak.otpSecret(SYSADMIN_USER)));
            browser.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-name")));
            assertEquals("sysadmin", text(browser, "user-roles"));

            open(browser, "sysadmin/blocklist.xhtml");
            String cidr = "203.0.113." + (System.nanoTime() % 200 + 1) + "/32";
            new Select(browser.findElement(By.id("add-kind"))).selectByValue("ADDRESS");
            browser.findElement(By.id("add-value")).sendKeys(cidr);
            browser.findElement(By.id("add-reason")).sendKeys("console test " + RUN);
            click(browser, "add");
            assertTrue(text(browser, "notice").contains(cidr), pageText(browser));
            WebElement entry = browser.findElements(By.cssSelector("tr.blocked")).stream()
                    .filter(row -> row.getAttribute("data-blocked").contains(cidr.replace("/32", ""))).findFirst()
                    .orElseThrow(() -> new AssertionError("added entry not listed: " + pageText(browser)));
            String id = entry.getAttribute("data-entry");

            // A malformed address is refused by the server with its code, nothing added.
            int before = browser.findElements(By.cssSelector("tr.blocked")).size();
            browser.findElement(By.id("add-value")).sendKeys("300.1.2.3/33");
            browser.findElement(By.id("add-reason")).sendKeys("malformed");
            click(browser, "add");
            assertTrue(text(browser, "failure").contains("FT-3003"), pageText(browser));
            assertEquals(before, browser.findElements(By.cssSelector("tr.blocked")).size());

            browser.findElement(By.cssSelector("tr.blocked[data-entry='" + id + "'] input.remove")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
            assertTrue(browser.findElements(By.cssSelector("tr.blocked[data-entry='" + id + "']")).isEmpty(),
                    "removed entry gone");

            open(browser, "sysadmin/channels.xhtml");
            List<String> channels = browser.findElements(By.cssSelector("tr.channel")).stream()
                    .map(row -> row.getAttribute("data-channel")).toList();
            assertTrue(channels.containsAll(List.of("counter", "kiosk", "mobile", "web")), channels.toString());

            assertRefused(browser, "operator/events.xhtml", "operator");
            assertRefused(browser, "auditor/chain.xhtml", "auditor");
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
            assertEquals("Access refused", text(browser, "refused"));
            assertEquals(NO_ROLE_USER, text(browser, "user-name"));
            assertTrue(browser.findElements(By.id("user-roles")).isEmpty(), "no console content shown");
            for (String page : List.of("access.xhtml", "operator/events.xhtml", "auditor/history.xhtml",
                    "sysadmin/blocklist.xhtml")) {
                browser.get(CONSOLE + page);
                assertEquals("Access refused", text(browser, "refused"), page);
                assertTrue(browser.findElements(By.id("page-title")).isEmpty(), page + " not rendered");
            }
        } finally {
            browser.quit();
        }
    }

    /**
     * The duty page answers 403 with the refusal page naming its duty, and none of its content. The status is read
     * with the browser's own session cookie (a browser does not expose it).
     */
    private static void assertRefused(WebDriver browser, String page, String duty) throws Exception {
        String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(URI.create(CONSOLE + page))
                .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, direct.statusCode(), page + ": " + direct.body());
        assertTrue(direct.body().contains("id=\"refused\""), page);
        browser.get(CONSOLE + page);
        assertEquals("Access refused", text(browser, "refused"), page);
        assertEquals(duty, text(browser, "refused-duty"), page);
        assertTrue(browser.findElements(By.id("page-title")).isEmpty(), page + " not rendered");
    }

    private static void open(WebDriver browser, String page) {
        browser.get(CONSOLE + page);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("page-title")));
    }

    /** Clicks a button that submits its form and waits for the new page. */
    private static void click(WebDriver browser, String id) {
        WebElement button = browser.findElement(By.id(id));
        button.click();
        // The old page is gone once its button is. Chromium reports a node of a replaced document either as stale
        // or, mid-navigation, as "Node with given id does not belong to the document" (a plain WebDriverException,
        // which ExpectedConditions.stalenessOf does not treat as stale and lets the test fail on).
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
            try {
                button.isEnabled();
                return false;
            } catch (WebDriverException replaced) {
                return true;
            }
        });
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String pageText(WebDriver browser) {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void logIn(WebDriver browser, String username, String password) {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
    }

    /** Registers a subject (privacy-policy consent, current notice) through the API; returns its UID. */
    private static String registerSubject(String operatorToken) throws Exception {
        HttpResponse<String> notices = HTTP.send(HttpRequest.newBuilder(URI.create(API + "/consent-notices")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, notices.statusCode(), notices.body());
        // The test JVM has no JSON-P implementation: the flat notice objects are read with patterns.
        Matcher notice = Pattern.compile("\\{[^{}]*\"purpose\"\\s*:\\s*\"PRIVACY_POLICY\"[^{}]*}").matcher(notices.body());
        assertTrue(notice.find(), notices.body());
        Matcher version = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(notice.group());
        assertTrue(version.find(), notice.group());
        String body = "{\"consents\":[{\"purpose\":\"PRIVACY_POLICY\",\"noticeVersion\":\"" + version.group(1)
                + "\"}],\"channel\":\"counter\"}";
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(API + "/subjects"))
                .header("Authorization", "Bearer " + operatorToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        Matcher uid = Pattern.compile("\"uid\"\\s*:\\s*\"([0-9a-fA-F]{32})\"").matcher(created.body());
        assertTrue(uid.find(), created.body());
        return uid.group(1);
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
