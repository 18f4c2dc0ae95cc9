package com.healthmonitor.api.monitor;

import com.healthmonitor.common.monitor.MonitorStatus;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface MonitorRepository extends JpaRepository<Monitor, Long> {

    List<Monitor> findByIdGreaterThanOrderByIdAsc(long afterId, Limit limit);

    List<Monitor> findByStatusAndIdGreaterThanOrderByIdAsc(MonitorStatus status, long afterId, Limit limit);
}
