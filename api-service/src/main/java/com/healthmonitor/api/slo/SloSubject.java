package com.healthmonitor.api.slo;

import com.healthmonitor.api.slo.SloRepository.MonitorFacts;
import com.healthmonitor.api.slo.SloRepository.ReportedMonitor;
import com.healthmonitor.api.web.MonitorNotFoundException;
import com.healthmonitor.api.web.MonitorTags;
import java.util.List;
import java.util.Optional;

/**
 * Whose objective a request is about: one monitor's ({@code /monitors/{id}/slo}), or a tag's, its monitors reported
 * as one service ({@code /slos/tags/{tag}}). {@link SloService} handles both alike through this.
 */
sealed interface SloSubject {

    /** The monitors the objective covers; a 404 for an unknown monitor. */
    List<ReportedMonitor> monitors(SloRepository slos);

    Optional<Slo> objective(SloRepository slos);

    void save(SloRepository slos, Slo slo);

    /** Removes the objective; a 404 when there is nothing to remove (for a monitor: only when it is unknown). */
    void delete(SloRepository slos);

    /** The 404 of a subject without an objective, saying how to set one. */
    SloNotFoundException withoutObjective();

    record OfMonitor(long id) implements SloSubject {

        @Override
        public List<ReportedMonitor> monitors(SloRepository slos) {
            MonitorFacts facts = slos.monitor(id).orElseThrow(() -> new MonitorNotFoundException(id));
            return List.of(new ReportedMonitor(id, null, facts, null));
        }

        @Override
        public Optional<Slo> objective(SloRepository slos) {
            return slos.find(id);
        }

        @Override
        public void save(SloRepository slos, Slo slo) {
            slos.upsert(id, slo);
        }

        @Override
        public void delete(SloRepository slos) {
            if (!slos.delete(id) && slos.monitor(id).isEmpty()) {
                throw new MonitorNotFoundException(id);
            }
        }

        @Override
        public SloNotFoundException withoutObjective() {
            return new SloNotFoundException(id);
        }
    }

    /** @param tag as the path gives it; a 400 naming {@code tag} when it is not a valid tag */
    record OfTag(String tag) implements SloSubject {

        public OfTag {
            tag = MonitorTags.filter(List.of(tag)).getFirst();
        }

        @Override
        public List<ReportedMonitor> monitors(SloRepository slos) {
            return slos.tagged(List.of(tag));
        }

        @Override
        public Optional<Slo> objective(SloRepository slos) {
            return slos.findForTag(tag);
        }

        @Override
        public void save(SloRepository slos, Slo slo) {
            slos.upsertForTag(tag, slo);
        }

        @Override
        public void delete(SloRepository slos) {
            if (!slos.deleteForTag(tag)) {
                throw withoutObjective();
            }
        }

        @Override
        public SloNotFoundException withoutObjective() {
            return new SloNotFoundException(tag);
        }
    }
}
