package com.facetrust.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Keycloak for the system tests, started once per test JVM with the project's own script and realm
 * ({@code server-config/src/main/keycloak/keycloak.sh}) on its own port and instance folder, so it never touches the
 * demo Keycloak (8180, var/keycloak). Stopped by a shutdown hook. Gives tests real tokens.
 *
 * <p>Configuration: {@code facetrust.test.keycloak.port} (default 18180), {@code facetrust.project.dir} (default: the
 * parent of the working directory, i.e. the project root when failsafe runs in ear/).
 */
public final class KeycloakTestServer {
    public static final int PORT = Integer.getInteger("facetrust.test.keycloak.port", 18180);
    public static final String BASE_URL = "http://127.0.0.1:" + PORT;
    public static final String REALM_URL = BASE_URL + "/realms/facetrust";
    public static final String TOKEN_URL = REALM_URL + "/protocol/openid-connect/token";
    public static final String JWKS_URL = REALM_URL + "/protocol/openid-connect/certs";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static KeycloakTestServer instance;

    private final Path script;
    private final Map<String, String> environment;
    private final Map<String, String> secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private KeycloakTestServer(Path projectDir) throws IOException, InterruptedException {
        this.script = projectDir.resolve("server-config/src/main/keycloak/keycloak.sh");
        // Own instance folder per parallel run (facetrust.test.keycloak.instance), else the default one.
        Path instanceDir = Path.of(System.getProperty("facetrust.test.keycloak.instance",
                projectDir.resolve("ear/target/keycloak-it").toString()));
        this.environment = Map.of(
                "FACETRUST_KC_PORT", Integer.toString(PORT),
                "FACETRUST_KC_INSTANCE", instanceDir.toString(),
                // A first start (build step + realm import) took 4 min on a loaded 2-core machine: be patient.
                "FACETRUST_KC_WAIT_SECONDS", "900");
        discardIfRealmChanged(projectDir, instanceDir);
        run("start", Duration.ofMinutes(16));
        this.secrets = readSecrets(instanceDir.resolve("demo-accounts.env"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run("stop", Duration.ofSeconds(60));
            } catch (Exception e) {
                System.err.println("Could not stop the test Keycloak: " + e);
            }
        }, "stop-test-keycloak"));
    }

    /**
     * Keycloak imports the realm only into a new instance, so an instance left in target/ by an earlier build would
     * test an outdated realm. The instance remembers the digest of the realm JSON it was made from; a different
     * digest means: stop it and start from scratch.
     */
    private void discardIfRealmChanged(Path projectDir, Path instanceDir) throws IOException, InterruptedException {
        Path realm = projectDir.resolve("server-config/src/main/keycloak/realm/facetrust-realm.json");
        String digest;
        try {
            digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(realm)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path stamp = instanceDir.resolve("realm.sha256");
        if (Files.isDirectory(instanceDir)
                && !(Files.isRegularFile(stamp) && Files.readString(stamp).trim().equals(digest))) {
            run("stop", Duration.ofSeconds(60));
            try (var paths = Files.walk(instanceDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(instanceDir);
        Files.writeString(stamp, digest);
    }

    /** The running test Keycloak, started on first use. */
    public static synchronized KeycloakTestServer get() {
        if (instance == null) {
            Path projectDir = Path.of(System.getProperty("facetrust.project.dir",
                    Path.of("").toAbsolutePath().getParent().toString()));
            try {
                instance = new KeycloakTestServer(projectDir);
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the test Keycloak: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    private void run(String command, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keycloak.sh " + command + " failed:\n" + output);
        }
    }

    private static Map<String, String> readSecrets(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            String value = line.substring(eq + 1);
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(line.substring(0, eq), value);
        }
        return values;
    }

    /** A generated secret or password from the instance's state file, e.g. FACETRUST_OPERATOR_PASSWORD. */
    public String secret(String name) {
        String value = secrets.get(name);
        if (value == null) {
            throw new IllegalStateException("No " + name + " in the test Keycloak's state file");
        }
        return value;
    }

    /** Access token by the password grant on the public facetrust-cli client. */
    public String passwordToken(String username, String password) {
        return token(TOKEN_URL, Map.of("grant_type", "password", "client_id", "facetrust-cli",
                "username", username, "password", password));
    }

    /** Access token by the password grant for an account with OTP (made with {@code withOtp}). */
    public String passwordToken(String username, String password, boolean withOtp) {
        if (!withOtp) {
            return passwordToken(username, password);
        }
        return token(TOKEN_URL, Map.of("grant_type", "password", "client_id", "facetrust-cli",
                "username", username, "password", password, "totp", totp(otpSecret(username))));
    }

    /** The OTP secret of a test user: fixed per test instance, so a rerun finds the device it set up before. */
    public String otpSecret(String username) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (secret("FACETRUST_INTERNAL_APP_SECRET") + "/otp/" + username).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) over the secret's bytes, as Keycloak computes it. */
    static String totp(String secret) {
        return com.facetrust.platform.InServerApi.totp(secret);
    }

    /** The raw token endpoint answer of a password grant (to check refusals such as OTP not yet set up). */
    public HttpResponse<String> passwordGrant(String username, String password) {
        return post(TOKEN_URL, Map.of("grant_type", "password", "client_id", "facetrust-cli",
                "username", username, "password", password), null);
    }

    /** Access token by the client-credentials grant. */
    public String clientCredentialsToken(String clientId, String clientSecret) {
        return token(TOKEN_URL, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientSecret));
    }

    /** A token of the master realm (signed by a key the facetrust realm does not publish). */
    public String masterRealmAdminToken() {
        return token(BASE_URL + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", secret("KC_BOOTSTRAP_ADMIN_USERNAME"),
                "password", secret("KC_BOOTSTRAP_ADMIN_PASSWORD")));
    }

    /**
     * Creates (once) a test-only user of the facetrust realm with the given realm roles through the admin API.
     * Test users are not part of the realm as code; they exist only in the test instance.
     */
    public synchronized void ensureUser(String username, String password, List<String> realmRoles) {
        ensureUser(username, password, realmRoles, false);
    }

    /**
     * Like {@link #ensureUser(String, String, List)}, with an OTP device already set up when {@code withOtp}
     * (secret: {@link #otpSecret(String)}), as a sysadmin must have one (A-8.1.3).
     */
    public synchronized void ensureUser(String username, String password, List<String> realmRoles, boolean withOtp) {
        String admin = masterRealmAdminToken();
        String adminRealm = BASE_URL + "/admin/realms/facetrust";
        HttpResponse<String> created = createUser(admin, username, password, withOtp ? otpSecret(username) : null);
        if (created.statusCode() == 409) {
            resetPassword(admin, adminRealm, username, password); // made by an earlier run of this instance
            return;
        }
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating test user " + username + ": " + created.statusCode() + " "
                    + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        if (realmRoles.isEmpty()) {
            return;
        }
        String roles = realmRoles.stream().map(role -> {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(adminRealm + "/roles/" + role))
                    .header("Authorization", "Bearer " + admin).GET().build());
            return r.body();
        }).collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> mapped = send(HttpRequest.newBuilder(URI.create(location + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(roles)).build());
        if (mapped.statusCode() != 204) {
            throw new IllegalStateException("Mapping roles to " + username + ": " + mapped.statusCode());
        }
    }

    /** The admin API's raw answer to creating a user with a password (to check the realm's password policy). */
    public HttpResponse<String> createUser(String username, String password) {
        return createUser(masterRealmAdminToken(), username, password, null);
    }

    private HttpResponse<String> createUser(String admin, String username, String password, String otpSecret) {
        // An OTP credential as Keycloak stores it: the secret's characters are the HMAC key (TOTP, SHA-1, 6 digits).
        String otp = otpSecret == null ? "" : ",{\"type\":\"otp\",\"userLabel\":\"test device\",\"secretData\":"
                + "\"{\\\"value\\\":\\\"" + otpSecret + "\\\"}\",\"credentialData\":\"{\\\"subType\\\":\\\"totp\\\","
                + "\\\"digits\\\":6,\\\"counter\\\":0,\\\"period\\\":30,\\\"algorithm\\\":\\\"HmacSHA1\\\"}\"}";
        String user = "{\"username\":\"" + username + "\",\"enabled\":true,\"firstName\":\"Test\",\"lastName\":\""
                + username + "\",\"email\":\"" + username + "@facetrust.invalid\",\"emailVerified\":true,"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + password + "\",\"temporary\":false}"
                + otp + "]}";
        return send(HttpRequest.newBuilder(URI.create(BASE_URL + "/admin/realms/facetrust/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user)).build());
    }

    private void resetPassword(String admin, String adminRealm, String username, String password) {
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(adminRealm + "/users?exact=true&username="
                        + URLEncoder.encode(username, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + admin).GET().build());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(found.body());
        if (found.statusCode() != 200 || !id.find()) {
            throw new IllegalStateException("Test user " + username + " not found: " + found.body());
        }
        HttpResponse<String> reset = send(HttpRequest.newBuilder(
                        URI.create(adminRealm + "/users/" + id.group(1) + "/reset-password"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"password\",\"value\":\"" + password
                        + "\",\"temporary\":false}")).build());
        if (reset.statusCode() != 204) {
            throw new IllegalStateException("Resetting the password of " + username + ": " + reset.statusCode() + " "
                    + reset.body());
        }
    }

    /**
     * Creates (once) a test-only client whose access tokens live {@code lifespanSeconds}, with the same audience and
     * microprofile-jwt scope as FaceTrust's own clients, so its tokens differ from real ones only in their lifetime.
     */
    public synchronized String ensureShortLivedClient(String clientId, int lifespanSeconds) {
        String admin = masterRealmAdminToken();
        String secret = "it-" + clientId + "-" + Integer.toHexString(secret("FACETRUST_INTERNAL_APP_SECRET").hashCode());
        String client = "{\"clientId\":\"" + clientId + "\",\"enabled\":true,\"publicClient\":false,"
                + "\"secret\":\"" + secret + "\",\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,"
                + "\"serviceAccountsEnabled\":true,\"attributes\":{\"access.token.lifespan\":\"" + lifespanSeconds
                + "\"},\"defaultClientScopes\":[\"basic\",\"profile\",\"roles\",\"microprofile-jwt\"],"
                + "\"protocolMappers\":[{\"name\":\"aud\",\"protocol\":\"openid-connect\","
                + "\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{\"included.client.audience\":"
                + "\"facetrust-api\",\"access.token.claim\":\"true\"}}]}";
        HttpResponse<String> created = send(HttpRequest.newBuilder(
                        URI.create(BASE_URL + "/admin/realms/facetrust/clients"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client)).build());
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("Creating client " + clientId + ": " + created.statusCode() + " "
                    + created.body());
        }
        return secret;
    }

    /**
     * Adds a redirect URI to the console client of the test instance when the test WildFly runs on other ports than
     * the realm lists (e.g. a port offset chosen to run beside another test run).
     */
    public synchronized void ensureConsoleRedirect(String redirectUri) {
        String admin = masterRealmAdminToken();
        String clients = BASE_URL + "/admin/realms/facetrust/clients";
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(clients + "?clientId=facetrust-console"))
                .header("Authorization", "Bearer " + admin).GET().build());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(found.body());
        if (found.statusCode() != 200 || !id.find()) {
            throw new IllegalStateException("Console client not found: " + found.body());
        }
        String representation = found.body().substring(1, found.body().length() - 1); // the one element of [ ... ]
        if (representation.contains("\"" + redirectUri + "\"")) {
            return;
        }
        String updated = representation.replaceFirst("\"redirectUris\"\\s*:\\s*\\[",
                Matcher.quoteReplacement("\"redirectUris\":[\"" + redirectUri + "\","));
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(clients + "/" + id.group(1)))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(updated)).build());
        if (put.statusCode() != 204) {
            throw new IllegalStateException("Updating the console client: " + put.statusCode() + " " + put.body());
        }
    }

    private String token(String url, Map<String, String> form) {
        HttpResponse<String> response = post(url, form, null);
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("Token request to " + url + " failed: " + response.statusCode() + " "
                    + response.body());
        }
        return m.group(1);
    }

    private HttpResponse<String> post(String url, Map<String, String> form, String bearer) {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
