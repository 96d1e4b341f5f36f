package org.vertreg.api;

import jakarta.annotation.security.RolesAllowed;
import org.vertreg.api.security.Roles;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.vertreg.api.ApiViews.InstanceView;
import org.vertreg.archive.InstanceRecord;

@Path("/api/instances")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TECHNOLOGIST, Roles.ADMINISTRATOR, Roles.AUDITOR})
public class InstanceResource {

    @GET
    @Path("/{sopInstanceUid}")
    public InstanceView get(@PathParam("sopInstanceUid") String sopInstanceUid) {
        InstanceRecord instance = InstanceRecord.find("sopInstanceUid", sopInstanceUid).firstResult();
        if (instance == null) {
            throw new NotFoundException("no instance " + sopInstanceUid);
        }
        return InstanceView.of(instance);
    }
}
