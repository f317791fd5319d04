namespace Scoring.Diagnostics;

/// <summary>The stable diagnostic codes. Codes never change meaning once shipped.</summary>
public static class DiagnosticCodes
{
#pragma warning disable CS1591 // each constant is documented by its message text
    // 00xx: the file and its YAML structure
    public const string YamlSyntax = "SCR0001";
    public const string UnknownKey = "SCR0002";
    public const string MissingKey = "SCR0003";
    public const string InvalidValue = "SCR0004";
    public const string DuplicateKey = "SCR0005";
    public const string InvalidIdentifier = "SCR0006";
    public const string LimitExceeded = "SCR0007";
    public const string FileNotFound = "SCR0008";
    // 01xx: expression syntax
    public const string UnexpectedToken = "SCR0101";
    public const string UnterminatedString = "SCR0102";
    public const string InvalidCharacter = "SCR0103";
    public const string ExpressionTooDeep = "SCR0104";
    public const string ExpressionTooLong = "SCR0105";
    public const string InvalidLiteral = "SCR0106";
    // 02xx: names and types
    public const string UnknownName = "SCR0201";
    public const string TypeMismatch = "SCR0202";
    public const string UnknownFunction = "SCR0203";
    public const string OptionalFieldRead = "SCR0204";
    public const string Cycle = "SCR0205";
    public const string UnknownEnumMember = "SCR0206";
    public const string UnknownOutcome = "SCR0207";
    public const string DuplicateName = "SCR0208";
    public const string InvalidReference = "SCR0209";
    // 03xx: runs and parameters
    public const string AsOfRequired = "SCR0301";
    public const string ParameterNotInForce = "SCR0302";
    public const string ParameterMissing = "SCR0303";
    public const string NotInEffect = "SCR0304";
    public const string InvalidParameter = "SCR0305";
    // 05xx: a record
    public const string MissingField = "SCR0501";
    public const string InvalidField = "SCR0502";
    public const string DivisionByZero = "SCR0503";
    public const string Overflow = "SCR0504";
    public const string EmptyCollection = "SCR0505";
    public const string UnknownField = "SCR0506";
    public const string InvalidRecord = "SCR0507";
    public const string CheckFailed = "SCR0508";
#pragma warning restore CS1591
}
