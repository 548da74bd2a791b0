import Foundation

extension HTMLIndex {
    /// Whether some model is running (the page then refreshes itself).
    var isLive: Bool { refreshSeconds != nil }

    /// The shortest refresh interval of the running models.
    private var refreshSeconds: Double? { models.compactMap { $0.live?.refreshSeconds }.min() }

    /// The head elements of a live page: a refresh for browsers without JavaScript.
    var liveHead: String {
        guard let refresh = refreshSeconds else { return "" }
        return "<noscript><meta http-equiv=\"refresh\" content=\"\(max(1, Int(refresh.rounded())))\"></noscript>\n"
    }

    /// The note under the page heading while a run is in progress.
    var liveNote: String {
        guard let refresh = refreshSeconds else { return "" }
        let seconds = refresh == refresh.rounded() ? String(Int(refresh)) : String(format: "%.1f", refresh)
        return "<p class=\"live-note\" id=\"live-note\">Training in progress: this page updates itself every "
            + "\(seconds) s until the run ends.</p>\n"
    }

    /// The latest frame, a progress bar and the figures of a running model.
    func liveBlock(_ i: Int, _ m: Model, _ live: LiveStatus) -> String {
        let pct = live.total > 0 ? 100 * Double(live.step) / Double(live.total) : 0
        var facts = ["step \(live.step) of \(live.total) (\(String(format: "%.0f", pct)) %)"]
        if live.stepsPerSecond > 0 { facts.append(String(format: "%.1f steps/s", live.stepsPerSecond)) }
        facts.append("\(Self.duration(live.seconds)) elapsed")
        if let eta = live.etaSeconds { facts.append("about \(Self.duration(eta)) left") }
        if live.dLoss.isFinite && live.gLoss.isFinite {
            facts.append(String(format: "d_loss %.4f, g_loss %.4f", live.dLoss, live.gLoss))
        }
        return "<div class=\"live\" id=\"live-\(i + 1)\" data-step=\"\(live.step)\">\n"
            + "<figure class=\"animation\"><img data-live src=\"\(url(live.framePath))\" "
            + "alt=\"\(HTML.escape("Latest frame of \(m.name), step \(live.frameStep)"))\">"
            + "<figcaption>Latest frame, step \(live.frameStep)</figcaption></figure>\n"
            + "<progress max=\"\(live.total)\" value=\"\(live.step)\"></progress>\n"
            + "<p class=\"live-facts\">\(HTML.escape(facts.joined(separator: " · ")))</p>\n</div>\n"
    }

    /// The script of a live page. From file:// it reloads the page every `refresh`
    /// seconds until the newest update is stale; served by `ganscope serve` (http) it
    /// listens to the server's events instead and swaps in the new page body without a
    /// reload, closing the stream when the page says the run has ended.
    var liveScript: String {
        guard let refresh = refreshSeconds else { return "" }
        let updated = models.compactMap { $0.live?.updated }.max() ?? 0
        // Older than this, the newest update means the run was killed before its final report.
        let stale = max(30, 20 * refresh)
        return """
        <script>
        (function () {
          var updatedMs = \(Int64(updated * 1000)), refreshMs = \(Int64(refresh * 1000)), staleMs = \(Int64(stale * 1000));
          function bust(root) {
            var v = Date.now();
            root.querySelectorAll('img[data-live]').forEach(function (img) {
              img.setAttribute('src', img.getAttribute('src').split('?')[0] + '?v=' + v);
            });
          }
          if (location.protocol === 'http:' || location.protocol === 'https:') {
            var events = new EventSource('/_ganscope/events');
            events.addEventListener('update', function () {
              fetch(location.pathname, { cache: 'no-store' })
                .then(function (r) { return r.text(); })
                .then(function (text) {
                  var doc = new DOMParser().parseFromString(text, 'text/html');
                  var fresh = doc.querySelector('main');
                  if (!fresh) { return; }
                  bust(fresh);
                  document.querySelector('main').replaceWith(document.adoptNode(fresh));
                  if (!doc.body.hasAttribute('data-live')) { events.close(); document.body.removeAttribute('data-live'); }
                });
            });
            return;
          }
          var note = document.getElementById('live-note');
          var age = Date.now() - updatedMs;
          if (age > staleMs) {
            if (note) { note.textContent = 'No update for ' + Math.round(age / 1000) + ' s: the run seems to have stopped without writing its final report. Reload to check again.'; }
            return;
          }
          setTimeout(function () { location.reload(); }, refreshMs);
        })();
        </script>

        """
    }

    /// "42 s", "3 min 05 s", "1 h 02 min".
    static func duration(_ s: Double) -> String {
        guard s.isFinite, s >= 0 else { return "?" }
        let t = Int(s.rounded())
        if t < 60 { return "\(t) s" }
        if t < 3600 { return String(format: "%d min %02d s", t / 60, t % 60) }
        return String(format: "%d h %02d min", t / 3600, (t % 3600) / 60)
    }
}
