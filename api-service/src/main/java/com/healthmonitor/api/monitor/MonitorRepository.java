package com.healthmonitor.api.monitor;

import org.springframework.data.jpa.repository.JpaRepository;

interface MonitorRepository extends JpaRepository<Monitor, Long> {}
