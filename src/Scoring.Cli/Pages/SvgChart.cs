using System.Globalization;
using System.Text;

namespace Scoring.Cli.Pages;

/// <summary>A horizontal bar chart as inline SVG markup (no library, no script): one bar per category with its count.</summary>
internal static class SvgChart
{
    public static string Bars(string title, IReadOnlyList<(string Label, long Count)> bars)
    {
        const int labelWidth = 190, barWidth = 380, row = 24, top = 26;
        long max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Count));
        long total = Math.Max(1, bars.Sum(b => b.Count));
        int height = top + bars.Count * row + 8;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barWidth + 140}\" height=\"{height}\" viewBox=\"0 0 {labelWidth + barWidth + 140} {height}\">");
        sb.Append("<title>").Append(HtmlPage.E(title)).Append("</title>");
        sb.Append("<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">").Append(HtmlPage.E(title)).Append("</text>");
        for (int i = 0; i < bars.Count; i++)
        {
            var (label, count) = bars[i];
            int y = top + i * row;
            int w = (int)Math.Round((double)count / max * barWidth);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" font-size=\"12\" text-anchor=\"end\">{HtmlPage.E(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{Math.Max(w, count > 0 ? 1 : 0)}\" height=\"{row - 7}\" fill=\"#b33a3a\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + w + 6}\" y=\"{y + 15}\" font-size=\"12\">{count:N0}（{100.0 * count / total:0.#}%）</text>");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
