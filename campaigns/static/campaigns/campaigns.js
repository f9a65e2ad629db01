/* Campaign materials: copy buttons for text elements and YouTube only after consent.
   Progressive enhancement: without JavaScript the texts stay selectable and the video
   has a plain link; the buttons are shown only when they can work. */
(function () {
    "use strict";

    function announce(button, message) {
        var status = document.getElementById(button.getAttribute("data-copy-status"));
        if (status) { status.textContent = ""; window.setTimeout(function () { status.textContent = message; }, 50); }
    }

    function copyText(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text);
        }
        return new Promise(function (resolve, reject) {
            var area = document.createElement("textarea");
            area.value = text;
            area.setAttribute("readonly", "");
            area.style.position = "fixed";
            area.style.opacity = "0";
            document.body.appendChild(area);
            area.select();
            var ok = document.execCommand && document.execCommand("copy");
            document.body.removeChild(area);
            if (ok) { resolve(); } else { reject(new Error("copy refused")); }
        });
    }

    document.querySelectorAll(".copy-button[data-copy-target]").forEach(function (button) {
        var source = document.getElementById(button.getAttribute("data-copy-target"));
        if (!source) { return; }
        button.hidden = false;
        var label = button.innerHTML;
        button.addEventListener("click", function () {
            copyText((source.value || source.innerText).trim()).then(function () {
                var copied = button.getAttribute("data-copied-label");
                button.textContent = copied;
                announce(button, copied);
                window.setTimeout(function () { button.innerHTML = label; }, 2500);
            }, function () {
                if (source.select) { source.select(); return; }
                var range = document.createRange();
                range.selectNodeContents(source);
                var selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
            });
        });
    });

    document.querySelectorAll(".video-consent[data-youtube-id]").forEach(function (box) {
        var button = box.querySelector(".video-consent__button");
        var id = box.getAttribute("data-youtube-id");
        if (!button || !/^[A-Za-z0-9_-]{11}$/.test(id)) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            var frame = document.createElement("iframe");
            frame.src = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1&rel=0";
            frame.title = box.getAttribute("data-title") || "";
            frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
            frame.referrerPolicy = "strict-origin-when-cross-origin";
            frame.className = "video-consent__frame";
            box.replaceChildren(frame);
            frame.focus();
        });
    });
}());
