using SpreadCheetah;
using SpreadCheetah.Worksheets;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// Excel output (<c>.xlsx</c>, written streaming with SpreadCheetah): a results sheet with one row per record
/// (the key, the kept fields, one column per outcome, object outcomes flattened) under a frozen header, and a
/// rejects sheet with each rejected record and its reason. Numbers are numbers; text a spreadsheet would take
/// for a formula is neutralised as in CSV. Past Excel's 1 048 576 rows a sheet continues in the next.
/// </summary>
internal sealed class XlsxOutput : IOutputFormat
{
    public string Name => "Excel";

    public string LocationHint => ".xlsx";

    public bool Accepts(string location) => XlsxInput.IsXlsx(location);

    public bool CarriesExplanations => false;

    public IResultWriter Create(Stream output, CompiledRuleSet rules, OutputOptions options) => new Writer(output, rules, options);

    private sealed class Writer : IResultWriter, IRowFormatter, IRejectSink
    {
        private const int RowsPerSheet = 1_048_576;
        private readonly Stream _stream;
        private readonly CompiledRuleSet _rules;
        private readonly OutputOptions _options;
        private readonly IReadOnlyList<OutcomeInfo> _outcomes;
        private readonly int _width; // values per row in a batch: the key, the outcomes, the kept fields shown
        private readonly List<string> _headers;
        private readonly List<(long Number, long Line, string? Key, string Code, string Reason)> _rejects = new();
        private Spreadsheet? _book;
        private DataCell[] _cells;
        private int _rowsInSheet, _sheets;

        [ThreadStatic] private static List<Value>? _pending;

        public Writer(Stream stream, CompiledRuleSet rules, OutputOptions options)
        {
            _stream = stream;
            _rules = rules;
            _options = options;
            _outcomes = rules.Outcomes;
            _width = 1 + _outcomes.Count + options.Keep.Count;
            _headers = Headers.For(rules, options);
            _cells = new DataCell[_headers.Count];
        }

        public IRowFormatter Rows => this;

        private string Results => _options.LabelHeaders ? "结果" : "results";

        public void WriteHeader()
        {
            _book = Spreadsheet.CreateNewAsync(_stream).AsTask().GetAwaiter().GetResult();
            StartSheet();
        }

        private void StartSheet()
        {
            _sheets++;
            _book!.StartWorksheetAsync(_sheets == 1 ? Results : $"{Results} {_sheets}", new WorksheetOptions { FrozenRows = 1 }).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < _headers.Count; i++) _cells[i] = new DataCell(_headers[i]);
            Add(_cells);
            _rowsInSheet = 1;
        }

        private void Add(DataCell[] cells)
        {
            var pending = _book!.AddRowAsync(cells);
            if (!pending.IsCompletedSuccessfully) pending.AsTask().GetAwaiter().GetResult();
        }

        public void BeginRows() => _pending?.Clear();

        public void Append(string? key, ReadOnlySpan<Value> values)
        {
            var p = _pending ??= new List<Value>(4096);
            p.Add(Value.Of(key));
            for (int i = 0; i < _width - 1; i++) p.Add(values[i]);
        }

        public object TakeRows()
        {
            var p = _pending ??= new List<Value>();
            var rows = p.ToArray();
            p.Clear();
            return rows;
        }

        public void WriteRows(object rows)
        {
            var flat = (Value[])rows;
            for (int at = 0; at < flat.Length; at += _width) WriteRow(flat.AsSpan(at, _width));
        }

        public void Write(Evaluation evaluation, ReadOnlySpan<Value> kept)
        {
            var row = new Value[_width];
            row[0] = Value.Of(evaluation.Key);
            for (int i = 0; i < _outcomes.Count; i++) row[1 + i] = evaluation.Outcomes[i].Value;
            for (int k = 0; k < _options.Keep.Count; k++) row[1 + _outcomes.Count + k] = kept[k];
            WriteRow(row);
        }

        /// <summary>One row: the key, the kept fields, then each outcome (an object's fields one column each).</summary>
        private void WriteRow(ReadOnlySpan<Value> row)
        {
            if (_rowsInSheet == RowsPerSheet) StartSheet();
            int c = 0;
            _cells[c++] = Cell(row[0]);
            for (int k = 0; k < _options.Keep.Count; k++) _cells[c++] = Cell(row[1 + _outcomes.Count + k]);
            for (int i = 0; i < _outcomes.Count; i++)
            {
                var fields = _outcomes[i].Fields;
                if (fields.Count == 0) _cells[c++] = Cell(row[1 + i]);
                else foreach (var f in fields) _cells[c++] = Cell(row[1 + i][f]);
            }
            Add(_cells);
            _rowsInSheet++;
        }

        private DataCell Cell(Value v) => v.Kind switch
        {
            ValueKind.Empty => default,
            ValueKind.Number => new DataCell(v.AsNumber),
            ValueKind.Boolean => new DataCell(v.AsBoolean),
            ValueKind.Text => new DataCell(Text(v.AsText!)),
            ValueKind.List => new DataCell(Text(string.Join(";", v.AsList.Select(x => x.ToString())))),
            _ => new DataCell(Text(v.ToString())),
        };

        private string Text(string s) => _options.NeutraliseFormulas ? OutputOptions.Inert(s) : s;

        public void Reject(long number, long line, string? key, string code, string reason) => _rejects.Add((number, line, key, code, reason));

        /// <summary>The rejects sheet, then the workbook's closing parts.</summary>
        public void Finish()
        {
            if (_book is null) return;
            var labels = _options.LabelHeaders;
            _book.StartWorksheetAsync(labels ? "拒收" : "rejects", new WorksheetOptions { FrozenRows = 1 }).AsTask().GetAwaiter().GetResult();
            var keyLabel = labels ? _rules.RuleSet.Subject.Record.FindField(_rules.Reader.KeyField)?.Label ?? _rules.Reader.KeyField : "id";
            Add(labels
                ? new[] { new DataCell("记录序号"), new DataCell("行号"), new DataCell(keyLabel), new DataCell("代码"), new DataCell("原因") }
                : new[] { new DataCell("record"), new DataCell("line"), new DataCell(keyLabel), new DataCell("code"), new DataCell("reason") });
            foreach (var (number, line, key, code, reason) in _rejects.Take(RowsPerSheet - 2))
                Add(new[] { new DataCell(number), new DataCell(line), key is null ? default : new DataCell(Text(key)), new DataCell(code), new DataCell(Text(reason)) });
            if (_rejects.Count > RowsPerSheet - 2) // a sheet holds no more; the rejects file has them all
                Add(new[] { default, default, default, default, new DataCell($"{_rejects.Count - (RowsPerSheet - 2)} more rejected records are in the rejects file (.rejects.jsonl)") });
            _book.FinishAsync().AsTask().GetAwaiter().GetResult();
            _book.Dispose();
            _book = null;
            _stream.Flush();
        }
    }
}
