package com.facetrust.application.policy;

import com.facetrust.application.security.FaceTrustRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.List;

/** The configured channels for sysadmins and operators (A-4 f, D-6.3 e: the container checks the roles). */
@Stateless
@RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.OPERATOR})
public class ChannelDirectory {

    @EJB
    PolicySettings settings;

    public List<ChannelView> list() {
        return settings.channels().entries().stream().map(e -> new ChannelView(e.name(), e.targetFar(),
                e.liveness() == null ? null : e.liveness().name(), e.stepUp(), e.usable(),
                e.source() == null ? null : e.source().name(), e.problem())).toList();
    }
}
