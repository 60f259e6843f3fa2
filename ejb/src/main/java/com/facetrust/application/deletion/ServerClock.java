package com.facetrust.application.deletion;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The one source of "now" for the subject lifecycle (consent times, deletion due dates, the sweep). A CDI producer
 * rather than {@code Instant.now()} scattered around, so a system test can select an alternative clock and prove
 * the 15-day deletion rule without waiting 15 days. Production: the UTC system clock.
 */
@ApplicationScoped
public class ServerClock {

    @Produces
    public Clock clock() {
        return Clock.systemUTC();
    }
}
