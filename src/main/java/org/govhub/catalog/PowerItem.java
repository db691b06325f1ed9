package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One power item (权力事项) as an editor enters it, a reviewer approves it and the public reads it
 * (seed 000 附件1). One shape serves all 14 types; {@link PowerItemRules} says which fields each type
 * requires and which it must not carry:
 * <ul>
 * <li>all types: code, name, legal basis (non-empty, highest rank first), handling subject; optional
 * handling department (section), address, phones, process chart, forms, materials, time limits,
 * acceptance conditions, fees, FAQ, online-handling link and {@code extensions};</li>
 * <li>XK, SP (approval): acceptance conditions, materials, statutory and promised time limit, fees;</li>
 * <li>CF (penalty): penalty kinds, discretion baseline covering every kind, whether results are published;</li>
 * <li>JL (reward): effective date, promised time limit, whether results are published; optional expiry date;</li>
 * <li>QZ and the other types: the common fields; anything local practice adds goes in {@code extensions}
 * (string keys of letters and digits starting with a lower-case letter, string values).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PowerItem(
        PowerItemCode code,
        String name,
        List<LegalBasis> legalBasis,
        HandlingSubject subject,
        String handlingDepartment,
        String address,
        String phone,
        String supervisionPhone,
        Attachment processChart,
        List<Attachment> forms,
        String acceptanceConditions,
        List<Material> materials,
        TimeLimit statutoryTimeLimit,
        TimeLimit promisedTimeLimit,
        Fees fees,
        List<Faq> faq,
        String onlineUrl,
        List<String> penaltyKinds,
        List<DiscretionRule> discretionBaseline,
        Boolean resultsPublished,
        LocalDate effectiveDate,
        LocalDate expiryDate,
        Map<String, String> extensions) {

    /** The names of the materials an applicant must submit. */
    public List<String> requiredMaterialNames() {
        return materials == null ? List.of()
                : materials.stream().filter(m -> m != null && m.mandatory()).map(Material::name).toList();
    }
}
