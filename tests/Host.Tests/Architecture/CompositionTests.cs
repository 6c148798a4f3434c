using System.Reflection;
using System.Reflection.Emit;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Application.Common;
using Rapport.Host.Cli;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;

namespace Rapport.Host.Tests.Architecture;

/// <summary>
/// One composition: use cases (and what they are built on) are created by the container only, and only the
/// composition reaches the store. Read from the compiled types of src/Host, method bodies included.
/// </summary>
public sealed class CompositionTests
{
    private static readonly Type[] HostTypes = typeof(RapportCli).Assembly.GetTypes();

    private static readonly string[] Composition = ["Rapport.Host.Composition", "Rapport.Host.Hosting"];

    /// <summary>What the container builds from Rapport.Application: every use case and the node's shared services.</summary>
    private static readonly HashSet<Type> Built = [.. new ServiceCollection().AddUseCases().AddPeerNetwork()
        .SelectMany(d => new[] { d.ServiceType, d.ImplementationType })
        .Where(t => t is not null && t.Assembly == typeof(IUnitOfWorkFactory).Assembly && t.IsClass)
        .Select(t => t!)];

    private static readonly Type[] Store = [typeof(IUnitOfWorkFactory), typeof(IUnitOfWork), typeof(IReadUnitOfWork)];

    [Fact]
    public void No_use_case_is_built_outside_the_composition()
    {
        Assert.Contains(typeof(Application.Contacts.CreateContact), Built);
        var found = OutsideComposition()
            .SelectMany(t => Constructed(t).Where(Built.Contains).Select(c => $"{t.FullName} builds {c.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(found.Count == 0, "use them from the container instead:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Only_the_composition_reaches_the_store()
    {
        var found = OutsideComposition()
            .SelectMany(t => TypeDependencies.Of(t).Where(d => Store.Contains(d) || IsStoreInterface(d)).Select(d => $"{t.FullName} uses {d.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(found.Count == 0, "ask a use case instead:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_reader_sees_a_use_case_built_in_a_method_body()
    {
        // The composition builds NodeServices' audit-head check by hand: the reader must see that, or it proves nothing.
        Assert.Contains(typeof(Application.Audit.Head.CheckAuditHead), Constructed(typeof(NodeServices)));
    }

    private static IEnumerable<Type> OutsideComposition() =>
        HostTypes.Where(t => !t.IsNested && t.Namespace is { } ns && !Composition.Any(c => ns == c || ns.StartsWith(c + ".", StringComparison.Ordinal)));

    private static bool IsStoreInterface(Type type) =>
        type.IsInterface && type.Assembly == typeof(IUnitOfWorkFactory).Assembly && type.Name.EndsWith("Store", StringComparison.Ordinal);

    /// <summary>The types whose constructors <paramref name="type"/> (and its nested types: lambdas, state machines) call with newobj.</summary>
    private static IEnumerable<Type> Constructed(Type type)
    {
        const BindingFlags everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var methods = type.GetMethods(everything).Cast<MethodBase>().Concat(type.GetConstructors(everything));
        foreach (var method in methods)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                continue;
            }

            for (var at = 0; at + 4 < il.Length; at++)
            {
                // newobj is 0x73 followed by a method token (table 0x06 MethodDef or 0x0A MemberRef).
                if (il[at] == OpCodes.Newobj.Value && il[at + 4] is 0x06 or 0x0A
                    && Resolve(method, BitConverter.ToInt32(il, at + 1)) is { } built)
                {
                    yield return built;
                }
            }
        }

        foreach (var nested in type.GetNestedTypes(everything))
        {
            foreach (var built in Constructed(nested))
            {
                yield return built;
            }
        }
    }

    private static Type? Resolve(MethodBase context, int token)
    {
        try
        {
            var typeArgs = context.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
            return (context.Module.ResolveMember(token, typeArgs, context.IsGenericMethod ? context.GetGenericArguments() : null) as ConstructorInfo)?.DeclaringType;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
