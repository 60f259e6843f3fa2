package com.facetrust.application.enrolment;

import java.util.List;

/**
 * {@link LifecycleApi} for in-server tests of other packages (e.g. the gallery's): the same real REST calls with
 * real Keycloak tokens, public. Add {@link #classes()} to the test EAR ({@code DeployedEar} adds the shared client).
 */
public final class LifecycleClient {
    private final LifecycleApi api = new LifecycleApi();

    /** Status and body of one call. */
    public record Reply(int status, String body, String code) {
    }

    /** The classes to add to a test EAR's web module for this client. */
    public static Class<?>[] classes() {
        return new Class<?>[]{LifecycleClient.class, Reply.class, LifecycleApi.class};
    }

    public String operatorToken() {
        return api.operatorToken();
    }

    /** A token of the internal application (client credentials; no operator or sysadmin role). */
    public String internalAppToken() {
        return api.internalAppToken();
    }

    /** Registers a subject with consents for the purposes (current notice versions); returns the UID. */
    public String register(String token, String... purposes) {
        return api.register(token, purposes);
    }

    public Reply enrolJson(String uid, String token, List<byte[]> images) {
        return reply(api.enrolJson(uid, token, images));
    }

    public Reply postJson(String path, String token, String json) {
        return reply(api.postJson(path, token, json));
    }

    public Reply delete(String path, String token) {
        return reply(api.delete(path, token));
    }

    public Reply get(String path, String token) {
        return reply(api.get(path, token));
    }

    /** The current notice version of a purpose. */
    public String noticeVersion(String purpose) {
        return api.noticeVersions().get(purpose);
    }

    /** Arms the test observer: the next reference write of this UID fails between the identity and biometric write. */
    public static void failBetweenWritesFor(String uid) {
        ReferenceWritesProbe.failBetweenWritesFor(uid);
    }

    private static Reply reply(LifecycleApi.Answer a) {
        String code = null;
        try {
            code = a.code();
        } catch (RuntimeException e) {
            // not a JSON object: no code
        }
        return new Reply(a.status(), a.body(), code);
    }
}
