using System.Reflection;
using System.Reflection.Emit;

namespace Rapport.Host.Tests.Architecture;

/// <summary>
/// The types a type uses: in its base type, interfaces, fields, properties and signatures, and in its methods' bodies
/// (every type, method and field token of the IL) — nested types (lambdas, async state machines) included.
/// </summary>
internal static class TypeDependencies
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IEnumerable<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Collect(type, found);
        return found;
    }

    private static void Collect(Type type, HashSet<Type> found)
    {
        Add(type.BaseType, found);
        foreach (var i in type.GetInterfaces())
        {
            Add(i, found);
        }

        foreach (var field in type.GetFields(Everything))
        {
            Add(field.FieldType, found);
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(property.PropertyType, found);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType, found);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType, found);
            }

            foreach (var token in Tokens(method))
            {
                Resolve(method.Module, token, method, found);
            }
        }

        foreach (var nested in type.GetNestedTypes(Everything))
        {
            Collect(nested, found);
        }
    }

    private static void Resolve(Module module, int token, MethodBase context, HashSet<Type> found)
    {
        var typeArgs = context.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = context.IsGenericMethod ? context.GetGenericArguments() : null;
        try
        {
            switch (module.ResolveMember(token, typeArgs, methodArgs))
            {
                case Type t:
                    Add(t, found);
                    break;
                case MethodBase m:
                    Add(m.DeclaringType, found);
                    break;
                case FieldInfo f:
                    Add(f.DeclaringType, found);
                    Add(f.FieldType, found);
                    break;
            }
        }
        catch (ArgumentException)
        {
            // A string or signature token, not a member.
        }
    }

    private static void Add(Type? type, HashSet<Type> found)
    {
        if (type is null)
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(type.GetElementType(), found);
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(argument, found);
            }

            type = type.GetGenericTypeDefinition();
        }

        found.Add(type);
    }

    /// <summary>Every metadata token operand of the method's IL (type, method, field and member references).</summary>
    private static IEnumerable<int> Tokens(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[at++]);
            }

            var opcode = OpCodesByValue[value];
            switch (opcode.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, at);
                    at += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }
}
