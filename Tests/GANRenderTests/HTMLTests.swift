import Testing
import GANRender
import TestSupport

@Suite("HTML")
struct HTMLTests {
    @Test func escapeCoversAllFiveCharacters() {
        #expect(HTML.escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&#39;")
        #expect(HTMLLinks.unescape(HTML.escape("a<b & \"c\" 'd'")) == "a<b & \"c\" 'd'")
        #expect(HTML.escape("plain ünïcode") == "plain ünïcode")
    }

    @Test func percentEncodingRoundTripsAwkwardPaths() {
        let path = "my run/GAN #1/_5000 100%?.png"
        let encoded = HTML.percentEncodePath(path)
        #expect(!encoded.contains(" ") && !encoded.contains("#") && !encoded.contains("?"))
        #expect(encoded.hasPrefix("my%20run/"))
        #expect(HTML.percentEncodePath("A-z_0.~/ü#?%:+") == "A-z_0.~/%C3%BC%23%3F%25%3A%2B")
        #expect(HTMLLinks.percentDecode(encoded) == path)
    }

    static let index: HTMLIndex = {
        var gan = HTMLIndex.Model(name: "GAN <b>&")
        gan.gif = "GAN_generate_animation.gif"
        gan.frames = [.init(step: 5000, path: "GAN/_5000.png"), .init(step: 10000, path: "GAN/_10000.png")]
        gan.charts = [.init(label: "Losses", path: "GAN/losses.png")]
        gan.config = [.init("learning_rate", "0.0002"), .init("note", "<b>bold</b>")]
        gan.summary = [.init("modes captured", "8 / 8")]
        gan.files = [.init(label: "losses.csv", path: "GAN/losses.csv")]
        gan.status = "finished"
        var wgan = HTMLIndex.Model(name: "WGAN")
        wgan.frames = [.init(step: 5000, path: "WGAN run/_5000 \"x\".png")]
        wgan.status = "diverged at step 1234"
        return HTMLIndex(title: "Results <2024>", models: [gan, wgan])
    }()

    @Test func pageEscapesTextAndLinksEveryFrame() {
        let html = Self.index.render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("GAN &lt;b&gt;&amp;"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("Results &lt;2024&gt;"))
        let links = HTMLLinks.links(in: html).map(HTMLLinks.percentDecode)
        for model in Self.index.models {
            for frame in model.frames { #expect(links.contains(frame.path)) }
            for chart in model.charts { #expect(links.contains(chart.path)) }
            for file in model.files { #expect(links.contains(file.path)) }
        }
        #expect(links.contains("GAN_generate_animation.gif"))
        #expect(!links.contains { $0.hasPrefix("#") })
        #expect(html.contains("step 10000"))
        #expect(html.contains("width=\"240\""))
    }

    @Test func pageHasNoNetworkReferences() {
        let html = Self.index.render().lowercased()
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("@import"))
    }

    @Test func tableOfContentsOnlyForSeveralModels() {
        #expect(Self.index.render().contains("<nav class=\"toc\">"))
        let single = HTMLIndex(title: "one", models: [HTMLIndex.Model(name: "GAN")])
        #expect(!single.render().contains("<nav"))
    }

    @Test func linksParserReadsBothQuoteStylesAndDecodesEntities() {
        let html = "<a href=\"a&amp;b.png\">x</a> <img src='c%20d.png'> <a href=\"#top\">t</a> <p>href=\"no\"</p>"
        #expect(HTMLLinks.links(in: html) == ["a&b.png", "c%20d.png"])
    }

    @Test func headerTablesRenderEscapedWithColumnAndRowHeadings() {
        let table = HTMLIndex.Table(caption: "Final <metrics>", header: ["metric", "generated", "real data"],
                                    rows: [["modes captured", "7 / 8", "8 / 8"], ["reverse KL", "<0.1", "0.001"]])
        var model = HTMLIndex.Model(name: "GAN")
        model.config = [.init("a", "b")]
        model.tables = [table]
        let html = HTMLIndex(title: "t", models: [model]).render()
        #expect(html.contains("<caption>Final &lt;metrics&gt;</caption>"))
        #expect(html.contains("<tr><th scope=\"col\">metric</th><th scope=\"col\">generated</th><th scope=\"col\">real data</th></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">reverse KL</th><td>&lt;0.1</td><td>0.001</td></tr>"))
        // Shown before the configuration table.
        let metrics = html.range(of: "Final &lt;metrics&gt;")!, config = html.range(of: "<caption>Configuration")!
        #expect(metrics.lowerBound < config.lowerBound)
    }
}
