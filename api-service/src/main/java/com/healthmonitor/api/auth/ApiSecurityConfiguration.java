package com.healthmonitor.api.auth;

import com.healthmonitor.api.ratelimit.FailedAuthenticationLimiter;
import com.healthmonitor.api.ratelimit.RateLimitFilter;
import com.healthmonitor.api.web.ProblemResponses;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Without {@code API_KEYS} the API starts only when asked to serve without keys (see
 * {@link AnonymousAccess}); a request without a key is then served as an admin. Otherwise every route needs a key
 * except the {@link #OPEN_ROUTES}, and the key's scope must allow the request ({@link ScopeRules}). The
 * rules match Spring's decoded, normalised path and deny by default, so no spelling of a protected path slips
 * through, and the {@code StrictHttpFirewall} refuses encoded slashes, {@code ..}, {@code ;} and NUL outright.
 * Stateless: no session, no cookies, hence no CSRF token either.
 */
@Configuration
class ApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    /** Load-balancer and orchestrator probes: open, and never rate limited. */
    static final String[] PROBES = {"/health", "/actuator/health", "/actuator/health/**"};

    /** The API description and its viewer. */
    static final String[] API_DOCUMENTATION = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    /**
     * The dashboard's static shell (it shows nothing until the API accepts a key) and the public status pages with
     * their JSON and badges, which expose names, statuses and uptimes only (StatusPageApiIntegrationTest).
     */
    static final String[] PUBLIC_PAGES = {"/", "/index.html", "/assets/**", "/status/**"};

    /**
     * Heartbeat jobs report here: the unguessable token in the path is the credential, and it only reports for its
     * monitor (limited per token by the ping endpoint, per address like every anonymous request).
     */
    static final String[] HEARTBEAT_PINGS = {"/ping/**"};

    /** Every route reachable without a key: the only place that lists them. */
    static final String[][] OPEN_ROUTES = {PROBES, API_DOCUMENTATION, PUBLIC_PAGES, HEARTBEAT_PINGS};

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ApiKeys keys,
            ApiKeyProperties properties,
            Environment environment,
            RateLimitFilter.Factory rateLimits,
            FailedAuthenticationLimiter failures)
            throws Exception {
        AuthenticationEntryPoint unauthorised = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ProblemResponses.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "A valid API key is required (Authorization: Bearer <key> or X-API-Key).");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> {
            Scope needed = ScopeRules.required(request);
            String has = ScopeRules.scopeOf(SecurityContextHolder.getContext().getAuthentication())
                    .map(Scope::value)
                    .orElse("no");
            ProblemResponses.write(
                    response,
                    HttpStatus.FORBIDDEN,
                    "This API key has the " + has + " scope; " + request.getMethod() + " " + request.getRequestURI()
                            + " needs the " + needed.value() + " scope.");
        };

        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorised).accessDeniedHandler(forbidden))
                // After authentication, so that a caller with a key is limited per key rather than per address.
                .addFilterBefore(rateLimits.exempting(matcher(PROBES)), ExceptionTranslationFilter.class);

        if (AnonymousAccess.permitted(properties, environment)) {
            // A request without a key is served as an admin, as it always was here; one that presents a key is
            // held to it like anywhere else: a wrong key is a 401, a managed key gets its own scope.
            http.anonymous(anonymous -> anonymous.principal(Caller.ANONYMOUS).authorities(Scope.ADMIN.authority()));
        } else {
            log.info(
                    "[AUTH] API key authentication enabled ({} keys from API_KEYS, and the managed keys)",
                    keys.count());
        }
        AuthenticationFilter authentication = new AuthenticationFilter(keys, new ApiKeyConverter());
        AuthenticationFailureHandler refused = new AuthenticationEntryPointFailureHandler(unauthorised);
        authentication.setFailureHandler((request, response, e) -> {
            // Counted before the 401 is written: beyond the allowance a guesser gets 429 and learns nothing more.
            if (!failures.refusedAfterFailure(request, response)) {
                refused.onAuthenticationFailure(request, response, e);
            }
        });
        // On success carry on down the chain (the default handler would redirect, as after a login form).
        authentication.setSuccessHandler((request, response, result) -> {});
        // A stray or stale key sent to a probe must not fail it.
        authentication.setRequestMatcher(new NegatedRequestMatcher(openRoutes()));
        http.addFilter(authentication).authorizeHttpRequests(rules -> rules
                // Errors forwarded to /error are rendered for whoever caused them; /error asked for
                // directly is an ordinary REQUEST and needs a key like everything else.
                .dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers(openRoutes())
                .permitAll()
                // Deny by default: without a scope (no key) nothing else passes; with one, ScopeRules decide.
                .anyRequest()
                .access(new ScopeRules()));
        return http.build();
    }

    /** Firewall rejections (encoded slash, {@code ..}, {@code ;}, NUL, bad header) as a 400 problem. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> ProblemResponses.write(
                // Not e.getMessage(): it may quote a header value, which can be a secret.
                response,
                HttpStatus.BAD_REQUEST,
                "The request was rejected: its URL or headers contain an encoded slash, '..', ';', a control"
                        + " character or another sequence that is not allowed.");
    }

    private static RequestMatcher openRoutes() {
        RequestMatcher[] matchers = new RequestMatcher[OPEN_ROUTES.length];
        for (int i = 0; i < OPEN_ROUTES.length; i++) {
            matchers[i] = matcher(OPEN_ROUTES[i]);
        }
        return new OrRequestMatcher(matchers);
    }

    private static RequestMatcher matcher(String... patterns) {
        RequestMatcher[] matchers = new RequestMatcher[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            matchers[i] = PathPatternRequestMatcher.pathPattern(patterns[i]);
        }
        return new OrRequestMatcher(matchers);
    }
}
