// Check-in: scan the QR code of a registration with the phone camera, where the browser can (BarcodeDetector:
// Chrome on Android; not desktop Chromium, Firefox or iOS Safari). The QR code holds the link to that registration's
// check-in, which any phone's camera app opens by itself; this scanner only keeps the desk on this page between
// people. What it reads goes into the search box, and the server takes a link or a bare code (older mails) alike.
// Progressive enhancement only: without it (or without a camera) the search by name or code works as it is.
(function () {
    "use strict";
    var form = document.querySelector("[data-check-in-form]");
    if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
    var button = form.querySelector("[data-qr-scan]");
    var video = form.querySelector("[data-qr-video]");
    var input = form.querySelector("input[name=q]");
    button.hidden = false;
    button.addEventListener("click", function () {
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
            video.srcObject = stream;
            video.hidden = false;
            video.play();
            var stop = function () { stream.getTracks().forEach(function (t) { t.stop(); }); video.hidden = true; };
            var scan = function () {
                detector.detect(video).then(function (codes) {
                    if (codes.length) { stop(); input.value = codes[0].rawValue; form.submit(); }
                    else { window.requestAnimationFrame(scan); }
                }).catch(stop);
            };
            scan();
        }).catch(function () { button.hidden = true; });
    });
})();
