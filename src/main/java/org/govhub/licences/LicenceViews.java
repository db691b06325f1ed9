package org.govhub.licences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.govhub.common.problem.ProblemException;

/** Reads metadata JSON (strictly, at the edge) and turns stored licences into API views. */
@ApplicationScoped
public class LicenceViews {
    private final ObjectReader strictMetadata;
    private final ObjectReader storedMetadata;
    private final LicenceSealer sealer;

    public LicenceViews(ObjectMapper mapper, LicenceSealer sealer) {
        this.strictMetadata = mapper.readerFor(LicenceMetadata.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.storedMetadata = mapper.readerFor(LicenceMetadata.class);
        this.sealer = sealer;
    }

    /** The metadata part of an issue request; unknown members are refused so nothing is silently dropped. */
    public LicenceMetadata parseSubmitted(String json) throws JsonProcessingException {
        if (json == null || json.isBlank()) {
            throw ProblemException.invalidField("metadata", "is required: a JSON part named metadata with the licence metadata");
        }
        LicenceMetadata metadata = strictMetadata.readValue(json);
        if (metadata == null) {
            throw ProblemException.invalidField("metadata", "must be a JSON object");
        }
        return metadata;
    }

    public LicenceMetadata metadata(Licence licence) {
        try {
            return storedMetadata.readValue(licence.metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata of " + licence.licenceId + " is not readable", e);
        }
    }

    public LicenceView view(Licence licence, Instant now) {
        return new LicenceView(licence.licenceId, licence.statusAt(now), licence.statusSinceAt(now),
                licence.statusReason, metadata(licence),
                new LicenceView.FileInfo(licence.fileSize, licence.fileSm3, licence.contentType,
                        "/api/v1/licences/" + licence.licenceId + "/file"),
                licence.issuedAt, licence.issuedBy, sealer.view(licence), licence.revision, licence.originJson);
    }
}
