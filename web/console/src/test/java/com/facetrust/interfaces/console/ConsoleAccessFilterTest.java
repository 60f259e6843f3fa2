package com.facetrust.interfaces.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConsoleAccessFilterTest {

    @Test
    void eachDutyFolderBelongsToItsRoleAndTheRestToEveryConsoleUser() {
        assertEquals(Optional.of("operator"), ConsoleAccessFilter.dutyOf("/operator/events.xhtml"));
        assertEquals(Optional.of("auditor"), ConsoleAccessFilter.dutyOf("/auditor/chain.xhtml"));
        assertEquals(Optional.of("sysadmin"), ConsoleAccessFilter.dutyOf("/sysadmin/blocklist.xhtml"));
        assertEquals(Optional.empty(), ConsoleAccessFilter.dutyOf("/access.xhtml"));
        assertEquals(Optional.empty(), ConsoleAccessFilter.dutyOf("/operatorish.xhtml"));
        assertEquals(Optional.empty(), ConsoleAccessFilter.dutyOf("/index.xhtml"));
    }
}
