using System.Buffers;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>CSV output: the key column, then one column per outcome, object outcomes flattened as <c>dibao.status</c>; lists joined with ';'.</summary>
internal sealed class CsvOutput : IOutputFormat
{
    public string Name => "CSV";

    public string LocationHint => ".csv";

    public bool Accepts(string location) => CsvInput.IsCsv(location);

    public bool CarriesExplanations => false;

    public IResultWriter Create(Stream output, CompiledRuleSet rules) => new LineWriter(output, new Layout(rules));

    private sealed class Layout(CompiledRuleSet rules) : LineLayout
    {
        private readonly IReadOnlyList<OutcomeInfo> _outcomes = rules.Outcomes;

        public override void WriteHeader(IBufferWriter<byte> to)
        {
            CsvCells.Cell(to, rules.Reader.KeyField);
            foreach (var o in _outcomes)
            {
                if (o.Fields.Count == 0) { CsvCells.Separator(to); CsvCells.Cell(to, o.Key); }
                else foreach (var f in o.Fields) { CsvCells.Separator(to); CsvCells.Cell(to, o.Key + "." + f); }
            }
            CsvCells.EndOfLine(to);
        }

        public override void WriteRow(IBufferWriter<byte> to, string? key, ReadOnlySpan<Value> values)
        {
            CsvCells.Cell(to, key ?? "");
            for (int i = 0; i < _outcomes.Count; i++)
            {
                var fields = _outcomes[i].Fields;
                if (fields.Count == 0)
                {
                    CsvCells.Separator(to);
                    CsvCells.Cell(to, values[i]);
                }
                else
                {
                    foreach (var f in fields)
                    {
                        CsvCells.Separator(to);
                        CsvCells.Cell(to, values[i][f]);
                    }
                }
            }
            CsvCells.EndOfLine(to);
        }

        public override void WriteRow(IBufferWriter<byte> to, Evaluation evaluation) =>
            WriteRow(to, evaluation.Key, evaluation.Outcomes.Select(o => o.Value).ToArray());
    }
}
