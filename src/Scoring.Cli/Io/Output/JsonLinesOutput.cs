using System.Buffers;
using System.Text.Json;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>JSON Lines output: one object a line, <c>{"id": …, "outcomes": {…}, "explanation": […]}</c>.</summary>
internal sealed class JsonLinesOutput : IOutputFormat
{
    public string Name => "JSON Lines";

    public string LocationHint => ".jsonl";

    public bool Accepts(string location) => JsonLinesInput.IsJsonLines(location);

    public bool CarriesExplanations => true;

    public IResultWriter Create(Stream output, CompiledRuleSet rules) => new LineWriter(output, new Layout(rules));

    private sealed class Layout(CompiledRuleSet rules) : LineLayout
    {
        private readonly IReadOnlyList<OutcomeInfo> _outcomes = rules.Outcomes;

        [ThreadStatic] private static Utf8JsonWriter? _json;

        private static Utf8JsonWriter Writer(IBufferWriter<byte> to)
        {
            var w = _json ??= new Utf8JsonWriter(to, ResultJson.WriterOptions);
            w.Reset(to);
            return w;
        }

        public override void WriteRow(IBufferWriter<byte> to, string? key, ReadOnlySpan<Value> values)
        {
            var w = Writer(to);
            w.WriteStartObject();
            w.WriteString("id", key);
            w.WriteStartObject("outcomes");
            for (int i = 0; i < _outcomes.Count; i++)
            {
                w.WritePropertyName(_outcomes[i].Key);
                ResultJson.WriteValue(w, values[i]);
            }
            w.WriteEndObject();
            w.WriteEndObject();
            w.Flush();
            to.Write("\n"u8);
        }

        public override void WriteRow(IBufferWriter<byte> to, Evaluation evaluation)
        {
            var w = Writer(to);
            ResultJson.WriteEvaluation(w, evaluation);
            w.Flush();
            to.Write("\n"u8);
        }
    }
}
