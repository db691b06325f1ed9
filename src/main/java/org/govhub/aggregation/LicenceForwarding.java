package org.govhub.aggregation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.govhub.common.HubClock;
import org.govhub.licences.Licence;
import org.govhub.licences.LicenceListener;
import org.govhub.licences.LicenceStatusChange;

/**
 * Every licence stored here and every status change of one gets its outbox row in the same
 * transaction, when this node has an upstream. The row holds the licence's state (metadata, status,
 * revision, file SM3 and size, origin) but not the file: the sender streams that from S3.
 */
@ApplicationScoped
public class LicenceForwarding implements LicenceListener {
    private final UpstreamLink upstream;
    private final ObjectMapper json;
    private final HubClock clock;

    public LicenceForwarding(UpstreamLink upstream, ObjectMapper json, HubClock clock) {
        this.upstream = upstream;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void stored(Licence licence) {
        if (!upstream.configured()) {
            return;
        }
        try {
            ObjectNode body = json.createObjectNode();
            body.set("metadata", json.readTree(licence.metadata));
            body.put("status", licence.status);
            body.put("statusSince", licence.statusSince.toString());
            body.put("statusReason", licence.statusReason);
            body.put("revision", licence.revision);
            body.put("issuedAt", licence.issuedAt.toString());
            body.put("issuedBy", licence.issuedBy);
            body.put("fileSm3", licence.fileSm3);
            body.put("fileSize", licence.fileSize);
            if (licence.originJson != null) {
                body.set("origin", json.readTree(licence.originJson));
            }
            enqueue(OutboxEntry.LICENCE, licence.licenceId + "/" + licence.revision, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored licence " + licence.licenceId + " does not serialise", e);
        }
    }

    @Override
    public void statusChanged(Licence licence, LicenceStatusChange change) {
        if (!upstream.configured()) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.put("revision", licence.revision);
        body.put("status", licence.status);
        body.put("since", licence.statusSince.toString());
        body.put("reason", licence.statusReason);
        enqueue(OutboxEntry.LICENCE_STATUS, licence.licenceId + "/" + licence.revision, body.toString());
    }

    private void enqueue(String kind, String ref, String payload) {
        OutboxEntry row = new OutboxEntry();
        row.kind = kind;
        row.ref = ref;
        row.payload = payload;
        row.createdAt = clock.instant();
        row.attempts = 0;
        row.persist();
    }
}
