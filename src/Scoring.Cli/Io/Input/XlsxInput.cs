using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// Excel input (<c>.xlsx</c>, read streaming with MiniExcel): the first worksheet or <c>--sheet</c>, a header row
/// naming the fields by key or by label (the Chinese headers a county office's roster has), one record a row.
/// Numbers, dates and yes/no cells become the text the fields' types read; a flat sheet cannot carry child records.
/// </summary>
internal sealed class XlsxInput : IInputFormat
{
    public string LocationHint => ".xlsx";

    public bool Accepts(string location) => IsXlsx(location);

    public static bool IsXlsx(string location) => FormatNames.HasExtension(location, ".xlsx");

    public IRecordSource Open(InputRequest request)
    {
        request.RequireFile();
        if (request.Children.Count > 0 || request.Reader.CollectionNames.Count > 0)
            throw new CliException($"{request.Path}: this rule set reads child records ({string.Join(", ", request.Reader.CollectionNames)}), which a worksheet's rows cannot carry; use JSON Lines input");
        List<string> sheets;
        try
        {
            sheets = MiniExcel.GetSheetNames(request.Path.Full);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new CliException($"{request.Path}: not a readable .xlsx workbook ({ex.Message})");
        }
        if (sheets.Count == 0) throw new CliException($"{request.Path}: the workbook has no worksheet");
        var sheet = request.Sheet ?? sheets[0];
        if (!sheets.Contains(sheet))
            throw new CliException($"{request.Path}: no worksheet '{sheet}' (it has: {string.Join(", ", sheets)})", Cli.Usage);
        return new Source(request, sheet);
    }

    private sealed class Source : FileSource, IRecordSource
    {
        private readonly RecordReader _reader;
        private readonly string _sheet;
        private ColumnMap? _map;

        public Source(InputRequest request, string sheet) : base(request.Path)
        {
            _reader = request.Reader;
            _sheet = sheet;
        }

        public IEnumerable<(string File, long Line, string Key)> Orphans() => Array.Empty<(string, long, string)>();

        public RecordResult Parse(InputItem item) =>
            item.Error is not null ? RecordResult.Invalid(item.Key, item.Number, item.Error) : _reader.Read(item.Row!.Value, _map!, null, item.Number);

        public Record? ParseInto(InputItem item, Record scratch, out RecordResult? failure)
        {
            if (item.Error is null) return _reader.TryReadInto(item.Row!.Value, _map!, null, item.Number, scratch, out failure) ? scratch : null;
            failure = Parse(item);
            return null;
        }

        private static readonly OpenXmlConfiguration Configuration = new() { IgnoreEmptyRows = false, FillMergedCells = false };

        public IEnumerable<InputItem> Items()
        {
            using var stream = OpenFile();
            IEnumerator<object> rows;
            try
            {
                rows = MiniExcel.Query(stream, useHeaderRow: false, sheetName: _sheet, excelType: ExcelType.XLSX, configuration: Configuration).GetEnumerator();
            }
            catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or InvalidOperationException)
            {
                throw new CliException($"{Path}: not a readable .xlsx workbook ({ex.Message})");
            }
            using (rows)
            {
                if (!Next(rows)) throw new CliException($"{Path}: worksheet '{_sheet}' is empty (a header row is needed)");
                var header = (IDictionary<string, object?>)rows.Current;
                var columns = header.Keys.ToArray(); // A, B, C… in sheet order
                var names = new string[columns.Length];
                var types = new Model.FieldType?[columns.Length];
                var seen = new HashSet<string>(StringComparer.Ordinal);
                int width = 0;
                for (int i = 0; i < columns.Length; i++)
                {
                    var text = Text(header[columns[i]], null).Trim();
                    if (text.Length == 0) { names[i] = ""; continue; }
                    width = i + 1;
                    var field = _reader.FieldForHeader(text) ?? text;
                    if (!seen.Add(field)) throw new CliException($"{Path}(1,{i + 1}): column '{text}' names '{field}', which an earlier column names too");
                    names[i] = field;
                    types[i] = _reader.TypeOf(field);
                }
                var missing = _reader.RequiredFieldNames.Where(f => !seen.Contains(f)).ToList();
                if (missing.Count > 0) throw new CliException($"{Path}(1): the header row lacks required field(s): {string.Join(", ", missing)} (a column is named by the field's key or its label)");
                _map = _reader.MapColumns(names);
                int keyIndex = Array.IndexOf(names, _reader.KeyField);
                long number = 0, line = 1;
                while (Next(rows))
                {
                    line++;
                    var row = (IDictionary<string, object?>)rows.Current;
                    var cells = new string[columns.Length];
                    bool blank = true;
                    for (int i = 0; i < columns.Length; i++)
                    {
                        cells[i] = row.TryGetValue(columns[i], out var v) ? Text(v, types[i]) : "";
                        if (cells[i].Length > 0) blank = false;
                    }
                    if (blank) continue; // an empty row is not a record
                    number++;
                    var ends = new int[cells.Length];
                    int total = 0;
                    for (int i = 0; i < cells.Length; i++) ends[i] = total += cells[i].Length;
                    yield return new InputItem(number, line, new TextRow(string.Concat(cells), ends), null, null, keyIndex >= 0 ? cells[keyIndex] : null, keyIndex);
                }
            }
        }

        private bool Next(IEnumerator<object> rows)
        {
            try
            {
                return rows.MoveNext();
            }
            catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or InvalidOperationException or FormatException)
            {
                throw new CliException($"{Path}: worksheet '{_sheet}' cannot be read ({ex.Message})");
            }
        }

        /// <summary>A cell as the text its field's type reads: numbers exactly as decimals, yes/no as true/false, a date as YYYY-MM-DD (YYYY-MM for a month).</summary>
        private static string Text(object? cell, Model.FieldType? type) => cell switch
        {
            null => "",
            string s => s,
            bool b => b ? "true" : "false",
            double d => double.IsFinite(d) ? ((decimal)d).ToString(CultureInfo.InvariantCulture) : d.ToString(CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            int or long or short => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
            DateTime dt => type == Model.FieldType.Month ? dt.ToString("yyyy-MM", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly day => type == Model.FieldType.Month ? day.ToString("yyyy-MM", CultureInfo.InvariantCulture) : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
        };
    }
}
