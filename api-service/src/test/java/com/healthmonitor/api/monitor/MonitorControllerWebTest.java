package com.healthmonitor.api.monitor;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.healthmonitor.api.channel.Channels;
import com.healthmonitor.api.web.MonitorNotFoundException;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.net.PrivateTargetsProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

// The controller alone: authentication, rate limits and error shapes are tested over real HTTP elsewhere.
@WebMvcTest(MonitorController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({MonitorValidator.class, MonitorAlertingValidator.class})
@EnableConfigurationProperties({MonitorProperties.class, PrivateTargetsProperties.class})
class MonitorControllerWebTest {

    private static final String VALID = """
            {"name":"Google Homepage","url":"https://google.com/","check_interval":30,"timeout":5,
             "expected_status_code":200,"webhook_url":"https://hooks.slack.com/services/T0/B0/XXXX","enabled":true}
            """;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private MonitorService service;

    @MockitoBean
    private Channels channels;

    // Every location is known: no database here.
    @MockitoBean
    private KnownLocations locations;

    @MockitoBean
    private MonitorDependencies dependencies;

    @Test
    void createsAMonitorAndPointsAtIt() throws Exception {
        given(service.create(any(), any())).willReturn(response(7));

        mvc.perform(post("/monitors").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/monitors/7"))
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.check_interval").value(30))
                .andExpect(jsonPath("$.expected_status_code").value(200))
                .andExpect(jsonPath("$.status").value("UNKNOWN"))
                .andExpect(jsonPath("$.uptime_24h").value(99.5))
                .andExpect(jsonPath("$.uptime_30d").doesNotExist())
                .andExpect(jsonPath("$.created_at").value("2026-01-20T10:30:00Z"));
    }

    @Test
    void namesEveryInvalidFieldInOneProblem() throws Exception {
        postBody("""
                        {"name":"","url":"ftp://x","check_interval":10,"timeout":0,"expected_status_code":99,
                         "webhook_url":"nope"}
                        """)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.instance").value("/monitors"))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.contains(
                                "name", "url", "check_interval", "timeout", "expected_status_code", "webhook_url")))
                .andExpect(jsonPath("$.errors[2].message").value("must be between 30 and 3600 seconds"));
        verifyNoInteractions(service);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown field            | {\"name\":\"a\",\"url\":\"https://e.com\",\"nmae\":\"x\"} | nmae | is not a known field",
                "string for integer       | {\"name\":\"a\",\"url\":\"https://e.com\",\"check_interval\":\"30\"} | check_interval | must be an integer",
                "word for integer         | {\"name\":\"a\",\"url\":\"https://e.com\",\"timeout\":\"five\"} | timeout | must be an integer",
                "fraction for integer     | {\"name\":\"a\",\"url\":\"https://e.com\",\"timeout\":2.5} | timeout | must be an integer",
                "string for boolean       | {\"name\":\"a\",\"url\":\"https://e.com\",\"enabled\":\"yes\"} | enabled | must be true or false",
                "number for string        | {\"name\":42,\"url\":\"https://e.com\"} | name | must be a string",
                "object for string        | {\"name\":{},\"url\":\"https://e.com\"} | name | must be a string",
                "malformed JSON           | {\"name\":\"a\", | body | is not valid JSON",
                "trailing tokens          | {}{} | body | must be a single JSON object",
                "array body               | [] | body | must be a single JSON object",
                "null body                | null | body | must be a single JSON object",
                "string body              | \"monitor\" | body | must be a single JSON object",
            })
    void refusesUnreadableBodiesNamingTheField(String title, String body, String field, String message)
            throws Exception {
        postBody(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(message));
        verifyNoInteractions(service);
    }

    @Test
    void refusesAnEmptyBody() throws Exception {
        postBody("")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        verifyNoInteractions(service);
    }

    @Test
    void refusesPutWithInvalidBodyBeforeTouchingTheMonitor() throws Exception {
        mvc.perform(put("/monitors/1").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("url"));
        verifyNoInteractions(service);
    }

    @Test
    void refusesANonNumericId() throws Exception {
        mvc.perform(get("/monitors/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("id"))
                .andExpect(jsonPath("$.errors[0].message").value("must be an integer"));
        mvc.perform(delete("/monitors/1.5")).andExpect(status().isBadRequest());
    }

    @Test
    void answersNotFoundForAnUnknownId() throws Exception {
        given(service.get(anyLong())).willThrow(new MonitorNotFoundException(99));

        mvc.perform(get("/monitors/99"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No monitor with id 99"));
    }

    @Test
    void refusesAnUnsupportedMethodOrMediaType() throws Exception {
        mvc.perform(patch("/monitors/1").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/monitors").contentType(MediaType.TEXT_PLAIN).content(VALID))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/monitors").content(VALID)).andExpect(status().isUnsupportedMediaType());
        verifyNoInteractions(service);
    }

    @Test
    void validatesPagingParameters() throws Exception {
        mvc.perform(get("/monitors?limit=0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/monitors?limit=1001")).andExpect(status().isBadRequest());
        mvc.perform(get("/monitors?after_id=x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("after_id"));
        mvc.perform(get("/monitors?status=SIDEWAYS"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
        verifyNoInteractions(service);
    }

    @Test
    void linksToTheNextPageWhenAPageIsFull() throws Exception {
        given(service.list(new MonitorFilter(MonitorStatus.DOWN, List.of(), null), 0, 2))
                .willReturn(List.of(response(3), response(5)));

        mvc.perform(get("/monitors?limit=2&status=down"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(header().string("Link", containsString("after_id=5")))
                .andExpect(header().string("Link", containsString("status=down")))
                .andExpect(header().string("Link", containsString("limit=2")))
                .andExpect(header().string("Link", containsString(">; rel=\"next\"")));
    }

    private ResultActions postBody(String body) throws Exception {
        return mvc.perform(
                post("/monitors").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static MonitorResponse response(long id) {
        Instant created = Instant.parse("2026-01-20T10:30:00Z");
        return new MonitorResponse(
                id,
                "google-homepage",
                com.healthmonitor.common.check.MonitorType.HTTP,
                "Google Homepage",
                "https://google.com/",
                30,
                5,
                200,
                java.util.List.of("200"),
                "GET",
                java.util.Map.of(),
                null,
                null,
                java.util.List.of(),
                true,
                14,
                null,
                null,
                "https://hooks.slack.com/****XXXX",
                true,
                MonitorStatus.UNKNOWN,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                created,
                created,
                created,
                new BigDecimal("99.500"),
                null,
                List.of(),
                0,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "https://google.com/",
                null,
                null,
                null,
                null,
                null,
                List.of("default"),
                1,
                false,
                List.of(),
                List.of());
    }
}
