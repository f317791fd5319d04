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

    public IResultWriter Create(Stream output, CompiledRuleSet rules, OutputOptions options) => new LineWriter(output, new Layout(rules, options));

    /// <summary>With kept fields (<c>--keep</c>), each object carries them as <c>"fields": {…}</c> after its id.</summary>
    private sealed class Layout(CompiledRuleSet rules, OutputOptions options) : LineLayout
    {
        private readonly IReadOnlyList<OutcomeInfo> _outcomes = rules.Outcomes;
        private readonly IReadOnlyList<string> _keep = options.Keep;

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
            WriteKept(w, values[_outcomes.Count..]);
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

        private void WriteKept(Utf8JsonWriter w, ReadOnlySpan<Value> values)
        {
            if (_keep.Count == 0) return;
            w.WriteStartObject("fields");
            for (int k = 0; k < _keep.Count; k++)
            {
                w.WritePropertyName(_keep[k]);
                ResultJson.WriteValue(w, values[k]);
            }
            w.WriteEndObject();
        }

        public override void WriteRow(IBufferWriter<byte> to, Evaluation evaluation, ReadOnlySpan<Value> kept)
        {
            var w = Writer(to);
            if (_keep.Count == 0 || !evaluation.Succeeded) ResultJson.WriteEvaluation(w, evaluation);
            else
            {
                w.WriteStartObject();
                w.WriteString("id", evaluation.Key);
                WriteKept(w, kept);
                w.WritePropertyName("outcomes");
                ResultJson.WriteOutcomes(w, evaluation.Outcomes);
                if (evaluation.Explanation is { } ex)
                {
                    w.WritePropertyName("explanation");
                    ResultJson.WriteExplanation(w, ex);
                }
                w.WriteEndObject();
            }
            w.Flush();
            to.Write("\n"u8);
        }
    }
}
