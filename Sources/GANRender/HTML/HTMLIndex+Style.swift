extension HTMLIndex {
    /// The page's inline style sheet: light theme, system font stack, centred column of at
    /// most 1100 px, responsive grids for charts and frames. No external resources.
    static let css = """

    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #f6f7f9; color: #1f2328;
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 8px; }
    header h1 { margin: 0 0 4px; font-size: 28px; }
    .meta { margin: 0 0 20px; color: #59636e; }
    h2 { font-size: 22px; margin: 0 0 12px; }
    h3 { font-size: 17px; margin: 22px 0 10px; color: #333; }
    a { color: #0b62c4; }
    nav.toc, section.model { background: #fff; border: 1px solid #d8dee4; border-radius: 8px;
      padding: 18px 22px; margin: 0 0 22px; }
    nav.toc ol { margin: 0; padding-left: 22px; }
    figure { margin: 0; }
    figcaption { color: #59636e; font-size: 13px; margin-top: 4px; }
    img { max-width: 100%; height: auto; border: 1px solid #e1e4e8; border-radius: 4px; background: #fff; }
    .animation img { display: block; }
    .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 16px; }
    .gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px; }
    .gallery figure { text-align: center; }
    .tables { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 22px; }
    table { border-collapse: collapse; min-width: 280px; font-size: 14px; }
    caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
    th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #eaeef2; vertical-align: top; }
    th { font-weight: 500; color: #59636e; }
    td { font-variant-numeric: tabular-nums; word-break: break-word; }
    table.grid td { text-align: right; padding-left: 16px; }
    table.grid th[scope=col] { font-weight: 600; color: #424a53; text-align: right; padding-left: 16px; }
    table.grid th[scope=col]:first-child { text-align: left; padding-left: 0; }
    ul.files { padding-left: 20px; columns: 2 320px; }
    code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #59636e; }
    .status { font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 10px; margin-left: 8px;
      vertical-align: middle; background: #eaeef2; color: #424a53; }
    .status.good { background: #dafbe1; color: #116329; }
    .status.bad { background: #ffebe9; color: #a40e26; }
    .status.live { background: #ddf4ff; color: #0550ae; }
    .live-note { margin: -12px 0 20px; color: #0550ae; }
    .live { margin: 0 0 12px; }
    .live progress { width: 100%; max-width: 800px; height: 10px; margin-top: 10px; display: block; }
    .live-facts { margin: 6px 0 0; font-variant-numeric: tabular-nums; color: #424a53; }
    .diagnosis article.condition { border-left: 4px solid #cf222e; background: #fff8f7; padding: 8px 12px;
      margin: 0 0 10px; overflow: auto; }
    .diagnosis article.condition figure { float: right; margin-left: 12px; }
    .diagnosis h4 { margin: 0 0 4px; font-size: 15px; }
    .diagnosis h4 code { font-size: 14px; color: #a40e26; }
    .diagnosis p { margin: 4px 0; }
    .diagnosis .advice { color: #0550ae; }
    .diagnosis .healthy { color: #116329; }
    footer { max-width: 1100px; margin: 0 auto; padding: 0 20px 28px; color: #8c959f; font-size: 13px; }

    """
}
