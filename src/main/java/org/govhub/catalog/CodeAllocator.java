package org.govhub.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.govhub.access.Caller;
import org.govhub.common.HubClock;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;
import org.govhub.common.problem.ProblemType;

/**
 * Hands out and claims power-item codes so that a sequence, once used under a subject and type, is
 * never used again (seed 000 附件2 §三). Every allocation or claim for a subject + type holds that
 * pair's counter row locked ({@code SELECT … FOR UPDATE}) until its transaction ends, so concurrent
 * allocations are serialised and never see the same free number.
 */
@ApplicationScoped
public class CodeAllocator {
    @jakarta.inject.Inject
    CatalogAudit catalogAudit;

    private static final int CHUNK = 1000;

    private final CodeCounters counters;
    private final HubClock clock;

    public CodeAllocator(CodeCounters counters, HubClock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** The next unused code after the highest one ever taken for the subject and type, reserved at once. */
    @Transactional
    public AllocatedCode allocate(Caller caller, CodeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body with subjectCode and type is required");
        }
        FieldErrors errors = new FieldErrors();
        String subject = errors.attempt("subjectCode", () -> PowerItemCode.requireSubjectCode(request.subjectCode()));
        if (request.type() == null) {
            errors.add("type", "type code is required, one of XK, SP, CF, QZ, ZS, GF, JL, QR, ZY, CJ, JG, DL, FW, QT");
        }
        errors.throwIfAny();
        caller.requireCovers(subject, "subject code");
        String key = CodeCounter.key(subject, request.type());
        CodeCounter counter = lock(List.of(key)).get(key);
        int sequence = counter.lastSequence + 1;
        while (sequence <= 9999 && CatalogItem.findById(PowerItemCode.of(subject, request.type(), sequence).toString()) != null) {
            sequence++;
        }
        if (sequence > 9999) {
            throw ProblemException.conflict("every sequence 0001..9999 of subject " + subject + " and type "
                    + request.type().code() + " has been used; codes are never reused");
        }
        PowerItemCode code = PowerItemCode.of(subject, request.type(), sequence);
        CatalogItem.fresh(code, RecordStatus.RESERVED, caller.clientId(), clock.instant()).persist();
        counter.lastSequence = sequence;
        return catalogAudit.allocated(new AllocatedCode(code, subject, request.type(), sequence));
    }

    /**
     * Takes fresh codes for new items in the caller's transaction: a code is fresh when no item ever had
     * it, or when it was only reserved by {@link #allocate}. Any spent code fails the whole claim with
     * 409, naming each one under its request path.
     */
    List<CatalogItem> claim(Caller caller, List<PowerItemCode> codes, IntFunction<String> pathOf) {
        Map<String, CodeCounter> locked = lock(codes.stream().map(c -> CodeCounter.key(c.subjectCode(), c.type())).toList());
        Map<String, CatalogItem> existing = new HashMap<>();
        for (CatalogItem item : byCodes(codes.stream().map(PowerItemCode::toString).toList())) {
            existing.put(item.code, item);
        }
        List<FieldError> spent = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            CatalogItem item = existing.get(codes.get(i).toString());
            if (item != null && item.status != RecordStatus.RESERVED) {
                spent.add(new FieldError(pathOf.apply(i) + ".code", "code " + item.code + " was already used (now "
                        + item.status.wireName() + "); a code is never reused, even after cancellation or rejection"));
            }
        }
        if (!spent.isEmpty()) {
            String detail = spent.size() == 1 ? spent.get(0).message() : spent.size() + " codes were already used; codes are never reused";
            throw new ProblemException(ProblemType.CONFLICT, detail, spent);
        }
        List<CatalogItem> claimed = new ArrayList<>(codes.size());
        List<CatalogItem> fresh = new ArrayList<>();
        for (PowerItemCode code : codes) {
            CatalogItem item = existing.get(code.toString());
            if (item == null) {
                item = CatalogItem.fresh(code, RecordStatus.PROPOSED, caller.clientId(), clock.instant());
                fresh.add(item);
            } else {
                item.status = RecordStatus.PROPOSED;
            }
            claimed.add(item);
            CodeCounter counter = locked.get(CodeCounter.key(code.subjectCode(), code.type()));
            counter.lastSequence = Math.max(counter.lastSequence, code.sequence());
        }
        PanacheEntityBase.persist(fresh);
        return claimed;
    }

    /** Locks the counters in a fixed order (no deadlocks), creating missing ones first. */
    private Map<String, CodeCounter> lock(Collection<String> keys) {
        Map<String, CodeCounter> locked = new TreeMap<>();
        for (String key : new TreeSet<>(keys)) {
            CodeCounter counter = CodeCounter.findById(key, LockModeType.PESSIMISTIC_WRITE);
            if (counter == null) {
                try {
                    counters.create(key);
                } catch (RuntimeException raced) {
                    // another transaction created it first: lock that one
                }
                counter = CodeCounter.findById(key, LockModeType.PESSIMISTIC_WRITE);
                if (counter == null) {
                    throw new IllegalStateException("code counter " + key + " could not be created");
                }
            }
            locked.put(key, counter);
        }
        return locked;
    }

    /** Items by code, loaded in chunks so thousands of codes stay within bind-parameter limits. */
    static List<CatalogItem> byCodes(List<String> codes) {
        List<CatalogItem> found = new ArrayList<>();
        for (int from = 0; from < codes.size(); from += CHUNK) {
            found.addAll(CatalogItem.list("code in ?1", codes.subList(from, Math.min(codes.size(), from + CHUNK))));
        }
        return found;
    }
}
