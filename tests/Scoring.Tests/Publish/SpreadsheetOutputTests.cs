using System.Text;
using Scoring.Tests.Cli;

namespace Scoring.Tests.Publish;

/// <summary>Results staff open in Excel: CSV with a BOM and labels, kept input columns, formulas that do not run, and .xlsx in and out (read back independently).</summary>
public sealed class SpreadsheetOutputTests
{
    private static readonly string CadreRules = Repo.TenStarRules;
    private static readonly string CadreMonths = Repo.Samples("cadre-months.csv");

    [Fact]
    public void Csv_Bom_LabelHeaders_AndKeptMonth_SayWhichRowIsWhich()
    {
        using var t = new TempDir();
        t.Run("run", "--rules", CadreRules, "--input", CadreMonths, "--out", "m.csv", "--bom", "--headers", "labels", "--keep", "month").ShouldExit(0);
        var bytes = File.ReadAllBytes(t["m.csv"]);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = TestFiles.ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(new[] { "干部编号", "评星月份", "守岗敬业星" }, rows[0][..3]);
        Assert.Equal("星数", rows[0][^1]);
        // C-003 appears once a month, and each row says which month
        var c003 = rows.Skip(1).Where(r => r[0] == "C-003").Select(r => r[1]).ToArray();
        Assert.Equal(c003.Length, c003.Distinct().Count());
        Assert.Contains("2023-01", c003);
    }

    [Fact]
    public void Csv_ByDefault_HeadersAreKeys_WithoutBom()
    {
        using var t = new TempDir();
        t.Run("run", "--rules", CadreRules, "--input", CadreMonths, "--out", "m.csv").ShouldExit(0);
        var text = File.ReadAllText(t["m.csv"]);
        Assert.StartsWith("cadre_id,on_post,", text, StringComparison.Ordinal);
    }

    private const string Rules = """
        id: formulas
        name: 公式测试
        version: "1"
        subject:
          key: id
          fields:
            id: { type: string, label: 编号 }
            note: { type: string, label: 备注 }
            n: { type: decimal, label: 数量 }
        values:
          echo: { label: 备注原样, expr: note }
          minus: { label: 负数, expr: 0 - n }
        outcomes: [echo, minus]
        """;

    [Fact]
    public void Formulas_InText_AreNeutralised_NumbersStayNumbers_AndKeepTurnsItOff()
    {
        using var t = new TempDir();
        t.Write("f.yaml", Rules);
        t.Write("in.csv", "id,note,n\nA-1,\"=HYPERLINK(\"\"http://x\"\")\",5\nA-2,+1+2,1.5\nA-3,@SUM(A1),0\nA-4,-3,2\nA-5,plain,1\n");
        t.Run("run", "--rules", "f.yaml", "--input", "in.csv", "--out", "o.csv").ShouldExit(0);
        var rows = TestFiles.ParseCsv(File.ReadAllText(t["o.csv"]));
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[1][1]);
        Assert.Equal("'+1+2", rows[2][1]);
        Assert.Equal("'@SUM(A1)", rows[3][1]);
        Assert.Equal("'-3", rows[4][1]);     // text that starts with '-'
        Assert.Equal("plain", rows[5][1]);
        Assert.Equal("-5", rows[1][2]);      // a negative number stays a number
        Assert.Equal("-1.5", rows[2][2]);

        t.Run("run", "--rules", "f.yaml", "--input", "in.csv", "--out", "raw.csv", "--formulas", "keep").ShouldExit(0);
        Assert.Equal("=HYPERLINK(\"http://x\")", TestFiles.ParseCsv(File.ReadAllText(t["raw.csv"]))[1][1]);

