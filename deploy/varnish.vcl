# Varnish in front of gunicorn (docs/deploy.md, "Front cache"). Varnish 7 / VCL 4.1.
#
# What may be stored is decided by the application (home/front_cache.py, home/middleware.py): a public page carries
# `Cache-Control: public, max-age=0, must-revalidate, s-maxage=N`; anything personal is `private` / `no-store`.
# This VCL adds the safety net: it stores only responses with s-maxage and without Set-Cookie, and passes the admin
# and every request that carries a session or messages cookie. Wagtail sends PURGE requests
# (wagtail.contrib.frontend_cache HTTPBackend, FRONTEND_CACHE_PURGE_URL) from the loopback only.
# Varnish docs: "Purging and banning" (users-guide/purging) and "Cookies" (users-guide/increasing-your-hitrate).
#
# The backend address is given on the command line: varnishd -b 127.0.0.1:8000 does not combine with -f, so the
# start script (deploy/prod_local.py `varnish_vcl`, tests/site/test_front_cache.py) writes the port below.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors, previews, the form engine's admin, uploads in the making: never from a shared cache.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/django-admin(/|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # A session or a flash message makes the response this visitor's own (production names them __Host-sessionid
    # and __Host-messages; home/middleware.py `personal_cookie_names`).
    if (req.http.Cookie ~ "(^|;\s*)(__Host-)?(sessionid|messages)=") {
        return (pass);
    }
    # Every other cookie (the CSRF cookie a visitor got from a form page, a consent choice read only by the browser)
    # changes nothing a public page shows: drop it so the page is looked up in the cache. The site sets no
    # analytics cookies; the request that needs the CSRF cookie is a POST, passed above with its cookies intact.
    unset req.http.Cookie;
    # Tracking parameters are dropped by the page cache too (home/cache.py IGNORED_QUERY_PARAMS).
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]$", "");
    }
    return (hash);
}

sub vcl_backend_response {
    # Stored only when the application said so with s-maxage, and never a response that sets a cookie or is private.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "s-maxage=[1-9]"
        || beresp.status != 200) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;  # remember "do not cache" for this URL (hit-for-miss), so requests are not queued
        return (deliver);
    }
    # s-maxage sets the TTL (Varnish reads it before max-age); a short grace serves the old copy while one request
    # refetches after expiry (not after a purge: a purged object is gone).
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    # For tests and the bench: was this a Varnish hit? (X-Cache stays the page cache's own header.)
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "HIT";
    } else {
        set resp.http.X-Front-Cache = "MISS";
    }
}
