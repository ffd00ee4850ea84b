"""The demo pages (seed_demo) the benchmarks measure by default: the pages the budgets name (docs/performance.md)."""

HOME = "/"
NEWS_INDEX = "/berita/"
ARTICLE = "/berita/fgd-sinergitas-polri-dan-masyarakat-kamtibmas-kalteng/"
# A past event: no registration form, so the page cache can serve it.
EVENT_PAST = "/agenda-kegiatan/fgd-sinergitas-polri-dan-masyarakat-2024/"
# An event with its registration form open: the form renders a CSRF token, so the page is never served from the
# page cache (X-Cache: PASS) and every view renders it.
EVENT_OPEN = "/agenda-kegiatan/fgd-wawasan-kebangsaan-generasi-muda/"
FEEDBACK_FORM = "/saran-dan-pengaduan/"

THROUGHPUT = [HOME, NEWS_INDEX, ARTICLE, EVENT_PAST, EVENT_OPEN]
BROWSER = [HOME, ARTICLE, EVENT_OPEN, FEEDBACK_FORM]
