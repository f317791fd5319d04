using System.IO.Compression;
using System.Xml.Linq;

namespace Scoring.Tests.Publish;

/// <summary>An independent reader of .xlsx files (the zip and its XML, not the tool's libraries): each sheet's rows as cells with their type.</summary>
public static class XlsxReader
{
    public sealed record Cell(string Text, string Type);

    public sealed record Sheet(string Name, List<List<Cell>> Rows, int FrozenRows);

    private static readonly XNamespace M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static List<Sheet> Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        XDocument Load(string name) => XDocument.Load(zip.GetEntry(name)!.Open());
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } ss
            ? XDocument.Load(ss.Open()).Root!.Elements(M + "si").Select(si => string.Concat(si.Descendants(M + "t").Select(t => t.Value))).ToList()
            : new List<string>();
        var rels = Load("xl/_rels/workbook.xml.rels").Root!.Elements().ToDictionary(e => (string)e.Attribute("Id")!, e => (string)e.Attribute("Target")!);
        var sheets = new List<Sheet>();
        foreach (var s in Load("xl/workbook.xml").Root!.Element(M + "sheets")!.Elements(M + "sheet"))
        {
            var target = rels[(string)s.Attribute(R + "id")!].TrimStart('/');
            if (!target.StartsWith("xl/", StringComparison.Ordinal)) target = "xl/" + target;
            var doc = Load(target);
            var pane = doc.Descendants(M + "pane").FirstOrDefault();
            int frozen = pane is not null && (string?)pane.Attribute("state") == "frozen" ? (int)(double?)pane.Attribute("ySplit")! : 0;
            var rows = new List<List<Cell>>();
            foreach (var row in doc.Descendants(M + "row"))
            {
                var cells = new List<Cell>();
                foreach (var c in row.Elements(M + "c"))
                {
                    int col = c.Attribute("r") is { } at ? Column(at.Value) : cells.Count; // without a reference, cells follow one another
                    while (cells.Count < col) cells.Add(new Cell("", "blank"));
                    var type = (string?)c.Attribute("t") ?? "n";
                    var text = type switch
                    {
                        "s" => shared[int.Parse(c.Element(M + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)],
                        "inlineStr" => string.Concat(c.Descendants(M + "t").Select(t => t.Value)),
                        _ => c.Element(M + "v")?.Value ?? "",
                    };
                    cells.Add(new Cell(text, type is "inlineStr" or "str" or "s" ? "text" : type == "b" ? "bool" : "number"));
                }
                rows.Add(cells);
            }
            sheets.Add(new Sheet((string)s.Attribute("name")!, rows, frozen));
        }
        return sheets;
    }

    /// <summary>The 0-based column of a cell reference such as <c>C12</c>.</summary>
    private static int Column(string reference)
    {
        int col = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter)) col = col * 26 + (ch - 'A' + 1);
        return col - 1;
    }
}
