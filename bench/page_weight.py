"""Page weight on a 360 px phone, and the compressed size of the site's CSS and JS.

    .venv/bin/python -m bench.page_weight [PATH ...]      # default: home, article, event, form (bench/pages.py)

Loads each page in Debian's Chromium (Playwright) at 360 × 780 px on the loopback production stack, through
nginx with deploy/nginx.conf when nginx is installed (gzip, media), and adds up the bytes that crossed the network
for every response (`encodedDataLength`, headers included), scrolling to the bottom so lazy images load too.
Without nginx, gunicorn sends HTML uncompressed: the report also gives the total with the HTML gzip-compressed.
CSS and JS: the gzip and brotli files whitenoise wrote next to each fingerprinted file (what browsers receive).
Budgets (docs/performance.md): home <= 150 KB including images, CSS <= 15 KB and JS <= 5 KB compressed.
"""

import argparse
import gzip
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import pages
from deploy.prod_local import Stack

RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BUDGET_PAGE, BUDGET_CSS, BUDGET_JS = 150 * 1024, 15 * 1024, 5 * 1024


def measure(browser, url):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID", device_scale_factor=2)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes, kinds, urls = {}, {}, {}
    cdp.on("Network.responseReceived", lambda e: (kinds.__setitem__(e["requestId"], e["type"]),
                                                  urls.__setitem__(e["requestId"], e["response"]["url"])))  # fmt: skip
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")
    html = page.content().encode()
    context.close()
    resources = [{"url": urls.get(rid, "?"), "type": kinds.get(rid, "?"), "bytes": size} for rid, size in sizes.items()]
    total = sum(r["bytes"] for r in resources)
    document = next((r for r in resources if r["type"] == "Document"), None)
    gzip_html = len(gzip.compress(html, 6))
    with_gzip = total - (document["bytes"] if document else 0) + gzip_html + 300  # ~300 B of response headers
    return {"url": url, "total_bytes": total, "total_with_html_gzip": with_gzip, "resources": resources}


def asset_sizes(static_root):
    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())["paths"]
    sizes = {}
    for original in ("home/css/site.css", "home/js/site.js"):
        hashed = Path(static_root) / manifest[original]
        sizes[original] = {
            "raw": hashed.stat().st_size,
            "gzip": Path(f"{hashed}.gz").stat().st_size,
            "brotli": Path(f"{hashed}.br").stat().st_size if Path(f"{hashed}.br").exists() else None,
        }
    return sizes


def main():
    parser = argparse.ArgumentParser(description="Page weight at 360 px and CSS/JS compressed sizes.")
    parser.add_argument("paths", nargs="*", default=pages.BROWSER)
    args = parser.parse_args()
    results = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "load_average": os.getloadavg(), "pages": []}
    with Stack(workers=2) as stack, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        for path in args.paths:
            result = measure(browser, stack.public_url(path))
            results["pages"].append(result)
            via = "nginx" if stack.public_url() != stack.url() else "gunicorn (HTML not compressed)"
            print(f"{path}: {result['total_bytes'] / 1024:.1f} KB on the wire via {via}, "
                  f"{len(result['resources'])} requests (budget {BUDGET_PAGE // 1024} KB); "
                  f"{result['total_with_html_gzip'] / 1024:.1f} KB with the HTML gzipped")  # fmt: skip
            for r in sorted(result["resources"], key=lambda r: -r["bytes"]):
                print(f"    {r['bytes'] / 1024:7.1f} KB  {r['type']:10} {r['url'][len(stack.public_url('')) :]}")
        browser.close()
        results["assets"] = asset_sizes(stack.dir / "static")
    for name, size in results["assets"].items():
        budget = BUDGET_CSS if name.endswith(".css") else BUDGET_JS
        print(f"{name}: {size['raw']} B raw, {size['gzip']} B gzip, {size['brotli']} B brotli (budget {budget} B)")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"page-weight-{results['date'][:19].replace(':', '')}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"saved {out}")


if __name__ == "__main__":
    main()
