package com.healthmonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ContextConfiguration;

/**
 * The dashboard and the status page are plain ES modules, which the browser fetches one import at a time: every
 * module a page reaches through its static imports is served as JavaScript (a module of another type is refused
 * under {@code nosniff}) and never from a stale cache (a new module must not meet its importer's old version), and
 * every module under {@code assets/} is reached from a page. The dashboard names its modules for preloading, so that
 * the browser fetches them at once rather than one import level after another.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"health-monitor.api.rate-limit.per-minute=0", "health-monitor.api.allow-anonymous=true"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class DashboardModulesTest {

    private static final Pattern ENTRY = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>");
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">");
    private static final Pattern IMPORT = Pattern.compile("^import\\s[^;]*?'([^']+)';", Pattern.MULTILINE);

    @LocalServerPort
    private int port;

    @Test
    void everyModuleThePagesImportIsServedFreshAsJavaScript() throws IOException {
        Set<String> reached = new TreeSet<>();
        for (String page : new String[] {"/", aStatusPage()}) {
            Response html = new RawHttp(port).get(page);
            assertThat(html.status()).as(page).isEqualTo(200);
            Matcher entry = ENTRY.matcher(html.body());
            assertThat(entry.find()).as("a module script in " + page).isTrue();
            reached.addAll(modulesFrom(entry.group(1)));
        }

        assertThat(reached)
                .as("the entries, the router, the event stream and a module per view")
                .contains(
                        "/assets/app.js",
                        "/assets/status.js",
                        "/assets/router.js",
                        "/assets/events.js",
                        "/assets/views/monitor-list.js",
                        "/assets/views/monitor-page.js",
                        "/assets/views/monitor-form.js",
                        "/assets/views/status-pages.js",
                        "/assets/views/sign-in.js");
        assertThat(reached).as("no module that no page loads").isEqualTo(modulesOnTheClasspath());
    }

    @Test
    void theDashboardPreloadsEveryModuleItsEntryImports() {
        Response html = new RawHttp(port).get("/");
        Set<String> preloaded = new TreeSet<>();
        Matcher link = PRELOAD.matcher(html.body());
        while (link.find()) {
            preloaded.add(link.group(1));
        }

        Set<String> imported = modulesFrom("/assets/app.js");
        imported.remove("/assets/app.js");
        assertThat(preloaded).isEqualTo(imported);
    }

    /** A status page's address: the server renders each page, so one must exist. */
    private String aStatusPage() {
        String slug = "modules-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = new RawHttp(port)
                .send(
                        "POST",
                        "/status-pages",
                        "{\"slug\": \"" + slug + "\", \"title\": \"Modules\"}",
                        "Content-Type: application/json");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return "/status/" + slug;
    }

    /** The module at {@code path} and everything it imports, each checked as it is fetched. */
    private Set<String> modulesFrom(String path) {
        Set<String> seen = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>(Set.of(path));
        while (!pending.isEmpty()) {
            String module = pending.pop();
            if (!seen.add(module)) {
                continue;
            }
            Response response = new RawHttp(port).get(module);
            assertThat(response.status()).as(module).isEqualTo(200);
            assertThat(response.contentType()).as(module).startsWith("text/javascript");
            assertThat(response.header("Cache-Control")).as(module).contains("no-store");
            Matcher imports = IMPORT.matcher(response.body());
            while (imports.find()) {
                pending.push(URI.create(module).resolve(imports.group(1)).getPath());
            }
        }
        return seen;
    }

    /** The paths of the .js files under {@code static/assets}, as the API serves them. */
    private static Set<String> modulesOnTheClasspath() throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        String root = resolver.getResource("classpath:static/").getURI().toString();
        Set<String> paths = new TreeSet<>();
        for (Resource module : resolver.getResources("classpath:static/assets/**/*.js")) {
            paths.add(module.getURI().toString().substring(root.length() - 1));
        }
        return paths;
    }
}
