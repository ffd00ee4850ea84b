"""Lighthouse 12 (npm) with Debian's Chromium on pages of the loopback production stack.

    .venv/bin/python -m bench.lighthouse [PATH ...]     # default: home, article, event, form (bench/pages.py)

Installs lighthouse@12 into var/lighthouse/ the first time (npm; no browser download: CHROME_PATH points at
/usr/bin/chromium). Mobile emulation (Lighthouse's default), performance, accessibility, best practices and SEO.
A run whose JSON has a `runtimeError` (e.g. the page answered 500) is a failure even though Lighthouse exits 0.
Budgets (docs/performance.md): performance >= 95, accessibility, best practices and SEO 100.
Reports: bench/results/lighthouse-<path>.report.{json,html}.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bench import pages
from deploy.prod_local import ROOT, Stack

TOOL_DIR = ROOT / "var" / "lighthouse"
LIGHTHOUSE = TOOL_DIR / "node_modules" / ".bin" / "lighthouse"
RESULTS = Path(__file__).resolve().parent / "results"
BUDGET = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def install():
    if LIGHTHOUSE.exists():
        return
    TOOL_DIR.mkdir(parents=True, exist_ok=True)
    if not (TOOL_DIR / "package.json").exists():
        subprocess.run(["npm", "init", "-y"], cwd=TOOL_DIR, check=True, capture_output=True)
    subprocess.run(["npm", "install", "--no-fund", "--no-audit", "lighthouse@12"], cwd=TOOL_DIR, check=True)


def run(url, name):
    RESULTS.mkdir(exist_ok=True)
    prefix = RESULTS / f"lighthouse-{name}"
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
         "--only-categories=performance,accessibility,best-practices,seo",
         "--output=json", "--output=html", f"--output-path={prefix}"],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")},
    )  # fmt: skip
    report = json.loads(Path(f"{prefix}.report.json").read_text())
    if report.get("runtimeError"):
        return {"url": url, "runtimeError": report["runtimeError"]}
    scores = {key: report["categories"][key]["score"] for key in BUDGET}
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    metrics = {
        key: report["audits"][audit]["displayValue"]
        for key, audit in (("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"),
                           ("TBT", "total-blocking-time"), ("CLS", "cumulative-layout-shift"))
    }  # fmt: skip
    # Lighthouse's own measure of the machine's speed (a typical laptop scores over 1,500): it scales its
    # simulated throttling by it, so a loaded machine costs performance points.
    metrics["benchmarkIndex"] = report["environment"]["benchmarkIndex"]
    return {"url": url, "scores": scores, "failing_audits": failing, "lighthouse": report["lighthouseVersion"],
            "metrics": metrics, "load_average": os.getloadavg()}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description="Lighthouse scores of pages on the loopback stack.")
    parser.add_argument("paths", nargs="*", default=pages.BROWSER)
    args = parser.parse_args()
    install()
    ok = True
    with Stack(workers=2) as stack:
        for path in args.paths:
            name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
            result = run(stack.public_url(path), name)
            if "runtimeError" in result:
                ok = False
                print(f"{path}: Lighthouse failed: {result['runtimeError']}")
                continue
            verdict = {k: round(v * 100) for k, v in result["scores"].items()}
            met = all(result["scores"][k] >= v for k, v in BUDGET.items())
            ok &= met
            print(f"{path}: {verdict} {'within' if met else 'OUTSIDE'} budget; {result['metrics']}; "
                  f"load {result['load_average'][0]:.1f}; lighthouse {result['lighthouse']}")  # fmt: skip
            if result["failing_audits"]:
                print(f"    failing audits: {', '.join(result['failing_audits'])}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
