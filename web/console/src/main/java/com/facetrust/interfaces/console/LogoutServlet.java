package com.facetrust.interfaces.console;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Ends the console session here and at Keycloak (RP-initiated logout), then returns to the console, which asks for
 * a new login. The provider URL is the same system property oidc.json reads.
 */
@WebServlet(name = "Logout", urlPatterns = LogoutServlet.PATH)
public class LogoutServlet extends HttpServlet {
    static final String PATH = "/logout";
    static final String PROVIDER_URL_PROPERTY = "facetrust.oidc.provider-url";
    static final String DEFAULT_PROVIDER_URL = "http://127.0.0.1:8180/realms/facetrust";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        String back = request.getRequestURL().toString().replace(PATH, "/");
        String provider = System.getProperty(PROVIDER_URL_PROPERTY, DEFAULT_PROVIDER_URL);
        response.sendRedirect(provider + "/protocol/openid-connect/logout?client_id=facetrust-console"
                + "&post_logout_redirect_uri=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }
}
