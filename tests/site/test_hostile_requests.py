"""Hostile raw requests against gunicorn running the production settings: every one gets an answer below 500.

Each public URL (discovered: sitemap, links, URLconf; tests/support/public_urls.py) is hit with invalid encodings, NUL,
broken multipart, oversized bodies, too many fields or files and a foreign Host. Where a limit must refuse, the test
also shows the same request within the limit gets something else, so the 4xx really comes from the limit.
"""

import re

import pytest

from tests.support.production_server import HOST
from tests.support.public_urls import public_paths

MAX_BODY = 6 * 1024 * 1024  # DATA_UPLOAD_MAX_MEMORY_SIZE
MAX_FIELDS = 1000  # DATA_UPLOAD_MAX_NUMBER_FIELDS
MAX_FILES = 10  # DATA_UPLOAD_MAX_NUMBER_FILES
SAME_SITE = {"Referer": f"https://{HOST}/"}


@pytest.fixture(scope="module")
def server(production_server):
    return production_server


@pytest.fixture(scope="module")
def paths(server):
    found = public_paths(lambda p: server.get(p).body)
    assert len(found) >= 10
    return found


@pytest.fixture(scope="module")
def with_csrf_cookie(server):
    """Same-site headers plus a valid CSRF cookie: Django's CSRF check then reads the form body for the token, so the
    body limits decide the answer (400), and a body within the limits gets 403 for its missing token."""
    cookie = next(c for c in server.get("/admin/login/").cookies() if c.startswith("__Host-csrftoken="))
    return {**SAME_SITE, "Cookie": cookie.split(";", 1)[0]}


@pytest.fixture(autouse=True)
def no_traceback_in_the_server_log(server):
    """Whatever the test saw, the server must not have logged a 5xx or an unhandled exception. (Refused Host headers
    are logged by django.security.DisallowedHost with their traceback on purpose: that is a security event.)"""
    before = len(server.server_log())
    yield
    new = server.server_log()[before:]
    assert "Internal Server Error" not in new, new[-3000:]
    assert not re.search(r'HTTP/[\d.]+" 5\d\d ', new), new[-3000:]


def refused(server, path):
    """What a refused body may get at `path`: 400, or also 404 where the address is not found (e.g. one made from the
    URLconf that matches nothing): the 404 page neither reads the body nor checks its CSRF token. The read-only API
    (docs/api.md) answers any POST with 405 before reading its body."""
    if path.startswith("/api/"):
        return {400, 404, 405}
    return {400, 404} if server.get(path).status == 404 else {400}


def with_query(path, query):
    return path + ("&" if "?" in path else "?") + query


def multipart(parts, boundary="batas"):
    body = b""
    for name, filename, content in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + content + b"\r\n"
    return body + f"--{boundary}--\r\n".encode()


