"""The demo pages (seed_demo) the benchmarks measure by default: the pages the budgets name (docs/performance.md)."""

HOME = "/"
NEWS_INDEX = "/berita/"
ARTICLE = "/berita/fgd-sinergitas-polri-dan-masyarakat-kamtibmas-kalteng/"
# A past event: no registration form, so the page cache can serve it.
EVENT_PAST = "/agenda-kegiatan/fgd-sinergitas-polri-dan-masyarakat-2024/"
# An event with its registration open: the page shows seats and a link to the form, so it is cached like any page;
# the form itself (EVENT_FORM, with its CSRF and anti-spam tokens) is never stored (X-Cache: PASS).
EVENT_OPEN = "/agenda-kegiatan/fgd-wawasan-kebangsaan-generasi-muda/"
EVENT_FORM = EVENT_OPEN + "daftar/"
FEEDBACK_FORM = "/saran-dan-pengaduan/"
# A plain page (rich text, no listing) and an address with no page: the latter is the frame alone (Wagtail's site
# lookup and routing, header, menu, footer, banner) with no page of its own, the floor under every cold render.
PLAIN = "/profil/"
NOT_FOUND = "/halaman-yang-tidak-ada/"

THROUGHPUT = [HOME, NEWS_INDEX, ARTICLE, EVENT_PAST, EVENT_OPEN]
BROWSER = [HOME, ARTICLE, EVENT_OPEN, FEEDBACK_FORM]
