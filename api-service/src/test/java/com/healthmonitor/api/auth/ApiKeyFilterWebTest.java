package com.healthmonitor.api.auth;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.healthmonitor.api.config.ApiProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(
        controllers = ApiKeyFilterWebTest.Stub.class,
        properties = "health-monitor.api.api-keys=first-key, second-key")
@EnableConfigurationProperties(ApiProperties.class)
@Import(ApiKeyFilterWebTest.Stub.class)
class ApiKeyFilterWebTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void refusesTheMonitorApiWithoutAKey() throws Exception {
        mvc.perform(get("/monitors"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/monitors").header("Authorization", "Bearer wrong-key"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void acceptsAnyConfiguredKeyAsBearerOrHeader() throws Exception {
        mvc.perform(get("/monitors").header("Authorization", "Bearer first-key"))
                .andExpect(status().isOk());
        mvc.perform(get("/monitors").header("X-API-Key", "second-key")).andExpect(status().isOk());
    }

    @Test
    void protectsTheFleetStatisticsLikeTheMonitors() throws Exception {
        mvc.perform(get("/stats")).andExpect(status().isUnauthorized());
        mvc.perform(get("/stats").header("X-API-Key", "first-key")).andExpect(status().isOk());
    }

    @Test
    void leavesHealthChecksOpen() throws Exception {
        mvc.perform(get("/health")).andExpect(status().isOk());
    }

    @RestController
    static class Stub {
        @GetMapping({"/monitors", "/stats", "/health"})
        String ok() {
            return "ok";
        }
    }
}
