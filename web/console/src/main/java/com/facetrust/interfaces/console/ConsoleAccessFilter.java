package com.facetrust.interfaces.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Lets into the console only people who hold a console role. Everyone else — logged in through Keycloak,
 * but e.g. an internal application's account or a user without a duty — gets refused.xhtml with status 403 instead
 * of the container's bare error page, so they know why and whom to ask.
 */
@WebFilter(filterName = "ConsoleAccessFilter", urlPatterns = "/*")
public class ConsoleAccessFilter extends HttpFilter {
    static final String REFUSED_PAGE = "/refused.xhtml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath();
        boolean open = REFUSED_PAGE.equals(path) || LogoutServlet.PATH.equals(path)
                || path.startsWith("/jakarta.faces.resource");
        if (open || ConsoleRoles.ALL.stream().anyMatch(request::isUserInRole)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        request.getRequestDispatcher(REFUSED_PAGE).forward(request, response);
    }
}
