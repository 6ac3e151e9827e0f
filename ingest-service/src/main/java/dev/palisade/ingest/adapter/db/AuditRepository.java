package dev.palisade.ingest.adapter.db;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class AuditRepository implements PanacheRepository<AuditRecord> {

    /** Newest first; each filter applies only when given. */
    public Uni<List<AuditRecord>> search(String kind, String name, OffsetDateTime since, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (kind != null) {
            where.add("kind = :kind");
            params = params.and("kind", kind);
        }
        if (name != null) {
            where.add("name = :name");
            params = params.and("name", name);
        }
        if (since != null) {
            where.add("at >= :since");
            params = params.and("since", since);
        }
        Sort sort = Sort.descending("revision", "id");
        if (where.isEmpty()) {
            return findAll(sort).page(0, limit).list();
        }
        return find(String.join(" and ", where), sort, params).page(0, limit).list();
    }
}
