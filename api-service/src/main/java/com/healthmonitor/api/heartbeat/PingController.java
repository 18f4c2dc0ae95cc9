package com.healthmonitor.api.heartbeat;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where heartbeat jobs report, without an API key (an open route): {@code /ping/{token}} after a successful run,
 * {@code /fail} after a failed one, {@code /start} when a run begins. GET, HEAD and POST all count (a POST's body is
 * ignored), so that {@code curl}, {@code wget} and HTTP libraries work with their defaults. A ping is only received
 * here; the worker turns it into a result within seconds, as it does every check.
 */
@RestController
@RequestMapping(
        path = "/ping/{token}",
        method = {RequestMethod.GET, RequestMethod.HEAD, RequestMethod.POST})
class PingController {

    private final Pings pings;
    private final PingRateLimiter limiter;

    PingController(Pings pings, PingRateLimiter limiter) {
        this.pings = pings;
        this.limiter = limiter;
    }

    @RequestMapping
    ResponseEntity<String> success(@PathVariable String token) {
        return receive(token, Pings.Kind.SUCCESS);
    }

    @RequestMapping("/fail")
    ResponseEntity<String> fail(@PathVariable String token) {
        return receive(token, Pings.Kind.FAIL);
    }

    @RequestMapping("/start")
    ResponseEntity<String> start(@PathVariable String token) {
        return receive(token, Pings.Kind.START);
    }

    private ResponseEntity<String> receive(String token, Pings.Kind kind) {
        if (!PingTokens.wellFormed(token)) {
            throw notFound();
        }
        byte[] hash = PingTokens.hash(token);
        // Before the database: a job in a loop costs one bucket, not a write per request.
        long waitSeconds = limiter.secondsToWait(hash);
        if (waitSeconds > 0) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "More than " + limiter.perSecond() + " pings per second for this token; retry after " + waitSeconds
                            + " s.");
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
            throw new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null) {
                @Override
                public HttpHeaders getHeaders() {
                    return headers;
                }
            };
        }
        if (!pings.receive(hash, kind)) {
            throw notFound();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("OK\n");
    }

    private static ErrorResponseException notFound() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "No heartbeat monitor has this ping token (it may have been rotated).");
        problem.setTitle("Ping token not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
