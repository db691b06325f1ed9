package org.govhub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Creates a subject + type counter row in its own transaction, so a lost race to create it costs nothing. */
@ApplicationScoped
public class CodeCounters {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(String key) {
        if (CodeCounter.findById(key) == null) {
            CodeCounter counter = new CodeCounter();
            counter.key = key;
            counter.lastSequence = 0;
            counter.persist();
        }
    }
}
