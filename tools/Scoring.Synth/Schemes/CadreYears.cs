namespace Scoring.Synth;

/// <summary>
/// ten-star-cadre.md, yearly: <c>{"cadre_id", "team", "year", "months": [monthly records]}</c>, one line per cadre.
/// Cadre k's months are exactly the records 12k… of cadre-months with the same seed, less the months not reported
/// (cadres who joined or left during the year, or missed a report), so missing months, every grade and both vetoes occur.
/// </summary>
internal sealed class CadreYearsScheme : Scheme
{
    private static readonly Token Year = new("year"), Months = new("months");
    private static readonly Token[] Fields = { CadreModel.CadreId, CadreModel.Team, Year, Months };

    public override string Name => "cadre-years";
    public override bool Nested => true;
    public override string Shape => "a cadre with \"months\": [monthly records]";
    public override Token[] Columns => Fields;

    public override Sample Sample { get; } = new CadreYearsSample();

    public override Generator Create(long n, ulong seed) => new Gen(seed, Ids.Width(n));

    private sealed class Gen(ulong seed, int width) : Generator
    {
        public override void Write(RecordWriter w, long index)
        {
            var cadre = CadreModel.Traits(seed, index);
            w.Id(CadreModel.CadreId, "C-", index + 1, width);
            w.String(CadreModel.Team, CadreModel.Teams[cadre.Team]);
            w.Int(Year, cadre.Year);
            w.BeginArray(Months);
            for (int m = 1; m <= 12; m++)
            {
                if ((cadre.Present & (1 << (m - 1))) == 0) continue;
                w.BeginItem();
                CadreModel.WriteMonth(w, seed, index, width, cadre, m);
                w.EndItem();
            }
            w.EndArray();
        }
    }
}