def test_the_settings_are_what_this_test_assumes(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == MAX_BODY
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == MAX_FIELDS
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == MAX_FILES


def test_invalid_encodings_and_nul_in_path_and_query(server, paths):
    for path in paths:
        base = path.split("?")[0]
        for variant in (
            with_query(path, "q=%ff%fe%fd&page=%c0%af"),
            with_query(path, "q=%00&page=%00"),
            with_query(path, "page=-1"),
            with_query(path, "page=99999999999999999999999"),
            with_query(path, "q=" + "a" * 3000),
            base.rstrip("/") + "/%ff%fe/",
            base.rstrip("/") + "/%00/",
            base.rstrip("/") + "/..%2f..%2fetc%2fpasswd",
            base + "%E2%80%AE%E2%80%8B/",
        ):
            response = server.get(variant)
            assert response.status < 500, (variant, response.status)


def test_foreign_host_headers_are_refused(server, paths):
    for path in paths:
        for host in ("evil.example", f"{HOST}.evil.example", f"{HOST}:abc", "localhost"):
            response = server.get(path, host=host)
            assert response.status == 400, (path, host, response.status)
        # X-Forwarded-Host is not trusted: the page is served for our host and links nowhere else.
        response = server.get(path, headers={"X-Forwarded-Host": "evil.example"})
        assert response.status < 500
        assert b"evil.example" not in response.body, path


def test_broken_multipart_is_a_bad_request(server, paths):
    bodies = [
        b'--batas\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
        b"not multipart at all \xff\xfe\x00",
        b"--batas\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--batas--\r\n",
    ]
    content_types = ["multipart/form-data; boundary=batas", "multipart/form-data", "multipart/form-data; boundary="]
    for path in paths:
        for body in bodies:
            for content_type in content_types:
                response = server.request("POST", path, body=body, headers={**SAME_SITE, "Content-Type": content_type})
                assert 400 <= response.status < 500, (path, content_type, body[:20], response.status)


def test_oversized_bodies_are_refused_before_they_are_read(server, paths, with_csrf_cookie):
    for path in paths:
        # Announce one byte over the limit and send only a little: Django refuses on the announced length.
        too_big = server.request(
            "POST",
            path,
            body=b"a=" + b"x" * 100,
            headers={
                **with_csrf_cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": str(MAX_BODY + 1),
            },
        )
        assert too_big.status in refused(server, path), (path, too_big.status)
    # Really sending it all is refused the same way (the server may answer before reading it all).
    body = b"a=" + b"x" * (MAX_BODY + 1)
    head = (
        f"POST / HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\nReferer: https://{HOST}/\r\n"
        f"Cookie: {with_csrf_cookie['Cookie']}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    assert server.raw(head.encode() + body) == 400
    # Within the limit, the same request reaches the CSRF check (403): the 400 above came from the size limit.
    within = server.request(
        "POST", "/", body=b"a=b", headers={**with_csrf_cookie, "Content-Type": "application/x-www-form-urlencoded"}
    )
    assert within.status == 403


def test_too_many_fields_and_files_are_refused(server, paths, with_csrf_cookie):
    too_many_fields = "&".join(f"f{i}=x" for i in range(MAX_FIELDS + 1)).encode()
    files = multipart([(f"file{i}", f"f{i}.txt", b"x") for i in range(MAX_FILES + 1)])
    for path in paths:
        response = server.request(
            "POST",
            path,
            body=too_many_fields,
            headers={**with_csrf_cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status in refused(server, path), (path, response.status)
        response = server.request(
            "POST",
            path,
            body=files,
            headers={**with_csrf_cookie, "Content-Type": "multipart/form-data; boundary=batas"},
        )
        assert response.status in refused(server, path), (path, response.status)
    # One field and one file under the limits get past the parser to the CSRF check.
    fine = "&".join(f"f{i}=x" for i in range(10)).encode()
    response = server.request(
        "POST", "/", body=fine, headers={**with_csrf_cookie, "Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status == 403


RAW_REQUESTS = {
    "raw bytes in the path": b"GET /\xff\xfe\x00/ HTTP/1.1\r\nHost: %(host)s\r\n\r\n",
    "control characters in the path": b"GET /a\x01b\x7f/ HTTP/1.1\r\nHost: %(host)s\r\n\r\n",
    "very long request line": b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: %(host)s\r\n\r\n",
    "no Host header (HTTP/1.0)": b"GET / HTTP/1.0\r\n\r\n",
    "two Host headers": b"GET / HTTP/1.1\r\nHost: %(host)s\r\nHost: evil.example\r\n\r\n",
    "invalid UTF-8 in headers": b"GET / HTTP/1.1\r\nHost: %(host)s\r\nReferer: \xff\xfe\r\nCookie: a=\xff\r\n\r\n",
    "header without colon": b"GET / HTTP/1.1\r\nHost: %(host)s\r\nNoColonHere\r\n\r\n",
    "header folding": b"GET / HTTP/1.1\r\nHost: %(host)s\r\nX-A: a\r\n b\r\n\r\n",
    "huge header": b"GET / HTTP/1.1\r\nHost: %(host)s\r\nX-A: " + b"a" * 20000 + b"\r\n\r\n",
    "too many headers": b"GET / HTTP/1.1\r\nHost: %(host)s\r\n"
    + b"".join(b"X-%d: a\r\n" % i for i in range(200))
    + b"\r\n",
    "negative Content-Length": b"POST / HTTP/1.1\r\nHost: %(host)s\r\nContent-Length: -1\r\n\r\n",
    "non-numeric Content-Length": b"POST / HTTP/1.1\r\nHost: %(host)s\r\nContent-Length: abc\r\n\r\n",
    "Content-Length and chunked (smuggling)": (
        b"POST / HTTP/1.1\r\nHost: %(host)s\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"0\r\n\r\nGET /x HTTP/1.1\r\n\r\n"
    ),
    "broken chunk": b"POST / HTTP/1.1\r\nHost: %(host)s\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    "unknown method": b"BREW / HTTP/1.1\r\nHost: %(host)s\r\n\r\n",
    "unknown protocol": b"GET / HTTP/9.9\r\nHost: %(host)s\r\n\r\n",
    "garbage": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n",
}


@pytest.mark.parametrize("name", list(RAW_REQUESTS))
def test_malformed_raw_requests_never_get_a_server_error(server, name):
    data = RAW_REQUESTS[name].replace(b"%(host)s", HOST.encode())
    data = data.replace(b"\r\n\r\n", b"\r\nX-Forwarded-Proto: https\r\n\r\n", 1) if b"HTTP/1.0" not in data else data
    status = server.raw(data)
    # 0: the server closed the connection without an answer, which is a fine answer to garbage.
    assert status == 0 or status < 500, (name, status)


def test_the_server_still_answers_normally_afterwards(server):
    response = server.get("/")
    assert response.status == 200
    assert re.search(rb"<h1[^>]*>", response.body)
