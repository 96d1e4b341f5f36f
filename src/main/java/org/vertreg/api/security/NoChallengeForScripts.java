package org.vertreg.api.security;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A 401 to the web page's own requests (marked {@code X-Requested-With: XMLHttpRequest}) goes without the Basic
 * challenge, so the browser lets the page say "wrong user or password" instead of opening its own login dialog. Other
 * clients get the challenge as HTTP asks.
 */
@ApplicationScoped
public class NoChallengeForScripts {

    void install(@Observes Router router) {
        router.route().order(-1000).handler(rc -> {
            if ("XMLHttpRequest".equals(rc.request().getHeader("X-Requested-With"))) {
                rc.addHeadersEndHandler(v -> {
                    if (rc.response().getStatusCode() == 401) {
                        rc.response().headers().remove("WWW-Authenticate");
                    }
                });
            }
            rc.next();
        });
    }
}
