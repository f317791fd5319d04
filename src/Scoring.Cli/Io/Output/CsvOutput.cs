using System.Buffers;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// CSV output: the key column, the kept fields (<c>--keep</c>), then one column per outcome, object outcomes
/// flattened as <c>dibao.status</c>; lists joined with ';'. Headers by key or by label, a BOM on request,
/// and text a spreadsheet would run as a formula neutralised (see <see cref="OutputOptions"/>).
/// </summary>
internal sealed class CsvOutput : IOutputFormat
{
    public string Name => "CSV";

    public string LocationHint => ".csv";

    public bool Accepts(string location) => CsvInput.IsCsv(location);

    public bool CarriesExplanations => false;

    public IResultWriter Create(Stream output, CompiledRuleSet rules, OutputOptions options) => new LineWriter(output, new Layout(rules, options));

    private sealed class Layout(CompiledRuleSet rules, OutputOptions options) : LineLayout
    {
        private readonly IReadOnlyList<OutcomeInfo> _outcomes = rules.Outcomes;
        private readonly int _kept = options.Keep.Count;
        private readonly bool _inert = options.NeutraliseFormulas;

        public override void WriteHeader(IBufferWriter<byte> to)
        {
            if (options.Bom) to.Write("\uFEFF"u8);
            var names = Headers.For(rules, options);
            for (int i = 0; i < names.Count; i++)
            {
                if (i > 0) CsvCells.Separator(to);
                CsvCells.Cell(to, _inert ? OutputOptions.Inert(names[i]) : names[i]);
            }
            CsvCells.EndOfLine(to);
        }

        public override void WriteRow(IBufferWriter<byte> to, string? key, ReadOnlySpan<Value> values)
        {
            CsvCells.Cell(to, _inert ? OutputOptions.Inert(key ?? "") : key ?? "");
            for (int k = 0; k < _kept; k++)
            {
                CsvCells.Separator(to);
                CsvCells.Cell(to, values[_outcomes.Count + k], _inert);
            }
            for (int i = 0; i < _outcomes.Count; i++)
            {
                var fields = _outcomes[i].Fields;
                var v = values[i];
                if (fields.Count == 0)
                {
                    CsvCells.Separator(to);
                    CsvCells.Cell(to, v, _inert);
                }
                else
                {
                    foreach (var f in fields)
                    {
                        CsvCells.Separator(to);
                        CsvCells.Cell(to, v[f], _inert);
                    }
                }
            }
            CsvCells.EndOfLine(to);
        }

        public override void WriteRow(IBufferWriter<byte> to, Evaluation evaluation, ReadOnlySpan<Value> kept) =>
            WriteRow(to, evaluation.Key, Values(evaluation, kept));
    }
}
