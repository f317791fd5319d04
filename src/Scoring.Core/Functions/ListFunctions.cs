using System.Collections.Immutable;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Diagnostics;
using Scoring.Syntax;

namespace Scoring.Functions;

/// <summary>is_empty and contains: questions about optional values and list fields.</summary>
internal static class ListFunctions
{
    public static IEnumerable<BuiltinFunction> All { get; } = new BuiltinFunction[] { new IsEmpty(), new Contains() };

    /// <summary>is_empty(x): whether an optional field (or a classification without else) has no value; narrows x after it.</summary>
    private sealed class IsEmpty : BuiltinFunction
    {
        public IsEmpty() : base("is_empty", "whether an optional field, or a classification without else, has no value; after `not is_empty(x) and …` the rest may read x", "is_empty(field)") { }

        public override string Returns => "a boolean";

        public override BExpr Bind(CallExpr c, ExpressionBinder binder)
        {
            if (c.Arguments.Count != 1) return binder.Arity(c, "is_empty(field)");
            var a = binder.Bind(c.Arguments[0]);
            if (a is BField bf && bf.Field.Def.Optional) return new BIsEmpty(c, bf);
            if (a is BDef { Symbol.MayBeEmpty: true } maybe) return new BIsEmpty(c, maybe);
            if (a.Type.Kind != TKind.Error)
                binder.Error(DiagnosticCodes.TypeMismatch, $"is_empty() takes an optional field or a classification without 'else'; '{ExpressionBinder.PrintShort(c.Arguments[0])}' is never empty", c.Arguments[0].Span);
            return BConst.Error(c);
        }
    }

    /// <summary>contains(list_field, 'value').</summary>
    private sealed class Contains : BuiltinFunction
    {
        public Contains() : base("contains", "whether a list field holds a value", "contains(documents, 'id_card_copy')") { }

        public override string Returns => "a boolean";

        public override BExpr Bind(CallExpr c, ExpressionBinder binder)
        {
            if (c.Arguments.Count != 2) return binder.Arity(c, "contains(list_field, 'value')");
            var list = binder.Bind(c.Arguments[0]);
            var item = binder.Operand(c.Arguments[1]);
            if (list.Type.Kind != TKind.List)
            {
                if (list.Type.Kind != TKind.Error)
                    binder.Error(DiagnosticCodes.TypeMismatch, $"contains() takes a list field first; '{ExpressionBinder.PrintShort(c.Arguments[0])}' is {list.Type}", c.Arguments[0].Span);
                return BConst.Error(c);
            }
            if (list is BField lbf && lbf.Field.Def.Optional) binder.ReportOptional(lbf);
            binder.ExpectType(item, TKind.Text, "the value looked up by contains()");
            binder.CheckMember(list, item);
            return new BCall(c, TType.Boolean, this, ImmutableArray.Create(list, item));
        }

        public override Expression Emit(BCall call, IEmitter emitter) =>
            StaticMethod.Call(typeof(ListFunctions), nameof(ListContains), emitter.Emit(call.Args[0]), emitter.Emit(call.Args[1]));
    }

    internal static bool ListContains(string[]? list, string? item)
    {
        if (list is null) return false;
        foreach (var s in list) if (string.Equals(s, item, StringComparison.Ordinal)) return true;
        return false;
    }
}
