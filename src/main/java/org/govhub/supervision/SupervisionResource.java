package org.govhub.supervision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.govhub.access.Allowed;
import org.govhub.access.CurrentCaller;
import org.govhub.access.Role;
import org.govhub.common.problem.ProblemException;
import org.govhub.licences.StatedPurpose;

/** Electronic supervision (电子监察): alerts and their workflow, the rules repository. */
@Path("/api/v1/supervision")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.SUPERVISOR)
public class SupervisionResource {
    private final AlertWorkflow workflow;
    private final SupervisionRules rules;
    private final EfficiencyStats stats;
    private final CaseReplay replay;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    public SupervisionResource(AlertWorkflow workflow, SupervisionRules rules, EfficiencyStats stats, CaseReplay replay,
            CurrentCaller caller, ObjectMapper json) {
        this.stats = stats;
        this.replay = replay;
        this.json = json;
        this.workflow = workflow;
        this.rules = rules;
        this.caller = caller;
    }

    /** The optional body of a workflow step. */
    public record StepNote(String note) {
    }

    @GET
    @Path("/alerts")
    public AlertWorkflow.AlertList alerts(@QueryParam("level") String level, @QueryParam("region") String region,
            @QueryParam("department") String department, @QueryParam("status") String status,
            @QueryParam("rule") String rule, @QueryParam("caseNo") String caseNo,
            @QueryParam("before") String before, @QueryParam("limit") String limit) {
        return workflow.list(caller.get(),
                new AlertWorkflow.AlertFilter(level, region, department, status, rule, caseNo, before, limit));
    }

    @GET
    @Path("/alerts/{id}")
    public AlertView alert(@PathParam("id") String id) {
        return workflow.get(caller.get(), id);
    }

    @POST
    @Path("/alerts/{id}/acknowledgement")
    @Consumes(MediaType.WILDCARD)
    public AlertView acknowledge(@PathParam("id") String id, String body) {
        return workflow.step(caller.get(), id, AlertAction.ACKNOWLEDGED, optionalNote(body));
    }

    @POST
    @Path("/alerts/{id}/investigation")
    @Consumes(MediaType.APPLICATION_JSON)
    public AlertView investigate(@PathParam("id") String id, StepNote body) {
        return workflow.step(caller.get(), id, AlertAction.INVESTIGATED, body == null ? null : body.note());
    }

    @POST
    @Path("/alerts/{id}/closure")
    @Consumes(MediaType.WILDCARD)
    public AlertView close(@PathParam("id") String id, String body) {
        return workflow.step(caller.get(), id, AlertAction.CLOSED, optionalNote(body));
    }

    /** Acknowledgement and closure take an optional JSON body, so a bare POST (no body, no content type) works too. */
    private String optionalNote(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, StepNote.class).note();
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body must be empty or a JSON object such as {\"note\": \"…\"}: "
                    + e.getOriginalMessage());
        }
    }

    @GET
    @Path("/rules/{regionPrefix}")
    public RuleSet rules(@PathParam("regionPrefix") String regionPrefix) {
        return rules.applying(caller.get(), regionPrefix);
    }

    @GET
    @Path("/rules/{regionPrefix}/versions")
    public SupervisionRules.RuleSetHistory ruleVersions(@PathParam("regionPrefix") String regionPrefix) {
        return rules.versions(caller.get(), regionPrefix);
    }

    @PUT
    @Path("/rules/{regionPrefix}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RuleSet changeRules(@PathParam("regionPrefix") String regionPrefix, RuleSetChange change) {
        return rules.change(caller.get(), regionPrefix, change);
    }

    @GET
    @Path("/stats")
    public EfficiencyStats.Stats stats(@QueryParam("groupBy") String groupBy, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("region") String region) {
        return stats.compute(caller.get(), groupBy, from, to, region);
    }

    @GET
    @Path("/cases/{caseNo}/replay")
    public CaseReplay.Replay replay(@PathParam("caseNo") String caseNo,
            @HeaderParam(StatedPurpose.HEADER) String purpose) {
        return replay.replay(caller.get(), caseNo, purpose == null || purpose.isBlank() ? null : StatedPurpose.require(purpose));
    }
}