        t.Run("run", "--rules", "f.yaml", "--input", "in.csv", "--out", "o.xlsx").ShouldExit(0);
        var sheet = XlsxReader.Read(t["o.xlsx"])[0];
        Assert.Equal("'=HYPERLINK(\"http://x\")", sheet.Rows[1][1].Text);
        Assert.Equal("text", sheet.Rows[1][1].Type);
        Assert.Equal("number", sheet.Rows[1][2].Type);
        Assert.Equal(-5m, decimal.Parse(sheet.Rows[1][2].Text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Xlsx_Output_OneRowPerRecord_FrozenHeader_LabelledColumns_AndARejectsSheet()
    {
        using var t = new TempDir();
        t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Data("run/bad-settlements.csv"), "--out", "s.xlsx", "--headers", "labels").ShouldExit(3);
        var sheets = XlsxReader.Read(t["s.xlsx"]);
        Assert.Equal(new[] { "结果", "拒收" }, sheets.Select(s => s.Name));
        var results = sheets[0];
        Assert.Equal(1, results.FrozenRows);
        Assert.Equal("安置点编号", results.Rows[0][0].Text);
        Assert.Equal("党组织设置", results.Rows[0][1].Text);
        var rejects = sheets[1];
        Assert.Equal(1, rejects.FrozenRows);
        Assert.True(rejects.Rows.Count > 1, "the rejects sheet lists the rejected records");
        Assert.Equal(new[] { "记录序号", "行号", "安置点编号", "代码", "原因" }, rejects.Rows[0].Select(c => c.Text));
        // every record is accounted for: scored rows + rejected rows = the records of the input
        int records = TestFiles.ParseCsv(File.ReadAllText(Repo.Data("run/bad-settlements.csv"))).Count - 1;
        Assert.Equal(records, results.Rows.Count - 1 + rejects.Rows.Count - 1);
    }

    [Fact]
    public void Xlsx_Output_ObjectOutcomes_OneColumnPerField_NumbersAsNumbers()
    {
        using var t = new TempDir();
        t.Run("run", "--rules", Repo.Rules("aid-eligibility.yaml"), "--input", Repo.Samples("aid-households.jsonl"), "--as-of", "2023-08-15", "--out", "aid.xlsx").ShouldExit(0);
        var sheet = XlsxReader.Read(t["aid.xlsx"])[0];
        var header = sheet.Rows[0].Select(c => c.Text).ToList();
        int status = header.IndexOf("dibao.status"), amount = header.IndexOf("dibao.amount");
        var h77 = sheet.Rows.First(r => r[0].Text == "H-77");
        Assert.Equal("eligible_missing_documents", h77[status].Text);
        Assert.Equal(("470", "number"), (h77[amount].Text, h77[amount].Type));
        Assert.Equal(321, sheet.Rows.Count); // the header and 320 households
    }

    [Fact]
    public void Xlsx_Input_HeadersByLabel_FirstSheetOrNamed_GivesTheSameResultsAsCsv()
    {
        using var t = new TempDir();
        var csv = TestFiles.ParseCsv(File.ReadAllText(Repo.Samples("settlements.csv")));
        var labels = new Dictionary<string, string>
        {
            ["settlement_id"] = "安置点编号", ["name"] = "安置点名称", ["county"] = "所在县", ["residents"] = "安置人口",
            ["households"] = "安置户数", ["full_party_members"] = "正式党员人数", ["garden_area_m2"] = "微菜园总面积（平方米）",
        };
        WriteWorkbook(t["in.xlsx"], "说明", new[] { new[] { "这一页不是数据" } }, "安置点", csv.Select((r, i) => i == 0 ? r.Select(h => labels[h]).ToArray() : r).ToArray());
        t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "from-csv.csv").ShouldExit(0);
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.xlsx", "--sheet", "安置点", "--out", "from-xlsx.csv").ShouldExit(0);
        Assert.Equal(File.ReadAllText(t["from-csv.csv"]), File.ReadAllText(t["from-xlsx.csv"]));

        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.xlsx", "--out", "first.csv").ShouldExit(1);
        Assert.Contains("in.xlsx(1): the header row lacks required field(s)", r.Stderr); // the first sheet is the note
        var none = t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.xlsx", "--sheet", "nope", "--out", "x.csv").ShouldExit(2);
        Assert.Contains("no worksheet 'nope' (it has: 说明, 安置点)", none.Stderr);
    }

    [Fact]
    public void Keep_NamesAFieldTheRulesDoNotHave_IsAUsageError_WithTheFields()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", CadreRules, "--input", CadreMonths, "--out", "m.csv", "--keep", "mnth").ShouldExit(2);
        Assert.Contains("--keep 'mnth': not a field of the rule set's subject", r.Stderr);
        Assert.Contains("did you mean 'month'?", r.Stderr);
    }

    /// <summary>A workbook written with SpreadCheetah (numbers as numbers), its sheets in order.</summary>
    private static void WriteWorkbook(string path, string firstName, string[][] first, string secondName, string[][] second)
    {
        using var stream = File.Create(path);
        var book = SpreadCheetah.Spreadsheet.CreateNewAsync(stream).AsTask().GetAwaiter().GetResult();
        foreach (var (name, rows) in new[] { (firstName, first), (secondName, second) })
        {
            book.StartWorksheetAsync(name).AsTask().GetAwaiter().GetResult();
            foreach (var row in rows)
                book.AddRowAsync(row.Select(v => decimal.TryParse(v, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) ? new SpreadCheetah.DataCell(d) : new SpreadCheetah.DataCell(v)).ToArray()).AsTask().GetAwaiter().GetResult();
        }
        book.FinishAsync().AsTask().GetAwaiter().GetResult();
    }
}
