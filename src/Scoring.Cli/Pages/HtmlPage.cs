using System.Net;
using System.Text;

namespace Scoring.Cli.Pages;

/// <summary>
/// A self-contained HTML page (no external files, fonts, scripts or CDN: it works offline and prints on A4):
/// the shell every page shares, and escaping. Pages are written to a temporary file and renamed into place.
/// </summary>
internal static class HtmlPage
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Style = """
        :root { color-scheme: light; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 24px; color: #111; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 2px solid #b22; padding-bottom: 3px; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        .meta { color: #444; font-size: 13px; margin: 2px 0; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 12px; }
        th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f3e9e9; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .chart { margin: 4px 0 14px; }
        .note { color: #555; font-size: 12px; }
        footer { margin-top: 20px; font-size: 12px; color: #444; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { margin: 0; }
          h2 { break-after: avoid; }
          table { break-inside: auto; }
          tr, .chart { break-inside: avoid; }
          thead { display: table-header-group; }
          section.group { break-before: auto; }
        }
        """;

    /// <summary>The page: its title, the style above, <paramref name="body"/>, and a one-line script that marks the page as rendered (what the browser tests wait for).</summary>
    public static string Document(string title, string body)
    {
        var sb = new StringBuilder(body.Length + 2048);
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
          .Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
          .Append(body)
          .Append("<script>document.body.setAttribute('data-rendered', String(document.querySelectorAll('table').length));</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/> through a temporary file, making a missing folder.</summary>
    public static void Save(UserPath path, string html)
    {
        var folder = Path.GetDirectoryName(path.Full);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        var partial = path.Full + ".partial";
        File.WriteAllText(partial, html, new UTF8Encoding(false));
        File.Move(partial, path.Full, overwrite: true);
    }

    /// <summary>Stops unless <paramref name="path"/> is an .html page that can be written (checked before any work).</summary>
    public static void CheckOut(UserPath path, string option)
    {
        if (!Io.FormatNames.HasExtension(path.Text, ".html", ".htm"))
            throw new CliException($"{path}: {option} must name an .html file", Cli.Usage);
        if (Directory.Exists(path.Full)) throw new CliException($"{path}: is a directory; {option} names the page to write", Cli.Usage);
    }

    /// <summary>A table: headers, then rows of cells (already escaped HTML); cells flagged numeric are right-aligned.</summary>
    public static void Table(StringBuilder sb, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, Func<int, bool>? numeric = null)
    {
        sb.Append("<table>\n<thead><tr>");
        foreach (var h in headers) sb.Append("<th>").Append(E(h)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (int i = 0; i < row.Count; i++) sb.Append(numeric?.Invoke(i) == true ? "<td class=\"n\">" : "<td>").Append(row[i]).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }
}
