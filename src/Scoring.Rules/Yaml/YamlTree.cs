using Scoring.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Scoring.Rules.Yaml;

/// <summary>A YAML node with its source span. Built from parser events, never by instantiating types.</summary>
internal abstract class YNode
{
    protected YNode(SourceSpan span) => Span = span;

    public SourceSpan Span { get; }

    public abstract string KindName { get; }
}

internal sealed class YScalar : YNode
{
    public YScalar(string value, ScalarStyle style, SourceSpan span, SourceOrigin origin) : base(span)
    {
        Value = value;
        Style = style;
        Origin = origin;
    }

    public string Value { get; }
    public ScalarStyle Style { get; }

    /// <summary>Maps offsets inside <see cref="Value"/> back to the file.</summary>
    public SourceOrigin Origin { get; }

    public bool IsPlain => Style == ScalarStyle.Plain;

    /// <summary>A plain <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => IsPlain && (Value.Length == 0 || Value is "null" or "Null" or "NULL" or "~");

    public override string KindName => IsNull ? "null" : "a scalar";
}

internal sealed class YSequence : YNode
{
    public YSequence(List<YNode> items, SourceSpan span) : base(span) => Items = items;

    public List<YNode> Items { get; }

    public override string KindName => "a list";
}

internal sealed class YMapping : YNode
{
    public YMapping(List<KeyValuePair<YScalar, YNode>> entries, SourceSpan span) : base(span) => Entries = entries;

    public List<KeyValuePair<YScalar, YNode>> Entries { get; }

    public override string KindName => "a mapping";
}

/// <summary>
/// Reads YAML text into <see cref="YNode"/>s with an explicit stack (no recursion), enforcing
/// size, depth and node-count limits, rejecting aliases (no billion-laughs expansion) and
/// duplicate keys. Errors go to the bag; it never throws.
/// </summary>
internal static class YamlTree
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxDepth = 64;
    public const int MaxNodes = 200_000;

    public static YNode? Read(string text, string file, DiagnosticBag bag)
    {
        if (text.Length > MaxBytes)
        {
            bag.Error(DiagnosticCodes.LimitExceeded, $"file is {text.Length} characters; the limit is {MaxBytes}", SourceSpan.At(file, 1, 1));
            return null;
        }
        var lines = text.Split('\n');
        var stack = new Stack<Frame>();
        YNode? root = null;
        int nodes = 0;
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                switch (ev)
                {
                    case StreamStart:
                    case StreamEnd:
                    case DocumentEnd:
                        break;
                    case DocumentStart:
                        if (root is not null)
                        {
                            bag.Error(DiagnosticCodes.YamlSyntax, "a rule file holds one YAML document; found a second one", Span(file, ev.Start, ev.End));
                            return root;
                        }
                        break;
                    case AnchorAlias a:
                        bag.Error(DiagnosticCodes.YamlSyntax, $"aliases (*{a.Value}) are not allowed in rule files; write the content out", Span(file, ev.Start, ev.End));
                        return null;
                    case Scalar s:
                    {
                        if (++nodes > MaxNodes) return TooMany(file, ev, bag);
                        if (!CheckTag(s.Tag.IsEmpty ? null : s.Tag.Value, file, ev, bag)) return null;
                        var span = Span(file, s.Start, s.End);
                        var origin = new ScalarOrigin(file, lines, s);
                        var node = new YScalar(s.Value, s.Style, span, origin);
                        if (!Add(stack, node, ref root, file, bag)) return null;
                        break;
                    }
                    case SequenceStart ss:
                        if (++nodes > MaxNodes) return TooMany(file, ev, bag);
                        if (!CheckTag(ss.Tag.IsEmpty ? null : ss.Tag.Value, file, ev, bag)) return null;
                        if (stack.Count >= MaxDepth) return TooDeep(file, ev, bag);
                        stack.Push(new Frame(ev.Start, isMap: false));
                        break;
                    case MappingStart ms:
                        if (++nodes > MaxNodes) return TooMany(file, ev, bag);
                        if (!CheckTag(ms.Tag.IsEmpty ? null : ms.Tag.Value, file, ev, bag)) return null;
                        if (stack.Count >= MaxDepth) return TooDeep(file, ev, bag);
                        stack.Push(new Frame(ev.Start, isMap: true));
                        break;
                    case SequenceEnd:
                    case MappingEnd:
                    {
                        var f = stack.Pop();
                        var span = Span(file, f.Start, ev.End);
                        YNode node = f.IsMap ? new YMapping(f.Entries, span) : new YSequence(f.Items, span);
                        if (!Add(stack, node, ref root, file, bag)) return null;
                        break;
                    }
                }
            }
        }
        catch (YamlException ex)
        {
            var msg = ex.Message;
            int idx = msg.IndexOf("): ", StringComparison.Ordinal);
            if (msg.StartsWith("(Line", StringComparison.Ordinal) && idx > 0) msg = msg[(idx + 3)..];
            bag.Error(DiagnosticCodes.YamlSyntax, "YAML syntax error: " + msg, Span(file, ex.Start, ex.End));
            return null;
        }
        if (root is null)
            bag.Error(DiagnosticCodes.YamlSyntax, "the file is empty", SourceSpan.At(file, 1, 1));
        return root;
    }

    private static YNode? TooMany(string file, ParsingEvent ev, DiagnosticBag bag)
    {
        bag.Error(DiagnosticCodes.LimitExceeded, $"file has more than {MaxNodes} YAML nodes", Span(file, ev.Start, ev.End));
        return null;
    }

    private static YNode? TooDeep(string file, ParsingEvent ev, DiagnosticBag bag)
    {
        bag.Error(DiagnosticCodes.LimitExceeded, $"YAML nests more than {MaxDepth} levels deep", Span(file, ev.Start, ev.End));
        return null;
    }

    private static bool CheckTag(string? tag, string file, ParsingEvent ev, DiagnosticBag bag)
    {
        if (tag is null || tag == "!" || tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal)) return true;
        bag.Error(DiagnosticCodes.YamlSyntax, $"YAML tags such as '{tag}' are not allowed in rule files", Span(file, ev.Start, ev.End));
        return false;
    }

    private static bool Add(Stack<Frame> stack, YNode node, ref YNode? root, string file, DiagnosticBag bag)
    {
        if (stack.Count == 0)
        {
            root = node;
            return true;
        }
        var top = stack.Peek();
        if (!top.IsMap)
        {
            top.Items.Add(node);
            return true;
        }
        if (top.PendingKey is null)
        {
            if (node is not YScalar key)
            {
                bag.Error(DiagnosticCodes.YamlSyntax, "mapping keys must be plain text", node.Span);
                return false;
            }
            if (!top.Keys.Add(key.Value))
                bag.Error(DiagnosticCodes.DuplicateKey, $"key '{key.Value}' appears twice in this mapping", key.Span);
            top.PendingKey = key;
            return true;
        }
        top.Entries.Add(new KeyValuePair<YScalar, YNode>(top.PendingKey, node));
        top.PendingKey = null;
        return true;
    }

    internal static SourceSpan Span(string file, Mark start, Mark end)
    {
        // YamlDotNet marks are 1-based; the end mark points just past the node
        int endCol = Math.Max(start.Line == end.Line ? (int)start.Column : 1, (int)end.Column - 1);
        return new SourceSpan(file, (int)start.Line, (int)start.Column, (int)end.Line, endCol);
    }

    private sealed class Frame
    {
        public Frame(Mark start, bool isMap)
        {
            Start = start;
            IsMap = isMap;
        }

        public Mark Start { get; }
        public bool IsMap { get; }
        public List<YNode> Items { get; } = new();
        public List<KeyValuePair<YScalar, YNode>> Entries { get; } = new();
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public YScalar? PendingKey { get; set; }
    }
}

