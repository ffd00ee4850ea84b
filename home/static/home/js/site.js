// Progressive enhancement only: every page and form works without this file.
(function () {
    "use strict";
    // Buttons that copy a link (e.g. "Salin tautan"); without JavaScript the link itself stays usable.
    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-copy-url]");
        if (!button || !navigator.clipboard) return;
        event.preventDefault();
        navigator.clipboard.writeText(button.getAttribute("data-copy-url")).then(function () {
            var status = button.getAttribute("data-copied-text");
            if (status) button.textContent = status;
        });
    });
    // Guidance pages: a print button only where printing can be started from a script, and answers of
    // collapsed FAQs on paper (a closed <details> prints only its question).
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });
    window.addEventListener("beforeprint", function () {
        document.querySelectorAll("details:not([open])").forEach(function (details) {
            details.setAttribute("open", "");
            details.setAttribute("data-print-opened", "");
        });
    });
    window.addEventListener("afterprint", function () {
        document.querySelectorAll("details[data-print-opened]").forEach(function (details) {
            details.removeAttribute("open");
            details.removeAttribute("data-print-opened");
        });
    });
    // Forms marked data-submit-once disable their submit button after the first submit (double clicks).
    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form.hasAttribute("data-submit-once")) return;
        if (form.dataset.submitted) { event.preventDefault(); return; }
        form.dataset.submitted = "1";
    });
})();
