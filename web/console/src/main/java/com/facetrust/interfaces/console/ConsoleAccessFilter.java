package com.facetrust.interfaces.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * Lets into the console only people who hold a console role, and into each duty's pages only people who hold that
 * duty: pages under {@code /operator/}, {@code /auditor/} and {@code /sysadmin/} need that realm role.
 * Everyone else gets refused.xhtml with status 403 instead of the container's bare error page, so they know why and
 * whom to ask. This is the first of two checks: every operation a page performs goes to the API with the person's
 * own token, where the REST layer and the EJB container check the role again.
 */
@WebFilter(filterName = "ConsoleAccessFilter", urlPatterns = "/*")
public class ConsoleAccessFilter extends HttpFilter {
    static final String REFUSED_PAGE = "/refused.xhtml";
    /** Request attribute naming the duty a refused page belongs to (absent: no console role at all). */
    static final String REQUIRED_DUTY = "facetrust.console.requiredDuty";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath();
        boolean open = REFUSED_PAGE.equals(path) || LogoutServlet.PATH.equals(path)
                || path.startsWith("/jakarta.faces.resource");
        if (open) {
            chain.doFilter(request, response);
            return;
        }
        boolean consoleUser = ConsoleRoles.ALL.stream().anyMatch(request::isUserInRole);
        Optional<String> duty = dutyOf(path);
        if (consoleUser && duty.map(request::isUserInRole).orElse(true)) {
            chain.doFilter(request, response);
            return;
        }
        if (consoleUser) {
            request.setAttribute(REQUIRED_DUTY, duty.get());
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        request.getRequestDispatcher(REFUSED_PAGE).forward(request, response);
    }

    /** The duty (realm role) a page belongs to, from its folder; empty for pages every console user may open. */
    static Optional<String> dutyOf(String servletPath) {
        return ConsoleRoles.ALL.stream().filter(role -> servletPath.startsWith("/" + role + "/")).findFirst();
    }
}