/// <summary>
/// Maps character offsets of a scalar's value to file positions by aligning the value with the
/// raw text it was read from (this follows quotes, escapes, folding and block indentation).
/// </summary>
internal sealed class ScalarOrigin : SourceOrigin
{
    private readonly string[] _lines;
    private readonly Scalar _scalar;
    private (int Line, int Col)[]? _map;

    public ScalarOrigin(string file, string[] lines, Scalar scalar) : base(file, (int)scalar.Start.Line, (int)scalar.Start.Column)
    {
        _lines = lines;
        _scalar = scalar;
    }

    public override (int Line, int Column) Map(string text, int offset)
    {
        if (!ReferenceEquals(text, _scalar.Value) && text != _scalar.Value) return base.Map(text, offset);
        _map ??= Align();
        if (_map.Length == 0) return (Line, Column);
        return _map[Math.Clamp(offset, 0, _map.Length - 1)];
    }

    private (int, int)[] Align()
    {
        var value = _scalar.Value;
        var map = new (int, int)[value.Length + 1];
        int line = (int)_scalar.Start.Line - 1, col = (int)_scalar.Start.Column - 1;
        bool block = _scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
        bool dq = _scalar.Style == ScalarStyle.DoubleQuoted, sq = _scalar.Style == ScalarStyle.SingleQuoted;
        if (block) { line++; col = 0; }
        else if (dq || sq) col++;
        int endLine = (int)_scalar.End.Line - 1;
        for (int i = 0; i < value.Length; i++)
        {
            char v = value[i];
            map[i] = (line + 1, col + 1);
            int guard = 0;
            while (line < _lines.Length && line <= endLine + 1 && guard++ < 100_000)
            {
                var l = _lines[line].TrimEnd('\r');
                if (col >= l.Length)
                {
                    // a line break in the file: in the value it is a newline, a folded space, or nothing
                    line++;
                    col = block ? 0 : Indent(line);
                    if (char.IsWhiteSpace(v)) { map[i] = (line, l.Length + 1); break; }
                    continue;
                }
                char f = l[col];
                if (dq && f == '\\')
                {
                    if (col + 1 >= l.Length) { line++; col = Indent(line); continue; } // escaped line break: no character in the value
                    int len = l[col + 1] switch { 'x' => 4, 'u' => 6, 'U' => 10, _ => 2 };
                    map[i] = (line + 1, col + 1);
                    col += len;
                    break;
                }
                if (sq && f == '\'' && v == '\'' && col + 1 < l.Length && l[col + 1] == '\'')
                {
                    map[i] = (line + 1, col + 1);
                    col += 2;
                    break;
                }
                if (f == v)
                {
                    map[i] = (line + 1, col + 1);
                    col++;
                    break;
                }
                if (char.IsWhiteSpace(f)) { col++; continue; }
                map[i] = (line + 1, col + 1); // cannot align (should not happen): keep the best guess
                break;
            }
        }
        // the end of the text is its last visible character (not the line after a block's final newline)
        int last = value.Length - 1;
        while (last >= 0 && char.IsWhiteSpace(value[last])) last--;
        map[value.Length] = last >= 0 ? map[last] : (line + 1, col + 1);
        return map;
    }

    /// <summary>Where the content of a continuation line of a flow scalar starts (its leading white space is not content).</summary>
    private int Indent(int line)
    {
        if (line >= _lines.Length) return 0;
        var l = _lines[line];
        int c = 0;
        while (c < l.Length && (l[c] == ' ' || l[c] == '\t')) c++;
        return c;
    }
}
