namespace Scoring.Model;

/// <summary>The type of an input field or parameter.</summary>
public enum FieldType
{
    /// <summary>Text.</summary>
    String,
    /// <summary>A whole number (held as an exact decimal).</summary>
    Integer,
    /// <summary>An exact decimal number.</summary>
    Decimal,
    /// <summary><c>true</c> / <c>false</c>.</summary>
    Boolean,
    /// <summary>A calendar date <c>YYYY-MM-DD</c>.</summary>
    Date,
    /// <summary>A calendar month <c>YYYY-MM</c>.</summary>
    Month,
    /// <summary>One of a fixed list of text values.</summary>
    Enum,
    /// <summary>A list of text values (optionally restricted to a fixed list), e.g. documents provided.</summary>
    List,
    /// <summary>A marginal-rate scale (parameters only): bands with a rate each.</summary>
    Scale,
}
